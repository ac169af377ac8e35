package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/praxis-workbooks/praxis/internal/content"
)

var update = flag.Bool("update", false, "rewrite the .html parts of testdata/*.txt")

// TestGolden renders each "-- name.md --" part of testdata/*.txt and compares
// it with the following "-- name.html --" part. Files named unsafe-*.txt are
// rendered with raw HTML allowed.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c := New(Options{UnsafeHTML: strings.HasPrefix(filepath.Base(file), "unsafe-"), Highlight: NewHighlighter()})
			changed := false
			for i := 0; i+1 < len(ar.Files); i += 2 {
				in, out := &ar.Files[i], &ar.Files[i+1]
				var buf bytes.Buffer
				if err := c.Render(&buf, c.Parse(in.Name, in.Data, 1)); err != nil {
					t.Fatalf("%s: %v", in.Name, err)
				}
				if bytes.Equal(buf.Bytes(), out.Data) {
					continue
				}
				if *update {
					out.Data = buf.Bytes()
					changed = true
					continue
				}
				t.Errorf("%s: %s\ngot:\n%s\nwant:\n%s", file, in.Name, buf.Bytes(), out.Data)
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestHeadingsAndPlainText(t *testing.T) {
	c := New(Options{})
	d := c.Parse("a.md", []byte("# The *first* step\n\ntext\n\n## Why `it` matters {#why}\n\n## Don't \"stop\"\n"), 1)
	if len(d.Headings) != 3 {
		t.Fatalf("got %d headings", len(d.Headings))
	}
	if h := d.Headings[0]; h.ID != "the-first-step" || h.Text != "The first step" || h.Level != 1 {
		t.Errorf("got %+v", h)
	}
	if h := d.Headings[1]; h.ID != "why" || h.Text != "Why it matters" {
		t.Errorf("got %+v", h)
	}
	if h := d.Headings[2]; h.Text != "Don’t “stop”" {
		t.Errorf("typographer in heading text: got %q", h.Text)
	}
}

func TestHighlighterCachesAndEscapes(t *testing.T) {
	h := NewHighlighter()
	a := h.Highlight("go", "package main")
	b := h.Highlight("go", "package main")
	if !bytes.Equal(a, b) || !bytes.Contains(a, []byte(`class="kn"`)) {
		t.Errorf("got %s", a)
	}
	if got := string(h.Highlight("nosuchlang", "<b>")); got != "&lt;b&gt;" {
		t.Errorf("unknown language: got %q", got)
	}
	css := string(h.Stylesheet())
	for _, want := range []string{".chroma .kn", "prefers-color-scheme: dark", "@media print"} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
}

func TestRenderInline(t *testing.T) {
	c := New(Options{})
	if got := c.RenderInline("A *bold* <b>move</b>"); got != "A <em>bold</em> &lt;b&gt;move&lt;/b&gt;" {
		t.Errorf("got %q", got)
	}
}

func BenchmarkRender(b *testing.B) {
	src := []byte(strings.Repeat("## Heading\n\nSome *text* with a [link](x.md) and a footnote[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nfunc main() {\n\tprintln(\"hi\")\n}\n```\n\n[^1]: note\n\n", 10))
	c := New(Options{Highlight: NewHighlighter()})
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		_ = c.Render(&buf, c.Parse("b.md", src, 1))
	}
}

func TestHighlightCacheRoundTrip(t *testing.T) {
	dir := t.TempDir()
	h := NewHighlighter()
	used := h.Highlight("go", "package a")
	if err := h.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	// A second build loads the cache, uses one entry and adds another.
	h2 := NewHighlighter()
	h2.LoadCache(dir)
	if got := h2.Highlight("go", "package a"); !bytes.Equal(got, used) {
		t.Fatalf("cached highlight: got %s want %s", got, used)
	}
	h2.Highlight("go", "package b")
	if err := h2.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	if n := cacheEntries(t, dir); n != 2 {
		t.Fatalf("after the second save the cache has %d entries, want 2", n)
	}
	// The entry a build did not use is dropped on save.
	h3 := NewHighlighter()
	h3.LoadCache(dir)
	h3.Highlight("go", "package b")
	if err := h3.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	if n := cacheEntries(t, dir); n != 1 {
		t.Fatalf("unused entries were kept: %d entries, want 1", n)
	}
	// A failed build leaves the cache as it was, and no temporary file.
	h4 := NewHighlighter()
	h4.LoadCache(dir)
	h4.Highlight("go", "package c")
	h4.DiscardCache()
	if n := cacheEntries(t, dir); n != 1 {
		t.Fatalf("after a discarded build: %d entries, want 1", n)
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Fatalf("cache folder holds %d files, want only the cache", len(files))
	}
}

func TestHighlightCacheSurvivesDamage(t *testing.T) {
	dir := t.TempDir()
	h := NewHighlighter()
	want := h.Highlight("go", "package a")
	if err := h.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, cacheFormat)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-6] ^= 0xff // a byte of the HTML: its checksum no longer matches
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	h2 := NewHighlighter()
	h2.LoadCache(dir)
	if got := h2.Highlight("go", "package a"); !bytes.Equal(got, want) {
		t.Fatalf("highlight from a damaged cache: %q, want it highlighted again: %q", got, want)
	}
	if err := os.WriteFile(file, data[:len(data)/2], 0o644); err != nil { // cut off
		t.Fatal(err)
	}
	h3 := NewHighlighter()
	h3.LoadCache(dir)
	if got := h3.Highlight("go", "package a"); !bytes.Equal(got, want) {
		t.Fatalf("highlight from a cut-off cache: %q, want %q", got, want)
	}
}

func TestHighlighterWithCacheKeepsOnlyRecentCodeInMemory(t *testing.T) {
	dir := t.TempDir()
	h := NewHighlighter()
	h.LoadCache(dir)
	// A limit of 64 KB instead of recentLimit's 2 MB, so that 200 blocks
	// of about 5 KB of HTML each pass it many times over.
	h.limit = 64 << 10
	code := strings.Repeat("x := 1\n", 100)
	entry := len(h.Highlight("go", code))
	for i := range 200 {
		h.Highlight("go", fmt.Sprintf("%s// %d\n", code, i))
	}
	held := 0
	for _, gen := range []map[[32]byte][]byte{h.cache, h.older} {
		for _, v := range gen {
			held += len(v)
		}
	}
	if held > 2*(h.limit+entry) {
		t.Errorf("holds %d bytes of highlighted code in memory, want at most about %d", held, 2*h.limit)
	}
	if err := h.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	if n := cacheEntries(t, dir); n != 201 {
		t.Errorf("cache file has %d entries, want all 201", n)
	}
}

// cacheEntries counts the records of the cache file in dir.
func cacheEntries(t *testing.T, dir string) int {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, cacheFormat))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return len(readIndex(f))
}

func TestCacheDir(t *testing.T) {
	env := map[string]string{"PRAXIS_CACHE_DIR": "/tmp/pc"}
	a := CacheDir(func(k string) string { return env[k] }, "/site/a")
	b := CacheDir(func(k string) string { return env[k] }, "/site/b")
	if a == b || !strings.HasPrefix(a, "/tmp/pc/") {
		t.Errorf("got %q and %q", a, b)
	}
}

func TestRetainKeepsCodeOfReusedPages(t *testing.T) {
	dir := t.TempDir()
	h := NewHighlighter()
	h.LoadCache(dir)
	h.Highlight("go", "package a")
	h.Highlight("go", "package b")
	if err := h.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	// A build that reused the page with package a highlights nothing of
	// it, but retains it; package b is gone from the workbook.
	h2 := NewHighlighter()
	h2.LoadCache(dir)
	h2.Retain([]CodeKey{codeKey("go", "package a"), codeKey("go", "package z")})
	if err := h2.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	if n := cacheEntries(t, dir); n != 1 {
		t.Fatalf("cache after retaining one block: %d entries, want 1", n)
	}
	h3 := NewHighlighter()
	h3.LoadCache(dir)
	if s := h3.store; s == nil || len(s.index) != 1 || s.index[codeKey("go", "package a")] == (span{}) {
		t.Fatalf("the retained block is not in the cache")
	}
	h3.DiscardCache()
}

// TestTitlesMatchHeadings holds content.FirstHeading, which takes a page's
// title from its first heading before the page is parsed, to the text the
// parsed heading shows: the attribute list is gone in both.
func TestTitlesMatchHeadings(t *testing.T) {
	c := New(Options{})
	for _, src := range []string{
		"# Goals {#goals .unnumbered}\n", "# Appendix {-}\n", "# Set {a, b}\n", "# Open {#id\n",
		"# Colour {style=\"color: red\" #c}\n", "# A [marked]{.mark} word\n", "## Title {#t} ##\n",
		"# The **first** step {.x}\n", "# Escaped \\{#x}\n", "# Loose {#sec:intro}\n",
		"# Real <!-- a note -->\n", "# Write `<!-- a comment -->` in HTML\n",
	} {
		d := c.Parse("a.md", []byte(src), 1)
		title := content.FirstHeading([]byte(src))
		if len(d.Headings) != 1 || title != d.Headings[0].Text {
			t.Errorf("%q: title %q, heading %+v", src, title, d.Headings)
		}
	}
}
