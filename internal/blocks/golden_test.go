package blocks_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

var update = flag.Bool("update", false, "rewrite the .html parts of testdata/*.txt")

// caseOptions is the configuration of one testdata file, read from the
// "key: value" lines of its comment.
type caseOptions struct {
	blocks  blocks.Options
	numbers bool // number prompts as the site assembly would: 1.1, 1.2, …
	plans   bool // link reviews to the actions blocks they name, as the site assembly does
	xhtml   bool
}

// TestGolden renders each name.md part of testdata/*.txt and compares it with
// the name.html part after it.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.txt files (err %v)", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			runGoldenFile(t, file)
		})
	}
}

func runGoldenFile(t *testing.T, file string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	opts := parseCaseOptions(t, file, ar.Comment)
	changed := false
	for i, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".md")
		if !ok {
			continue
		}
		if i+1 >= len(ar.Files) || ar.Files[i+1].Name != name+".html" {
			t.Fatalf("%s: %s is not followed by %s.html", file, f.Name, name)
		}
		want := &ar.Files[i+1]
		t.Run(name, func(t *testing.T) {
			got, probs := convert(t, opts, f.Data)
			if len(probs) > 0 {
				t.Errorf("%s: unexpected problems: %v\ninput:\n%s", f.Name, probs, f.Data)
			}
			if *update {
				changed = changed || !bytes.Equal(want.Data, got)
				want.Data = got
				return
			}
			if !bytes.Equal(got, want.Data) {
				t.Errorf("%s: input:\n%s\ngot:\n%s\nwant:\n%s", f.Name, f.Data, got, want.Data)
			}
		})
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func parseCaseOptions(t *testing.T, file string, comment []byte) caseOptions {
	t.Helper()
	var o caseOptions
	for line := range strings.SplitSeq(string(comment), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "facilitator":
			o.blocks.Facilitator = value == "true"
		case "numbers":
			o.numbers = value == "true"
		case "plans":
			o.plans = value == "true"
		case "xhtml":
			o.xhtml = value == "true"
		case "lines":
			n, err := strconv.Atoi(value)
			if err != nil {
				t.Fatalf("%s: bad lines option %q", file, value)
			}
			o.blocks.DefaultLines = n
		case "columns":
			o.blocks.ActionColumns = strings.Split(value, "|")
		case "review-columns":
			o.blocks.ReviewColumns = strings.Split(value, "|")
		}
	}
	return o
}

// newMarkdown builds goldmark as the tests of this package do.
func newMarkdown(opts blocks.Options, xhtml bool) goldmark.Markdown {
	var ropts []goldmark.Option
	if xhtml {
		ropts = append(ropts, goldmark.WithRendererOptions(html.WithXHTML()))
	}
	return goldmark.New(append(ropts, goldmark.WithExtensions(extension.GFM, blocks.New(opts)))...)
}

// convert parses and renders src, numbering prompts first when asked.
func convert(t testing.TB, o caseOptions, src []byte) ([]byte, []blocks.Problem) {
	t.Helper()
	md := newMarkdown(o.blocks, o.xhtml)
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if o.numbers {
		numberPrompts(doc)
	}
	if o.plans {
		linkPlans(doc)
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatalf("render: %v\ninput:\n%s", err, src)
	}
	return buf.Bytes(), blocks.Problems(pc)
}

// numberPrompts does what the site assembly does for chapter 1.
func numberPrompts(doc ast.Node) {
	n := 0
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := node.(*blocks.Block); ok && entering && b.IsPrompt() {
			n++
			b.Number = fmt.Sprintf("1.%d", n)
		}
		return ast.WalkContinue, nil
	})
}

// linkPlans does what the site assembly does for reviews of blocks in the
// same document: it sets each review's Plan to the actions block it names.
func linkPlans(doc ast.Node) {
	plans := map[string]*blocks.Block{}
	var reviews []*blocks.Block
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := node.(*blocks.Block); ok && entering {
			switch b.BlockType {
			case "actions":
				plans[b.ID] = b
			case "review":
				reviews = append(reviews, b)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, r := range reviews {
		of, _ := r.Attr("of")
		r.Plan = plans[of]
	}
}

func newContext() parser.Context { return parser.NewContext() }
