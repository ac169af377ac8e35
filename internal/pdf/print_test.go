package pdf

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

var updateTestdata = flag.Bool("update", false, "rewrite testdata/workbook.pdf from a real Chromium print")

// workbookHTML is a small three-chapter workbook; css is spliced into its
// @page rule.
func workbookHTML(pageSize string) string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chromium Title</title>
<style>
@page { ` + pageSize + ` margin: 20mm; @bottom-right { content: "Page " counter(page) } }
section { break-before: page; }
</style></head><body>
<section><h1>Goals</h1><p>What do you want to change?</p></section>
<section><h1>Reality – Übung</h1><p>Where are you now?</p><h2>Resources</h2><p>What helps?</p></section>
<section><h1>Options</h1><p>What could you do?</p></section>
</body></html>`
}

// wantOutline is where the headings of workbookHTML land.
var wantOutline = []Entry{
	{Title: "Goals", Level: 1, Page: 1},
	{Title: "Reality – Übung", Level: 1, Page: 2},
	{Title: "Resources", Level: 2, Page: 2},
	{Title: "Options", Level: 1, Page: 3},
}

// printer prints HTML with one real browser tab.
type printer struct {
	ctx      context.Context
	path     string
	fragment string // appended to the file URL
}

// newPrinter starts a browser that fails the test on any network request.
func newPrinter(t *testing.T) *printer {
	t.Helper()
	ctx := chrometest.Context(t)
	dir := t.TempDir()
	chrometest.ForbidOutside(t, ctx, []string{dir})
	return &printer{ctx: ctx, path: filepath.Join(dir, "print.html")}
}

// print writes html to the same file each time and prints it with print
// (Print or printRaw).
func (p *printer) print(t *testing.T, html string, opts Options, print func(context.Context, string, Options) ([]byte, error)) []byte {
	t.Helper()
	if err := os.WriteFile(p.path, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	data, err := print(ctx, chrometest.FileURL(t, p.path)+p.fragment, opts)
	if err != nil {
		t.Fatalf("printing %s: %v", p.path, err)
	}
	return data
}

// poppler runs a poppler tool on data and returns its output. It skips the
// test when poppler is missing, or fails it when CI=true.
func poppler(t *testing.T, tool string, data []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		const hint = "poppler-utils not found: apt-get install -y poppler-utils"
		if os.Getenv("CI") == "true" {
			t.Fatal(hint)
		}
		t.Skip(hint)
	}
	p := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, p)
	if tool == "pdftotext" {
		args = append(args, "-") // to stdout
	}
	var stderr strings.Builder
	cmd := exec.Command(tool, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// poppler repairs a broken cross-reference table silently except for a
	// message on stderr, so any message there is a failure.
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, stderr.String())
	}
	return string(out)
}

// infoField returns the value of a "Key: value" line of pdfinfo output.
func infoField(out, key string) string {
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// TestPrint runs every real-browser print in one browser, one tab, as the
// pdf command does: starting Chromium is the slow part.
func TestPrint(t *testing.T) {
	p := newPrinter(t)
	t.Run("A4 with metadata and outline", func(t *testing.T) { testPrintA4(t, p) })
	t.Run("Letter paper", func(t *testing.T) { testPrintLetter(t, p) })
	t.Run("print twice sees changes", func(t *testing.T) { testPrintTwice(t, p) })
	t.Run("named destinations of linked ids", func(t *testing.T) { testNamedPages(t, p) })
	t.Run("missing page", func(t *testing.T) {
		missing := chrometest.FileURL(t, filepath.Join(filepath.Dir(p.path), "nope.html"))
		_, err := Print(p.ctx, missing, Options{})
		if err == nil || !strings.Contains(err.Error(), missing) {
			t.Fatalf("Print(%s) error = %v; want one naming the URL", missing, err)
		}
	})
}

func testPrintA4(t *testing.T, p *printer) {
	var stages []string
	data := p.print(t, workbookHTML("size: A4;"), Options{
		Info:     Info{Title: "Coaching Workbook", Author: "Ana Müller", Subject: "GROW"},
		Progress: func(s string) { stages = append(stages, s) },
	}, Print)
	if *updateTestdata {
		raw := p.print(t, workbookHTML("size: A4;"), Options{}, printRaw)
		if err := os.WriteFile("testdata/workbook.pdf", raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	info := poppler(t, "pdfinfo", data)
	for key, want := range map[string]string{
		"Title": "Coaching Workbook", "Author": "Ana Müller", "Subject": "GROW", "Creator": "praxis",
		"Pages": "3", "Page size": "594.96 x 841.92 pts (A4)", "Tagged": "yes",
	} {
		if got := infoField(info, key); got != want {
			t.Errorf("pdfinfo %s = %q; want %q\n%s", key, got, want, info)
		}
	}
	if text := poppler(t, "pdftotext", data); !strings.Contains(text, "Page 2") || !strings.Contains(text, "Where are you now?") {
		t.Errorf("pdftotext output lacks the page footer %q or the body text:\n%s", "Page 2", text)
	}
	got, err := Outline(data)
	if err != nil || !reflect.DeepEqual(pagesOnly(got), wantOutline) {
		t.Errorf("Outline = %+v, %v; want %+v", got, err, wantOutline)
	}
	wantStages := []string{"loading", "waiting for fonts and images", "printing", "writing metadata"}
	if !reflect.DeepEqual(stages, wantStages) {
		t.Errorf("progress stages = %q; want %q", stages, wantStages)
	}
}

func testPrintLetter(t *testing.T, p *printer) {
	data := p.print(t, workbookHTML(""), Options{Paper: Letter}, Print)
	info := poppler(t, "pdfinfo", data)
	for key, want := range map[string]string{
		"Page size": "612 x 792 pts (letter)", "Title": "Chromium Title", "Creator": "praxis",
	} {
		if got := infoField(info, key); got != want {
			t.Errorf("pdfinfo %s = %q; want %q\n%s", key, got, want, info)
		}
	}
	if n, err := PageCount(data); err != nil || n != 3 {
		t.Errorf("PageCount = %d, %v; want 3", n, err)
	}
}

// testPrintTwice is the table-of-contents flow: print, change the page on
// disk, print again in the same tab.
func testPrintTwice(t *testing.T, p *printer) {
	first := p.print(t, workbookHTML("size: A4;"), Options{}, Print)
	toc := strings.Replace(workbookHTML("size: A4;"), "<h1>Goals</h1>", "<p>Contents: Options ... 3</p><h1>Goals</h1>", 1)
	p.fragment = "#contents" // same file, another fragment: must still reload
	defer func() { p.fragment = "" }()
	second := p.print(t, toc, Options{}, Print)
	if strings.Contains(poppler(t, "pdftotext", first), "Options ... 3") {
		t.Fatalf("the first print already has the table of contents")
	}
	if text := poppler(t, "pdftotext", second); !strings.Contains(text, "Options ... 3") {
		t.Fatalf("the second print lacks the changed page content:\n%s", text)
	}
}

// testNamedPages checks that Chromium writes a named destination for each
// id a link points to, as praxis pdf relies on to find where the print
// book's first section starts.
func testNamedPages(t *testing.T, p *printer) {
	html := strings.NewReplacer(`<section><h1>Goals`, `<nav><a href="#goals">Goals</a> <a href="#options">Options</a></nav><section id="goals"><h1>Goals`,
		`<section><h1>Options`, `<section id="options"><h1>Options`).Replace(workbookHTML("size: A4;"))
	data := p.print(t, html, Options{}, Print) // the nav takes page 1
	for key, want := range map[string]int{"goals": 2, "options": 4, "nowhere": 0} {
		if got, err := NamedPage(data, key); got != want || err != nil {
			t.Errorf("NamedPage(%q) = %d, %v; want %d", key, got, err, want)
		}
	}
}

func TestParsePaper(t *testing.T) {
	tests := []struct {
		in    string
		want  Paper
		isErr bool
	}{
		{"", A4, false}, {"a4", A4, false}, {"A4", A4, false}, {"letter", Letter, false}, {"LETTER", Letter, false},
		{"A5", "", true}, {"legal", "", true},
	}
	for _, tt := range tests {
		got, err := ParsePaper(tt.in)
		if got != tt.want || (err != nil) != tt.isErr {
			t.Errorf("ParsePaper(%q) = %q, %v; want %q (error: %v)", tt.in, got, err, tt.want, tt.isErr)
		}
	}
}

func TestPrintUnknownPaper(t *testing.T) {
	_, err := Print(context.Background(), "file:///x.html", Options{Paper: "A5"})
	if err == nil || !strings.Contains(err.Error(), `"A5"`) {
		t.Fatalf("Print with paper A5: error = %v; want one naming the paper size", err)
	}
}
