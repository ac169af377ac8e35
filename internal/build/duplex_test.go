package build

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/print"
)

// TestDuplexBookHasBlankPagesBeforeChapters builds the example with duplex
// on and natural page numbers that put its first and third chapters on
// even pages: the print book has an empty page before those two only and
// prints the numbers they make, and the chapter handouts have none.
func TestDuplexBookHasBlankPagesBeforeChapters(t *testing.T) {
	natural := map[string]int{"page-home": 3, "page-1-agreements": 4, "page-1-agreements-clear-goal": 6,
		"page-2-insight": 8, "page-3-action": 13, "page-4-sessions": 19, "page-5-for-coaches": 25}
	out := filepath.Join(t.TempDir(), "public")
	b := New(Options{Root: "../..", Output: out, Defaults: praxis.Defaults, PageNumbers: natural})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Duplex = true
	st, _, err := b.Write(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if starts, want := print.ChapterStarts(st.Sections), []string{"page-1-agreements", "page-2-insight", "page-3-action", "page-4-sessions", "page-5-for-coaches"}; !reflect.DeepEqual(starts, want) {
		t.Fatalf("ChapterStarts = %v; want %v", starts, want)
	}
	book := readFile(t, filepath.Join(out, "print", "index.html"))
	blankBefore := regexp.MustCompile(`<div class="print-blank" aria-hidden="true"></div>\s*<section [^>]*id="([^"]+)"`)
	var got []string
	for _, m := range blankBefore.FindAllStringSubmatch(book, -1) {
		got = append(got, m[1])
	}
	if want := []string{"page-1-agreements", "page-3-action"}; !reflect.DeepEqual(got, want) {
		t.Errorf("blank pages before %v; want before %v", got, want)
	}
	for _, want := range []string{`1. Agreements and clarity</span><span class="toc-leader" aria-hidden="true"></span><span class="toc-page">5<`, `How clear is your goal today?</span><span class="toc-leader" aria-hidden="true"></span><span class="toc-page">7<`,
		`2. Noticing insight</span><span class="toc-leader" aria-hidden="true"></span><span class="toc-page">9<`, `3. Designing action</span><span class="toc-leader" aria-hidden="true"></span><span class="toc-page">15<`, `4. Session sheets</span><span class="toc-leader" aria-hidden="true"></span><span class="toc-page">21<`} {
		if !strings.Contains(book, want) {
			t.Errorf("the contents lack %q", want)
		}
	}
	if handout := readFile(t, filepath.Join(out, "1-agreements", "print.html")); strings.Contains(handout, "print-blank") {
		t.Error("a chapter handout has a blank page")
	}
}

func readFile(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
