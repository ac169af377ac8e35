package site

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/diag"
)

// Prompt is a numbered, linkable question: a prompt, scale, actions or
// review block.
type Prompt struct {
	ID     string
	Number string // chapter.position, like "2.3"; just the position outside chapters
	Kind   string // block type
	Text   string // the question, as plain text
	Page   *Page
	Block  *blocks.Block
	Pos    diag.Pos
}

// Short is the prompt's number and first words, the text of an empty
// [](prompt:id) link.
func (pr *Prompt) Short() string {
	return pr.Number + " " + firstWords(pr.Text, 8)
}

// URL is the address of the prompt from the site root, like
// "2-action/plan/index.html#first-step".
func (pr *Prompt) URL() string { return pr.Page.OutputFile() + "#" + pr.ID }

// Prompt returns the prompt with the given id, or nil.
func (s *Site) Prompt(id string) *Prompt { return s.prompts[id] }

// collectPrompts numbers every prompt in reading order, per chapter, and
// reports ids used twice. Every block id (checklists, commitments too)
// becomes an anchor of its page. Then it links each review to the action
// plan it names, reporting reviews of unknown ids or of other blocks.
func (s *Site) collectPrompts() diag.List {
	// Finding the blocks walks every tree, so it runs in parallel; numbering
	// them and checking ids then goes through the pages in reading order.
	found := make([][]*blocks.Block, len(s.Pages))
	forEach(len(s.Pages), func(i int) { found[i] = blocksOf(s.Pages[i]) })
	var errs diag.List
	seen := map[string]diag.Pos{}
	counter := map[int]int{}
	for i, p := range s.Pages {
		for _, b := range found[i] {
			pos := p.Doc.Lines.Pos(b.Offset)
			if prev, dup := seen[b.ID]; dup {
				errs.Add(pos, "id %q is already used at %s; ids must be unique across the workbook, so give this block another #id", b.ID, prev)
				continue
			}
			seen[b.ID] = pos
			p.anchors[b.ID] = true
			if b.IsPrompt() {
				s.addPrompt(p, b, pos, counter)
			}
		}
	}
	return append(errs, s.linkReviews()...)
}

func (s *Site) addPrompt(p *Page, b *blocks.Block, pos diag.Pos, counter map[int]int) {
	chapter := 0
	if p.Chapter != nil {
		chapter = p.Chapter.Number
	}
	counter[chapter]++
	b.Number = fmt.Sprint(counter[chapter])
	if chapter > 0 {
		b.Number = fmt.Sprintf("%d.%d", chapter, counter[chapter])
	}
	pr := &Prompt{ID: b.ID, Number: b.Number, Kind: b.BlockType, Text: b.PlainText(p.Doc.Source), Page: p, Block: b, Pos: pos}
	p.Prompts = append(p.Prompts, pr)
	s.Prompts = append(s.Prompts, pr)
	s.prompts[b.ID] = pr
}

// blocksOf lists the blocks of page p that have an id, in document order.
func blocksOf(p *Page) []*blocks.Block {
	var out []*blocks.Block
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*blocks.Block); ok && entering && b.ID != "" {
			out = append(out, b)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// resolvePrompt rewrites a prompt: link and fills in empty link text.
func (s *Site) resolvePrompt(p *Page, n ast.Node, id string) (string, *Target, string) {
	pr := s.prompts[id]
	if pr == nil {
		var ids []string
		for k := range s.prompts {
			ids = append(ids, k)
		}
		msg := fmt.Sprintf("link to unknown prompt %q", id)
		if near := diag.Suggest(id, ids); near != "" {
			return "", nil, msg + fmt.Sprintf(" (did you mean %q?)", near)
		}
		return "", nil, msg + "; give the prompt that id with ::: prompt {#" + id + "}"
	}
	if n.ChildCount() == 0 {
		n.AppendChild(n, ast.NewString([]byte(pr.Short())))
	}
	if l, ok := n.(*ast.Link); ok && len(l.Title) == 0 {
		l.Title = []byte("Prompt " + pr.Number + " (" + pr.Page.Meta.Title + ")")
	}
	return Rel(p.URL, pr.URL()), &Target{Page: pr.Page, Frag: pr.ID}, ""
}

// firstWords shortens text to at most n words, ending with an ellipsis when
// something was cut.
func firstWords(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	out := strings.Join(words[:n], " ")
	out = strings.TrimRightFunc(out, func(r rune) bool { return r == ',' || r == ';' || r == ':' || r == '.' })
	if !utf8.ValidString(out) {
		return out
	}
	return out + "…"
}
