package markdown

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/content"
)

// FuzzMarkdown parses and renders arbitrary pages with the workbook's
// converter, raw HTML off: it must never panic, every problem must point
// into the page, and no attribute written in the page may reach the HTML as
// a style or an event handler, nor any raw <script>. The seeds are the
// golden pages, small versions of the hostile inputs and the inputs just
// past each limit.
func FuzzMarkdown(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, part := range ar.Files {
			if strings.HasSuffix(part.Name, ".md") {
				f.Add(string(part.Data))
			}
		}
	}
	for _, h := range hostileInputs {
		f.Add(string(h.make(2 << 10)))
	}
	for _, tc := range limitCases() {
		if len(tc.past) < 64<<10 {
			f.Add(tc.past)
		}
	}
	f.Add("## H {style=\"background:url(http://x/)\" onclick=alert(1) #h .c}\n\n[s]{style=\"color:red\" onmouseover=x}\n")
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		body := []byte(src)
		d := c.Parse("f.md", body, 1)
		lines := bytes.Count(body, []byte("\n")) + 1
		for _, p := range d.Problems {
			if p.Pos.Line < 1 || p.Pos.Line > lines || p.Pos.Col < 1 || p.Msg == "" {
				t.Fatalf("problem %v outside the page of %d lines:\n%q", p, lines, src)
			}
		}
		var buf bytes.Buffer
		if err := c.Render(&buf, d); err != nil {
			t.Fatal(err)
		}
		if bad := unsafeAttribute(buf.String()); bad != "" {
			t.Fatalf("the HTML has %q:\n%s\nfrom:\n%q", bad, buf.String(), src)
		}
	})
}

// unsafeAttribute returns what in html a page's author could only have put
// there with raw HTML allowed: a style other than the answer lines' and
// the table columns' own, an
// event handler attribute, a <script>. It returns "" when there is none.
func unsafeAttribute(html string) string {
	lower := strings.ToLower(html)
	if strings.Contains(lower, "<script") {
		return "<script"
	}
	for rest := lower; ; {
		i := strings.Index(rest, " style=\"")
		if i < 0 {
			break
		}
		rest = rest[i+len(" style=\""):]
		if !strings.HasPrefix(rest, "--lines:") && !strings.HasPrefix(rest, "text-align:") {
			return "style=\"" + rest[:min(len(rest), 20)]
		}
	}
	for rest := lower; ; {
		i := strings.Index(rest, " on")
		if i < 0 {
			return ""
		}
		rest = rest[i+3:]
		j := 0
		for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
			j++
		}
		if j > 0 && j < len(rest) && rest[j] == '=' && inTag(lower, len(lower)-len(rest)) {
			return "on" + rest[:j] + "="
		}
	}
}

// inTag reports whether offset i of html lies inside a tag.
func inTag(html string, i int) bool {
	return strings.LastIndexByte(html[:i], '<') > strings.LastIndexByte(html[:i], '>')
}

// FuzzTitleNotFacilitator holds content.FirstHeading, which takes a page's
// title from its source before the page is parsed, to the rule that a
// title never shows participants a heading that only the facilitator
// edition has: for a page that parses without problems, the title is never
// the text of a heading in the facilitator edition's tree that the
// participant edition's tree does not have.
func FuzzTitleNotFacilitator(f *testing.F) {
	for _, s := range []string{
		"::: facilitator\n# Secret\n:::\n# Real\n",
		"- ::: facilitator\n  # Secret\n  :::\n",
		"> ::: facilitator\n> # Secret\n> :::\n",
		":::: {.note .facilitator}\n## Secret\n::::\n",
		"::: facilitator\n```\n:::\n```\n# Secret\n:::\n",
		"1. item\n\n   ::: facilitator\n   # Secret\n   :::\n",
		"<!--\n# Secret\n-->\n",
	} {
		f.Add(s)
	}
	part, fac := New(Options{}), New(Options{Blocks: blocks.Options{Facilitator: true}})
	f.Fuzz(func(t *testing.T, src string) {
		title := content.FirstHeading([]byte(src))
		if title == "" {
			return
		}
		p, q := part.Parse("f.md", []byte(src), 1), fac.Parse("f.md", []byte(src), 1)
		if len(p.Problems) > 0 || len(q.Problems) > 0 {
			return
		}
		has := func(hs []Heading) bool {
			return slices.ContainsFunc(hs, func(h Heading) bool { return h.Text == title })
		}
		if has(q.Headings) && !has(p.Headings) {
			t.Fatalf("title %q is a heading only facilitators see:\n%q", title, src)
		}
	})
}
