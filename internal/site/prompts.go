package site

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/urlpath"
)

// Prompt is a numbered, linkable question: a prompt, scale, actions or
// review block.
type Prompt struct {
	ID     string
	Number string // chapter.position, like "2.3"; just the position outside chapters
	Kind   string // block type
	Text   string // the question, as plain text, with the text of the links to other prompts in it
	Page   *Page
	Block  *blocks.Block // detached from its tree and shared between builds: read only
	Plan   *Prompt       // for a review, the action plan it looks back at

	raw string // the question as the page's summary has it, with marks for empty prompt links
}

// Pos is where the prompt's block starts.
func (pr *Prompt) Pos() diag.Pos { return pr.Page.Pos(pr.Block.Offset) }

// quoteWords is the most words of a question that a reference to it
// quotes whole.
const quoteWords = 30

// reference is the text of an empty [](prompt:id) link to pr: its number
// and, when it is one paragraph of at most 30 words, its whole question in
// quotes, "2.3 “What is the smallest step?”"; a longer question is named
// by its number only, "question 2.3". A reference never quotes part of a
// question, which would read as if it were the whole. References inside
// the quoted question are numbers.
func (s *Site) reference(pr *Prompt) string {
	text := strings.TrimSpace(s.expandRefs(pr.raw, number))
	if text == "" || strings.Contains(text, "\n") || len(strings.Fields(text)) > quoteWords {
		return s.Config.Words.T("prompt.reference", "number", pr.Number)
	}
	return s.Config.Words.T("prompt.quote", "number", pr.Number, "text", text)
}

// number is how a prompt is referred to inside the quoted text of another.
func number(pr *Prompt) string { return pr.Number }

// fillReferences gives every prompt its text: the marks that empty prompt
// links left in its question (see promptText) become the text those links
// show, so that the prompt bank and the downloaded answers read as the page
// does.
func (s *Site) fillReferences() {
	for _, pr := range s.Prompts {
		pr.Text = s.expandRefs(pr.raw, s.reference)
	}
}

// expandRefs replaces each mark in text by what ref says of the prompt it
// names, or by the id when there is no such prompt.
func (s *Site) expandRefs(text string, ref func(*Prompt) string) string {
	if !strings.Contains(text, refStart) {
		return text
	}
	var b strings.Builder
	for {
		before, rest, ok := strings.Cut(text, refStart)
		b.WriteString(before)
		if !ok {
			return b.String()
		}
		id, after, _ := strings.Cut(rest, refEnd)
		if target := s.prompts[id]; target != nil {
			b.WriteString(ref(target))
		} else {
			b.WriteString(id)
		}
		text = after
	}
}

// URL is the address of the prompt from the site root, like
// "2-action/plan/index.html#first-step", percent-encoded (see urlpath.Escape).
func (pr *Prompt) URL() string { return urlpath.Escape(pr.Page.OutputFile()) + "#" + pr.ID }

// RelURL is the address of the prompt from a page in folder fromDir (see Rel).
func (pr *Prompt) RelURL(fromDir string) string {
	return Rel(fromDir, pr.Page.OutputFile()) + "#" + pr.ID
}

// Prompt returns the prompt with the given id, or nil.
func (s *Site) Prompt(id string) *Prompt { return s.prompts[id] }

// collectPrompts numbers every prompt in reading order, per chapter, and
// reports ids used twice. Every block id (checklists, commitments too)
// becomes an anchor of its page. Then it links each review to the action
// plan it names, reporting reviews of unknown ids or of other blocks.
func (s *Site) collectPrompts() diag.List {
	var errs diag.List
	seen := map[string]*Page{} // by id, the page that has it
	counter := map[numbering]int{}
	for _, p := range s.Pages {
		for _, info := range p.Summary.Blocks {
			id := info.Block.ID
			if prev, dup := seen[id]; dup {
				errs.Add(p.Pos(info.Block.Offset), "id %q is already used at %s; ids must be unique across the workbook, so give this block another #id",
					id, prev.Pos(prev.blockOffset(id)))
				continue
			}
			seen[id] = p
			p.anchors[id] = true
			if info.Block.IsPrompt() {
				s.addPrompt(p, info, counter)
			}
		}
	}
	return append(errs, s.linkReviews()...)
}

// numbering is a sequence of prompt numbers: per chapter, and apart for
// the prompts only facilitators see.
type numbering struct {
	chapter     int
	facilitator bool
}

// addPrompt numbers a prompt block of page p: "2.3" is the third prompt of
// chapter 2. Prompts inside facilitator blocks, on facilitator pages or in
// chapters only facilitators see are numbered apart, "F2.1", so that every
// other prompt has the same number in both editions.
func (s *Site) addPrompt(p *Page, info BlockInfo, counter map[numbering]int) {
	seq := numbering{facilitator: info.Facilitator || p.Meta.Edition == config.Facilitator}
	if p.Chapter != nil {
		seq.chapter = p.Chapter.Number
		seq.facilitator = seq.facilitator || p.Chapter.FacilitatorOnly()
	}
	counter[seq]++
	b := info.Block
	number := strconv.Itoa(counter[seq])
	if seq.chapter > 0 {
		number = strconv.Itoa(seq.chapter) + "." + number
	}
	if seq.facilitator {
		number = "F" + number
	}
	pr := &Prompt{ID: b.ID, Number: number, Kind: b.BlockType, Text: info.Text, Page: p, Block: b, raw: info.Text}
	p.Prompts = append(p.Prompts, pr)
	s.Prompts = append(s.Prompts, pr)
	s.prompts[b.ID] = pr
}

// blockOffset is where the first block of p with the given id starts.
func (p *Page) blockOffset(id string) int {
	for _, info := range p.Summary.Blocks {
		if info.Block.ID == id {
			return info.Block.Offset
		}
	}
	return 0
}

// resolvePrompt resolves a prompt: link; an empty one reads the prompt's
// number and question (see reference).
func (s *Site) resolvePrompt(p *Page, l LinkInfo, id string) (resolved, *Target, string) {
	pr := s.prompts[id]
	if pr == nil {
		var ids []string
		for k := range s.prompts {
			ids = append(ids, k)
		}
		msg := fmt.Sprintf("link to unknown prompt %q", id)
		if near := diag.Suggest(id, ids); near != "" {
			return resolved{}, nil, msg + fmt.Sprintf(" (did you mean %q?)", near)
		}
		return resolved{}, nil, msg + "; give the prompt that id with ::: prompt {#" + id + "}"
	}
	r := resolved{dest: pr.RelURL(p.URL)}
	if l.Empty {
		r.text = s.reference(pr)
	}
	if !l.Titled {
		r.title = s.Config.Words.T("prompt.link_title", "number", pr.Number, "page", pr.Page.Meta.Title)
	}
	return r, &Target{Page: pr.Page, Frag: pr.ID, Named: l.Empty}, ""
}
