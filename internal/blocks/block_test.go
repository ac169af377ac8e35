package blocks_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// parseBlocks parses src with md and returns its Blocks in document order.
func parseBlocks(t *testing.T, md goldmark.Markdown, src string) (ast.Node, []*blocks.Block) {
	t.Helper()
	doc := md.Parser().Parse(text.NewReader([]byte(src)))
	var out []*blocks.Block
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*blocks.Block); ok && entering {
			out = append(out, b)
		}
		return ast.WalkContinue, nil
	})
	return doc, out
}

func TestPlainText(t *testing.T) {
	typographer := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Typographer, blocks.New(blocks.Options{})))
	tests := []struct {
		src  string
		want string
	}{
		{"::: prompt\nWhat is *really*\nat **stake**?\n:::\n", "What is really at stake?"},
		{"::: prompt\nFirst.\n\n- one\n- two\n:::\n", "First.\none\ntwo"},
		{"::: prompt\nUse `a\\*b &amp;` and \\* &amp; here\n:::\n", "Use a\\*b &amp; and * & here"},
		{"::: prompt\nQuestion?\n\n::: tip\nNot part of it.\n:::\n:::\n", "Question?"},
		{"::: prompt\nSee <https://example.org> ![alt text](x.png)\n:::\n", "See https://example.org alt text"},
		{"::: prompt\nIt's -- \"quoted\"...\n:::\n", "It’s – “quoted”…"},
		{"::: prompt\n:::\n", ""},
	}
	for _, tt := range tests {
		_, bs := parseBlocks(t, typographer, tt.src)
		if len(bs) == 0 {
			t.Fatalf("no block in %q", tt.src)
		}
		if got := bs[0].PlainText([]byte(tt.src)); got != tt.want {
			t.Errorf("PlainText of %q = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestBlockFields(t *testing.T) {
	md := newMarkdown(blocks.Options{Facilitator: true}, false)
	src := "Intro.\n\n::: scale {#s .a .b min=0 low=\"x y\"}\nQ?\n:::\n\n" +
		"::: note\n:::\n\n::: review {of=s}\n:::\n\n::: actions\n:::\n\n::: prompt\n:::\n\n" +
		"::: checklist\n:::\n\n::: commitment\n:::\n\n::: facilitator\n:::\n\n::: {.x}\n:::\n"
	_, bs := parseBlocks(t, md, src)
	type summary struct {
		typ, id string
		prompt  bool
	}
	want := []summary{{"scale", "s", true}, {"note", "", false}, {"review", "review-s", true},
		{"actions", "actions", true}, {"prompt", "prompt", true}, {"checklist", "checklist", false},
		{"commitment", "commitment", false}, {"facilitator", "", false}, {"", "", false}}
	if len(bs) != len(want) {
		t.Fatalf("got %d blocks, want %d", len(bs), len(want))
	}
	for i, b := range bs {
		if got := (summary{b.BlockType, b.ID, b.IsPrompt()}); got != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got, want[i])
		}
	}
	s := bs[0]
	if s.Offset != strings.Index(src, "::: scale") || strings.Join(s.Classes, " ") != "a b" {
		t.Errorf("scale Offset %d Classes %q, want %d \"a b\"", s.Offset, s.Classes, strings.Index(src, "::: scale"))
	}
	if v, ok := s.Attr("low"); !ok || v != "x y" {
		t.Errorf(`Attr("low") = %q, %v; want "x y", true`, v, ok)
	}
	if v, ok := s.Attr("high"); ok {
		t.Errorf(`Attr("high") = %q, true; want not set`, v)
	}
	if len(s.Attrs) != 2 || s.Attrs[1].Offset != strings.Index(src, "low=") {
		t.Errorf("Attrs = %+v, want min and low, low at source offset %d", s.Attrs, strings.Index(src, "low="))
	}
}

// TestRendererHonoursAssembly checks that ids and numbers changed between
// parsing and rendering, as the site assembly does, reach the HTML, including
// the answer keys of checklist boxes.
func TestRendererHonoursAssembly(t *testing.T) {
	md := newMarkdown(blocks.Options{}, false)
	src := "::: prompt {#q}\nQ?\n:::\n\n::: checklist {#c}\n- [ ] a\n:::\n"
	doc, bs := parseBlocks(t, md, src)
	bs[0].ID, bs[0].Number = "ch2-q", "2.1"
	bs[1].ID = "ch2-c"
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		`<section class="block prompt" id="ch2-q" data-prompt="ch2-q"`,
		`<a class="prompt-number" href="#ch2-q">2.1</a>`,
		`data-answer="ch2-q"`,
		`data-checklist="ch2-c"`,
		`<input type="checkbox" data-answer="ch2-c/1">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s\ngot:\n%s", want, got)
		}
	}
	if strings.Contains(got, `"q"`) || strings.Contains(got, `"c/1"`) {
		t.Errorf("output still uses the parsed ids:\n%s", got)
	}
}

// TestNumberIsEscaped checks that a number from the site assembly cannot
// inject markup.
func TestNumberIsEscaped(t *testing.T) {
	md := newMarkdown(blocks.Options{}, false)
	src := "::: prompt {#q}\nQ?\n:::\n"
	doc, bs := parseBlocks(t, md, src)
	bs[0].Number = `<b>"1"</b>`
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	if want := `href="#q">&lt;b&gt;&quot;1&quot;&lt;/b&gt;</a>`; !strings.Contains(buf.String(), want) {
		t.Fatalf("got:\n%s\nwant it to contain %s", buf.String(), want)
	}
}

// TestRenderTwice checks that rendering leaves options and the document as
// they were: a second rendering of the same document is identical.
func TestRenderTwice(t *testing.T) {
	md := newMarkdown(blocks.Options{ActionColumns: []string{"Goal & aim", "By when"}}, false)
	src := "::: actions {rows=1}\n:::\n\n::: checklist\n- [ ] a\n- [ ] b\n:::\n"
	doc, _ := parseBlocks(t, md, src)
	var first, second bytes.Buffer
	if err := md.Renderer().Render(&first, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	if err := md.Renderer().Render(&second, []byte(src), doc); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Fatalf("second rendering differs\nfirst:\n%s\nsecond:\n%s", first.String(), second.String())
	}
	if !strings.Contains(first.String(), `<th scope="col">Goal &amp; aim</th>`) {
		t.Fatalf("column name not escaped once:\n%s", first.String())
	}
}

func TestCRLFLineEndings(t *testing.T) {
	src := "::: note {#n}\r\nText.\r\n\r\n::: prompt {lines=2}\r\nQ?\r\n:::\r\n:::\r\n"
	got, probs := convert(t, caseOptions{}, []byte(src))
	if len(probs) > 0 {
		t.Fatalf("input %q: problems %v", src, probs)
	}
	for _, want := range []string{`<aside class="block callout note" role="note" id="n">`, `data-lines="2"`, "</section>\n</aside>\n"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("input %q: output lacks %q\ngot:\n%s", src, want, got)
		}
	}
}

// TestConcurrentUse renders pages in parallel with one goldmark instance, as
// a site build does; run with -race to check that the extension keeps no
// shared state.
func TestConcurrentUse(t *testing.T) {
	md := newMarkdown(blocks.Options{}, false)
	src := []byte(sixBlockPage)
	var want bytes.Buffer
	if err := md.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			var got bytes.Buffer
			if err := md.Convert(src, &got); err != nil {
				errs <- err.Error()
				return
			}
			if got.String() != want.String() {
				errs <- "output differs:\n" + got.String()
				return
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
