package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/net/html"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// TestGoldenLanguages builds the German and the Arabic test workbooks
// (testdata/lang/de, testdata/lang/ar) and compares their pages with
// testdata/golden-lang: every interface word in the workbook's language,
// <html lang> and, for Arabic, dir="rtl", localized agenda units and dates.
func TestGoldenLanguages(t *testing.T) {
	for _, lang := range []string{"de", "ar"} {
		b := New(Options{Root: filepath.Join("testdata/lang", lang), Defaults: praxis.Defaults,
			Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }})
		cfg, err := b.LoadConfig()
		if err != nil {
			t.Fatal(err)
		}
		mem := NewMemory()
		if _, err := b.Build(context.Background(), cfg, mem); err != nil {
			t.Fatal(err)
		}
		files := mem.Files()
		for _, name := range []string{"index.html", "1-start/session/index.html", "1-start/reflection/index.html",
			"print/index.html", "prompts/index.html", "actions/index.html", "404.html", "prompts.js"} {
			golden := filepath.Join("testdata/golden-lang", lang, filepath.FromSlash(name)+".golden")
			compareGolden(t, name, files[name], golden)
		}
	}
}

// compareGolden compares got with the golden file, or rewrites it with -update.
func compareGolden(t *testing.T, name string, got []byte, golden string) {
	t.Helper()
	if got == nil {
		t.Errorf("%s was not built", name)
		return
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/build -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s at %s (review, then -update)", name, golden, firstDiff(got, want))
	}
}

// TestEveryInterfaceWordIsLocalized builds the German test workbook in a
// pseudo-language whose every interface word is its message id in marks,
// ⟦pager.next⟧, given by the workbook's own i18n/xx.yaml. Every word left
// in the visible text of any page, on screen or on paper (text, and the
// attributes people see or hear: aria-label, title, placeholder, alt,
// data-label, data-prefix, and the CSS content of the print rules), must
// then come from the workbook's own files: a word praxis put there without
// the catalogue, like an English "Previous", fails the test.
func TestEveryInterfaceWordIsLocalized(t *testing.T) {
	root := t.TempDir()
	copyTree(t, "testdata/lang/de", root)
	cfgText, err := os.ReadFile(filepath.Join(root, "praxis.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfgText = bytes.Replace(cfgText, []byte("language: de"), []byte("language: xx"), 1)
	writeFile(t, filepath.Join(root, "praxis.yaml"), cfgText)
	writeFile(t, filepath.Join(root, "i18n/xx.yaml"), i18n.Pseudo())

	// Page numbers, as praxis pdf gives them, make printed links say where
	// they lead: "(question 1.1, page 5)".
	numbers := map[string]int{"page-home": 3, "page-1-start": 4, "page-1-start-session": 5, "page-1-start-reflection": 6, "ziel": 5}
	b := New(Options{Root: root, Defaults: praxis.Defaults, Now: time.Now, PageNumbers: numbers})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Editions = []string{"participant", "facilitator"}
	mem := NewMemory()
	if _, err := b.Build(context.Background(), cfg, mem); err != nil {
		t.Fatal(err)
	}
	own := sourceWords(t, root)
	pages := 0
	for name, data := range mem.Files() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, w := range visibleWords(t, data) {
			if !own[strings.ToLower(w)] {
				t.Errorf("%s shows %q, which is neither the workbook's nor from the catalogue", name, w)
			}
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages built", pages)
	}
}

var (
	markRE   = regexp.MustCompile(`⟦[^⟧]*⟧`)
	cssStrRE = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"`)
)

// visibleAttrs are the attributes whose values people see or hear.
var visibleAttrs = map[string]bool{"aria-label": true, "title": true, "placeholder": true, "alt": true,
	"data-label": true, "data-prefix": true, "data-print-ref": true}

// visibleWords returns the words of page's visible text, attributes and
// print-rule strings, without the pseudo-language's marks.
func visibleWords(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && n.Data == "script":
			return
		case n.Type == html.ElementNode && n.Data == "style":
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				for _, m := range cssStrRE.FindAllStringSubmatch(c.Data, -1) {
					text.WriteString(" " + m[1])
				}
			}
			return
		case n.Type == html.TextNode:
			text.WriteString(" " + n.Data)
		case n.Type == html.ElementNode:
			for _, a := range n.Attr {
				if visibleAttrs[a.Key] {
					text.WriteString(" " + a.Val)
				}
			}
			if n.Data == "template" {
				// <template> content is parsed into a fragment the
				// tree does not hold: parse it again.
				var buf bytes.Buffer
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					_ = html.Render(&buf, c)
				}
				text.WriteString(" " + strings.Join(visibleWords(t, buf.Bytes()), " "))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return words(markRE.ReplaceAllString(text.String(), " "))
}

// words splits s into its words of two or more letters.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

// sourceWords returns the words of every file of the workbook at root, in
// lower case, and the words a workbook's pages may show that are not
// interface words: the name of the program and of the files it links.
func sourceWords(t *testing.T, root string) map[string]bool {
	t.Helper()
	own := map[string]bool{"praxis": true, "js": true, "pdf": true, "json": true, "ics": true, "index": true, "prompt": true, "yaml": true}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(filepath.Base(p), ".") || strings.Contains(p, "i18n") {
			return err
		}
		data, err := os.ReadFile(p)
		for _, w := range words(string(data)) {
			own[strings.ToLower(w)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return own
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err == nil {
			writeFile(t, filepath.Join(to, rel), data)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
