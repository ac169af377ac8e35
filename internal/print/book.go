package print

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/layout"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// What a book is made of besides its pages' bodies: its contents, page
// numbers and named pages, and the sections praxis pdf looks for.

// NewBook returns a book of pages, addressed as dir, that prints numbers
// as the pages its sections start on (nil for none).
func NewBook(dir string, pages []*site.Page, numbers map[string]int) *Book {
	book := &Book{Dir: dir, Pages: make(map[*site.Page]bool, len(pages)), PageNumbers: numbers}
	for _, p := range pages {
		book.Pages[p] = true
	}
	return book
}

// LinksStayIn reports whether every link of p to a page points into book.
func LinksStayIn(book *Book, p *site.Page) bool {
	for _, t := range p.Targets {
		if t.Page != nil && !book.Pages[t.Page] {
			return false
		}
	}
	return true
}

// ChapterStart reports whether p is a chapter's own page, which starts
// the chapter on paper.
func ChapterStart(p *site.Page) bool { return p.IsIndex && p.Chapter != nil }

// TOCEntry is page p's line in the contents of book, with the page number
// the book prints for it.
func TOCEntry(book *Book, p *site.Page) layout.PrintTOCEntry {
	anchor := Anchor(p)
	entry := layout.PrintTOCEntry{Level: 2, Title: p.Meta.Title, URL: "#" + anchor}
	if ChapterStart(p) {
		entry.Level, entry.Number = 1, strconv.Itoa(p.Chapter.Number)
	}
	if n := book.PageNumbers[anchor]; n > 0 {
		entry.PageNumber = strconv.Itoa(n)
	}
	return entry
}

// PageCSS gives every chapter of a book a named page whose header
// names the workbook and the chapter, since Chromium supports named pages
// but not string-set.
func PageCSS(cfg *config.Config, edition string, pages []*site.Page) template.CSS {
	var b strings.Builder
	seen := map[int]bool{}
	for _, p := range pages {
		if p.Chapter == nil || seen[p.Chapter.Number] {
			continue
		}
		n := p.Chapter.Number
		seen[n] = true
		header := cfg.Words.T("chapter.header", "workbook", cfg.Title, "n", n, "title", p.Chapter.Title())
		fmt.Fprintf(&b, " .print-page[data-chapter=\"%d\"] { page: chapter-%d; }", n, n)
		fmt.Fprintf(&b, " @page chapter-%d { @%s { content: %s; }", n, layout.HeaderBox(cfg.Words), layout.HeaderString(header))
		if edition == config.Facilitator {
			b.WriteString(` @` + layout.MarkBox(cfg.Words) + ` { content: ` + layout.CSSString(cfg.Words.T("edition.facilitator")) + `; }`)
		}
		b.WriteString(" }")
	}
	return template.CSS(b.String())
}

// Sections lists the sections and prompts of pages in reading order.
func Sections(pages []*site.Page) []SectionRef {
	var refs []SectionRef
	for _, p := range pages {
		sec := SectionRef{Anchor: Anchor(p), Title: p.Meta.Title, Level: 1, ChapterStart: ChapterStart(p), File: p.OutputFile()}
		if p.Chapter != nil {
			sec.Chapter = p.Chapter.Dir
			if !sec.ChapterStart {
				sec.Level = 2
			}
		}
		refs = append(refs, sec)
		for _, pr := range p.Prompts {
			refs = append(refs, SectionRef{Anchor: pr.ID, Title: PromptTitle(pr.Number, pr.Text), Prompt: true,
				Level: sec.Level + 1, File: sec.File, Chapter: sec.Chapter})
		}
	}
	return refs
}

// chapterAnchors lists the anchors of the pages that start a chapter on
// paper, in the order of pages.
func chapterAnchors(pages []*site.Page) []string {
	var starts []string
	for _, p := range pages {
		if ChapterStart(p) {
			starts = append(starts, Anchor(p))
		}
	}
	return starts
}

// Numbers returns the page numbers the whole print book prints and the
// sections it puts an empty page before: without duplex, the numbers it
// was given; with duplex, those moved on by the blank pages.
func Numbers(pages []*site.Page, natural map[string]int, duplex bool) (map[string]int, map[string]bool) {
	if !duplex || len(natural) == 0 {
		return natural, nil
	}
	blanks := Blanks(chapterAnchors(pages), natural)
	before := make(map[string]bool, len(blanks))
	for _, anchor := range blanks {
		before[anchor] = true
	}
	return AddBlanks(natural, blanks), before
}
