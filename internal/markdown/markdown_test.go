package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
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
	// A second process loads the cache, uses one entry and adds another;
	// the entry it did not use is dropped on save.
	h2 := NewHighlighter()
	h2.LoadCache(dir)
	if got := h2.Highlight("go", "package a"); !bytes.Equal(got, used) {
		t.Fatalf("cached highlight: got %s want %s", got, used)
	}
	h2.Highlight("go", "package b")
	if err := h2.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	h3 := NewHighlighter()
	h3.LoadCache(dir)
	if len(h3.cache) != 2 {
		t.Fatalf("after the second save the cache has %d entries, want 2", len(h3.cache))
	}
	h4 := NewHighlighter()
	h4.LoadCache(dir)
	h4.Highlight("go", "package b")
	if err := h4.SaveCache(dir); err != nil {
		t.Fatal(err)
	}
	h5 := NewHighlighter()
	h5.LoadCache(dir)
	if len(h5.cache) != 1 {
		t.Fatalf("unused entries were kept: %d entries, want 1", len(h5.cache))
	}
}

func TestCacheDir(t *testing.T) {
	env := map[string]string{"PRAXIS_CACHE_DIR": "/tmp/pc"}
	a := CacheDir(func(k string) string { return env[k] }, "/site/a")
	b := CacheDir(func(k string) string { return env[k] }, "/site/b")
	if a == b || !strings.HasPrefix(a, "/tmp/pc/") {
		t.Errorf("got %q and %q", a, b)
	}
}
