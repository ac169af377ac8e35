package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostile is one shape of input known to make Markdown parsers slow or
// hungry: deep nesting, unclosed link syntax, amplifying references.
type hostile struct {
	name string
	make func(size int) []byte // an input of about size bytes
}

// repeat returns unit repeated to about size bytes, between head and tail.
func repeat(head, unit, tail string, size int) []byte {
	n := max((size-len(head)-len(tail))/len(unit), 1)
	return []byte(head + strings.Repeat(unit, n) + tail)
}

// nested returns n lines, line i made by f(i), up to about size bytes.
func nested(size int, f func(i int) string) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		b.WriteString(f(i))
	}
	return b.Bytes()
}

// hostileInputs are the shapes the build must refuse or handle quickly:
// every one of them, at up to 1 MB, builds in well under 2 s and 200 MB.
// Most come from the pathological tests of cmark and of the issue that
// found them.
var hostileInputs = []hostile{
	{"lists-indented", func(n int) []byte {
		return nested(n, func(i int) string { return strings.Repeat("  ", i) + "- a\n" })
	}},
	{"lists-one-line", func(n int) []byte { return repeat("", "- ", "a\n", n) }},
	{"ordered-lists-one-line", func(n int) []byte { return repeat("", "1. ", "a\n", n) }},
	{"quotes", func(n int) []byte { return repeat("", ">", " a\n", n) }},
	{"quotes-and-lists", func(n int) []byte { return repeat("", "> - ", "a\n", n) }},
	{"divs", func(n int) []byte {
		k := n / 12
		return []byte(strings.Repeat("::: note\n", k) + "a\n" + strings.Repeat(":::\n", k))
	}},
	{"divs-unclosed", func(n int) []byte { return repeat("", "::: note\n", "a\n", n) }},
	{"divs-deep-and-long", func(n int) []byte {
		return repeat(strings.Repeat("::: note\n", 32), "a\n", strings.Repeat(":::\n", 32), n)
	}},
	{"quotes-deep-and-long", func(n int) []byte { return repeat("", strings.Repeat(">", 32)+"a\n", "", n) }},
	{"footnotes-nested", func(n int) []byte { return repeat("", "[^a]: ", "a\n", n) }},
	{"definitions-nested", func(n int) []byte { return repeat("a\n", ": ", "b\n", n) }},
	{"links-unclosed", func(n int) []byte { return repeat("", "[a](b", "\n", n) }},
	{"links-unclosed-angle", func(n int) []byte { return repeat("", "[a](<b", "\n", n) }},
	{"links-shared-angle", func(n int) []byte { return repeat("", "[a](<b", ">\n", n) }},
	{"link-pattern", func(n int) []byte { return repeat("", "[ (](", "\n", n) }},
	{"brackets-nested", func(n int) []byte {
		k := n / 2
		return []byte(strings.Repeat("[", k) + "a" + strings.Repeat("]", k) + "\n")
	}},
	{"brackets-open", func(n int) []byte { return repeat("", "[a", "\n", n) }},
	{"brackets-close", func(n int) []byte { return repeat("", "a]", "\n", n) }},
	{"images-nested", func(n int) []byte {
		k := n / 6
		return []byte(strings.Repeat("![", k) + "a" + strings.Repeat("](b)", k) + "\n")
	}},
	{"emphasis-nested", func(n int) []byte {
		k := n / 2
		return []byte(strings.Repeat("*", k) + "a" + strings.Repeat("*", k) + "\n")
	}},
	{"emphasis-openers", func(n int) []byte { return repeat("", "_a ", "\n", n) }},
	{"emphasis-closers", func(n int) []byte { return repeat("", "a_ ", "\n", n) }},
	{"emphasis-mismatched", func(n int) []byte { return repeat("", "*a_ ", "\n", n) }},
	{"emphasis-multiple-of-3", func(n int) []byte { return repeat("a**b", "c* ", "\n", n) }},
	{"link-and-emphasis", func(n int) []byte { return repeat("", "[ a_", "\n", n) }},
	{"backticks", func(n int) []byte {
		return nested(n, func(i int) string { return "e" + strings.Repeat("`", i%2000+1) })
	}},
	{"html-comment-unclosed", func(n int) []byte { return repeat("", "a <!-- ", "\n", n) }},
	{"autolinks-unclosed", func(n int) []byte { return repeat("", "<a", "\n", n) }},
	{"www-autolinks", func(n int) []byte { return repeat("", "www.", "\n", n) }},
	{"table-wide", func(n int) []byte {
		k := n / 8
		return []byte(strings.Repeat("|a", k) + "\n" + strings.Repeat("|-", k) + "\n" + strings.Repeat("a\n", k))
	}},
	{"reference-expansion", func(n int) []byte {
		k := n / 2
		return []byte("[a]: <" + strings.Repeat("x", k) + ">\n\n" + strings.Repeat("[a]", (n-k)/3) + "\n")
	}},
	{"headings-same", func(n int) []byte { return repeat("", "# a\n", "", n) }},
	{"wide-list", func(n int) []byte { return repeat("", "- a\n", "", n) }},
	{"wide-paragraphs", func(n int) []byte { return repeat("", "a\n\n", "", n) }},
	{"wide-links", func(n int) []byte { return repeat("", "[a](b) ", "\n", n) }},
	{"wide-images", func(n int) []byte { return repeat("", "![a](b.png) ", "\n", n) }},
	{"wide-footnotes", func(n int) []byte { return repeat("", "a[^1] ", "\n\n[^1]: b\n", n) }},
	{"wide-emphasis", func(n int) []byte { return repeat("", "*a* ", "\n", n) }},
	{"wide-table", func(n int) []byte { return repeat("|a|b|\n|-|-|\n", "|a|b|\n", "", n) }},
	{"wide-prompts", func(n int) []byte { return repeat("", "::: prompt\na\n:::\n\n", "", n) }},
	{"wide-prompt-links", func(n int) []byte {
		return repeat("::: prompt {#p}\n"+strings.Repeat("a ", 100)+"\n:::\n\n", "[](prompt:p) ", "\n", n)
	}},
	{"wide-checklist", func(n int) []byte { return repeat("::: checklist\n", "- [ ] a\n", ":::\n", n) }},
	{"wide-scales", func(n int) []byte { return repeat("", "::: scale {min=-100 max=-80}\na\n:::\n\n", "", n) }},
	{"wide-actions", func(n int) []byte { return repeat("", "::: actions {rows=20}\na\n:::\n\n", "", n) }},
	{"attributes-long", func(n int) []byte { return repeat("# a {", ".c ", "}\n", n) }},
	{"div-attributes-long", func(n int) []byte { return repeat("::: {", ".c ", "}\na\n:::\n", n) }},
}

// hostileSize is the size the benchmarks run at: the promise is about
// inputs under 1 MB.
var hostileSize = flag.Int("hostile-size", 1<<20, "size in bytes of the inputs of BenchmarkHostile")

// BenchmarkHostile parses and renders each hostile input of hostileSize
// bytes. The promise is under 2 s and 200 MB for every input under 1 MB;
// bench/README.md records the figures.
func BenchmarkHostile(b *testing.B) {
	c := New(Options{Highlight: NewHighlighter()})
	for _, h := range hostileInputs {
		src := h.make(*hostileSize)
		b.Run(h.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				var buf bytes.Buffer
				d := c.Parse("h.md", src, 1)
				if err := c.Render(&buf, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var hostileDir = flag.String("hostile-dir", "", "TestWriteHostile writes a workbook per hostile input into this folder")

// TestWriteHostile writes each hostile input of -hostile-size bytes as the
// one page of a workbook under -hostile-dir, to measure whole builds
// (praxis build, praxis serve) with them. Without -hostile-dir it does
// nothing.
func TestWriteHostile(t *testing.T) {
	if *hostileDir == "" {
		t.Skip("give -hostile-dir to write the hostile workbooks")
	}
	for _, h := range hostileInputs {
		dir := filepath.Join(*hostileDir, h.name, "content")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "page.md"), h.make(*hostileSize), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// describe is a short description of src for messages.
func describe(src []byte) string {
	if len(src) > 60 {
		return fmt.Sprintf("%q… (%d bytes)", src[:60], len(src))
	}
	return fmt.Sprintf("%q", src)
}
