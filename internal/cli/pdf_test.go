package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// requirePoppler skips without pdftotext and pdfinfo, or fails under CI.
func requirePoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not found: apt-get install -y poppler-utils", tool)
			}
			t.Skipf("%s not found: apt-get install -y poppler-utils", tool)
		}
	}
}

func runPraxis(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Main(args, &stdout, &stderr); code != 0 {
		t.Fatalf("praxis %v: exit %d\n%s%s", args, code, stdout.String(), stderr.String())
	}
	return stdout.String()
}

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// examplePrompts returns the text of every prompt of the example workbook,
// read from the prompts.js of a build.
func examplePrompts(t *testing.T) []string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	runPraxis(t, "build", "--source", "../..", "--output", out)
	js, err := os.ReadFile(filepath.Join(out, "prompts.js"))
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		Prompts []struct{ Text string }
	}
	data := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(string(js), "window.praxisWorkbook = ")), ";")
	if err := json.Unmarshal([]byte(data), &index); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range index.Prompts {
		texts = append(texts, strings.Join(strings.Fields(p.Text), " "))
	}
	if len(texts) < 30 {
		t.Fatalf("only %d prompts in the example", len(texts))
	}
	return texts
}

// TestPDFOfExample prints the example workbook in both paper sizes and both
// editions and reads the PDFs back with poppler.
func TestPDFOfExample(t *testing.T) {
	chrometest.Require(t)
	requirePoppler(t)
	prompts := examplePrompts(t)
	dir := t.TempDir()
	cases := []struct {
		name, paper, edition, size string
	}{
		{"a4.pdf", "A4", "participant", "594.96 x 841.92"},
		{"letter.pdf", "Letter", "participant", "612 x 792"},
		{"facilitator.pdf", "A4", "facilitator", "594.96 x 841.92"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, c.name)
			out := runPraxis(t, "pdf", "--source", "../..", "--paper", c.paper, "--edition", c.edition, "--output", file)
			if !strings.Contains(out, "Wrote "+file) {
				t.Errorf("got %q", out)
			}
			info := poppler(t, "pdfinfo", file)
			if !strings.Contains(info, c.size+" pts") || !strings.Contains(info, "Author:          The praxis project") {
				t.Errorf("pdfinfo:\n%s", info)
			}
			text := strings.Join(strings.Fields(poppler(t, "pdftotext", file, "-")), " ")
			for _, want := range []string{"Page 2 of", "What would you like to talk about today", "How clear is your goal today"} {
				if !strings.Contains(text, want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
			for _, p := range prompts {
				if !strings.Contains(text, p) {
					t.Errorf("PDF text lacks the prompt %q", p)
				}
			}
			pages := strings.Count(poppler(t, "pdftotext", file, "-"), "\f")
			if pages < 15 || pages > 60 {
				t.Errorf("%d pages: implausible for the example", pages)
			}
			facilitatorText := "Run the practice rounds in trios of coach, client and observer"
			if got := strings.Contains(text, facilitatorText); got != (c.edition == "facilitator") {
				t.Errorf("facilitator text present = %v in the %s edition", got, c.edition)
			}
		})
	}
}

// TestPDFTableOfContentsHasRealPageNumbers checks three chapters' page
// numbers in the printed contents against the pages pdftotext finds them on.
func TestPDFTableOfContentsHasRealPageNumbers(t *testing.T) {
	chrometest.Require(t)
	requirePoppler(t)
	file := filepath.Join(t.TempDir(), "wb.pdf")
	runPraxis(t, "pdf", "--source", "../..", "--output", file)
	pages := strings.Split(poppler(t, "pdftotext", "-layout", file, "-"), "\f")
	toc := strings.Join(strings.Fields(pages[1]), " ")
	for _, chapter := range []string{"Agreements and clarity", "Noticing insight", "Designing action"} {
		found := 0
		for i, p := range pages {
			if i > 1 && strings.Contains(p, chapter) && strings.Contains(strings.ToLower(p), "chapter ") {
				found = i + 1
				break
			}
		}
		if found == 0 {
			t.Fatalf("chapter %q not found in the PDF", chapter)
		}
		if want := chapter + " " + strconv.Itoa(found); !strings.Contains(toc, want) {
			t.Errorf("contents should list %q; contents page: %s", want, toc)
		}
	}
}

// TestPDFWithoutBrowserGivesInstallHint runs praxis pdf where no browser
// can be found: it exits 1, says how to install one and writes nothing.
func TestPDFWithoutBrowserGivesInstallHint(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("PRAXIS_CHROME", "")
	out := filepath.Join(t.TempDir(), "wb.pdf")
	var stdout, stderr bytes.Buffer
	code := Main([]string{"pdf", "--source", "../..", "--output", out}, &stdout, &stderr)
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if want := "no Chromium or Chrome found; install one (Debian/Ubuntu: sudo apt-get install chromium"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr.String(), want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a PDF was written without a browser")
	}
}

// TestPDFHandouts prints one page and one chapter as handouts.
func TestPDFHandouts(t *testing.T) {
	chrometest.Require(t)
	requirePoppler(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "page.pdf")
	runPraxis(t, "pdf", "--source", "../..", "--handout", "content/4-sessions/first-session.md", "--output", page)
	chapter := filepath.Join(dir, "chapter.pdf")
	runPraxis(t, "pdf", "--source", "../..", "--handout", "2-insight", "--output", chapter)
	pageText := strings.Join(strings.Fields(poppler(t, "pdftotext", page, "-")), " ")
	chapterText := strings.Join(strings.Fields(poppler(t, "pdftotext", chapter, "-")), " ")
	if !strings.Contains(pageText, "First session") || strings.Contains(pageText, "Noticing an insight") {
		t.Errorf("page handout holds the wrong pages: %.300s", pageText)
	}
	for _, title := range []string{"Noticing an insight", "Trying another perspective", "The learning cycle"} {
		if !strings.Contains(chapterText, title) {
			t.Errorf("chapter handout lacks %q", title)
		}
	}
	if strings.Contains(chapterText, "Designing an intentional action step") {
		t.Error("chapter handout holds a page of another chapter")
	}
}
