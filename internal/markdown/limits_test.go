package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// limitCase is an input just inside a limit and one just past it.
type limitCase struct {
	name     string
	inside   string
	past     string
	wantPos  string // line:col of the problem in past
	wantText string
}

func limitCases() []limitCase {
	nestedList := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- a\n")
		}
		return b.String()
	}
	divs := func(n int) string {
		return strings.Repeat("::: note\n", n) + "a\n" + strings.Repeat(":::\n", n)
	}
	return []limitCase{
		{"quotes", strings.Repeat(">", 32) + " a\n", strings.Repeat(">", 33) + " a\n",
			"1:33", "a quote nested 33 levels deep; praxis allows at most 32 levels of nesting"},
		{"lists", nestedList(32), nestedList(33), "33:65", "a list nested 33 levels deep"},
		{"ordered lists", strings.Repeat("1. ", 32) + "a\n", strings.Repeat("1. ", 33) + "a\n", "1:97", "a list nested 33 levels deep"},
		{"quotes in lists", strings.Repeat("- > ", 16) + "a\n", strings.Repeat("- > ", 16) + "- a\n", "1:65", "a list nested 33 levels deep"},
		{"blocks", divs(32), divs(33), "33:1", "a ::: block nested 33 levels deep"},
		{"footnotes", strings.Repeat("[^a]: ", 32) + "a\n", strings.Repeat("[^a]: ", 33) + "a\n", "1:193", "a footnote nested 33 levels deep"},
		{"link address parens", "[a](" + strings.Repeat("(", 32) + "b\n", "[a](" + strings.Repeat("(", 33) + "b\n",
			"1:3", "a link address leaves more than 32 ( open"},
		{"link addresses in <>", strings.Repeat("[a](<b", 33) + "\n", strings.Repeat("[a](<b", 34) + "\n",
			"1:201", "more than 32 link addresses in <…> are left open on this line"},
		{"open brackets", strings.Repeat("[a", 1000) + "\n", strings.Repeat("[a", 1001) + "\n",
			"1:2001", "more than 1000 [ are open in one paragraph"},
		{"nested brackets", strings.Repeat("[", 100) + "a" + strings.Repeat("]", 100) + "\n",
			strings.Repeat("[", 600) + "a" + strings.Repeat("]", 600) + "\n", "1:909", "too many [ brackets are open in this paragraph"},
		{"emphasis", strings.Repeat("*a_ ", 500) + "\n", strings.Repeat("*a_ ", 500) + "*\n",
			"1:2001", "more than 1000 *, _ and ~ marks in one paragraph"},
		{"table cells", "|" + strings.Repeat("a|", 100) + "\n|" + strings.Repeat("-|", 100) + "\n" + strings.Repeat("a\n", 499),
			"|" + strings.Repeat("a|", 100) + "\n|" + strings.Repeat("-|", 100) + "\n" + strings.Repeat("a\n", 500),
			"2:1", "a table of 100 columns and 501 rows; praxis allows at most 50000 cells in one table"},
		{"references", "[a]: <" + strings.Repeat("x", 100_000) + ">\n\n" + strings.Repeat("[a] ", 83) + "\n",
			"[a]: <" + strings.Repeat("x", 100_000) + ">\n\n" + strings.Repeat("[a] ", 84) + "\n",
			"3:333", "links to references repeat more than 8 MB of addresses on this page"},
		{"lines", strings.Repeat("a\n", maxLines), strings.Repeat("a\n", maxLines) + "b",
			"50001:1", "the page has more than 50000 lines"},
		{"elements", strings.Repeat("[a](b) ", maxElements-1) + "\n", strings.Repeat("[a](b) ", maxElements) + "\n",
			"1:699994", "more than 100000 elements (headings, paragraphs, list items, table cells, links…) on one page"},
	}
}

// TestLimits checks that each limit lets an input just inside it through
// and reports one just past it, at the place where it is broken.
func TestLimits(t *testing.T) {
	c := New(Options{})
	for _, tc := range limitCases() {
		t.Run(tc.name, func(t *testing.T) {
			if d := c.Parse("a.md", []byte(tc.inside), 1); len(d.Problems) > 0 {
				t.Errorf("inside the limit: %v", d.Problems)
			}
			d := c.Parse("a.md", []byte(tc.past), 1)
			want := "a.md:" + tc.wantPos + ": " + tc.wantText
			for _, p := range d.Problems {
				if strings.HasPrefix(p.Error(), want) {
					if d.Root.ChildCount() != 0 || d.Headings != nil {
						t.Errorf("the tree of a page past a limit is kept: %d children", d.Root.ChildCount())
					}
					return
				}
			}
			t.Errorf("past the limit: got %v, want a problem starting %q", d.Problems, want)
		})
	}
}

// TestLimitsRender checks that the limits leave a page renderable: a
// fuzz target or serve's error page may still render what was parsed.
func TestLimitsRender(t *testing.T) {
	c := New(Options{})
	for _, tc := range limitCases() {
		var buf bytes.Buffer
		if err := c.Render(&buf, c.Parse("a.md", []byte(tc.past), 1)); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestTooManyProblemsAreCut(t *testing.T) {
	c := New(Options{})
	d := c.Parse("a.md", []byte(strings.Repeat(":::\n\n", 60)), 1)
	if len(d.Problems) != maxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(d.Problems), maxProblems+1)
	}
	if got, want := d.Problems[maxProblems].Error(), "a.md:101:1: and 10 more problems on this page"; got != want {
		t.Errorf("last problem: got %q, want %q", got, want)
	}
}

// TestHostileInputsAreBounded parses each hostile input at 64 KB and checks
// that the work stays in proportion: goldmark's tree and the HTML stay
// within a small multiple of the input, which the quadratic and
// amplifying shapes did not (a 64 KB table made 4 billion cells). Times
// are measured by BenchmarkHostile, not here.
func TestHostileInputsAreBounded(t *testing.T) {
	c := New(Options{})
	for _, h := range hostileInputs {
		src := h.make(64 << 10)
		d := c.Parse("h.md", src, 1)
		nodes := 0
		_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				nodes++
			}
			return ast.WalkContinue, nil
		})
		var buf bytes.Buffer
		if err := c.Render(&buf, d); err != nil {
			t.Fatal(err)
		}
		if nodes > len(src) || buf.Len() > 64*len(src) {
			t.Errorf("%s: %s made %d nodes and %d bytes of HTML", h.name, describe(src), nodes, buf.Len())
		}
	}
}

func ExampleConverter_Parse_limits() {
	c := New(Options{})
	d := c.Parse("content/deep.md", []byte(strings.Repeat(">", 40)+" too deep\n"), 3)
	fmt.Println(d.Problems[0])
	// Output: content/deep.md:3:33: a quote nested 33 levels deep; praxis allows at most 32 levels of nesting (lists, quotes, ::: blocks and footnotes)
}
