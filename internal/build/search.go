package build

import (
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/search"
)

// searchStepName is the name of the step that writes search-index.js.
const searchStepName = "search"

// searchStep writes the search index. The index holds every page's title,
// address, chapter and searchable text, and every prompt: what the print
// book is made of, so it has the book's key.
func (e *edition) searchStep(frame, prompts digest) step {
	return step{name: searchStepName, key: e.bookKey(frame, prompts), write: (*edition).writeSearchIndex}
}

// writeSearchIndex writes search-index.js from the pages' summaries (see
// package search). Only the chapters that have pages in this edition are
// listed, so a chapter of facilitator pages leaves no title in the
// participant edition.
func (e *edition) writeSearchIndex() error {
	x := search.Index{Workbook: e.cfg.ID, Edition: e.name}
	chapters := map[*content.Chapter]int{}
	for _, p := range e.site.Pages {
		ch := -1
		if c := p.Chapter; c != nil && p.Page != c.Index {
			n, ok := chapters[c]
			if !ok {
				n = len(x.Chapters)
				chapters[c] = n
				x.Chapters = append(x.Chapters, c.Title())
			}
			ch = n
		}
		title := p.Meta.Title
		if title == "" && p.Index == 0 {
			title = e.cfg.Title // a home page praxis made: the layout shows the workbook's title
		}
		x.Pages = append(x.Pages, search.Page{URL: p.OutputFile(), Title: title, Chapter: ch,
			Description: p.Meta.Description, Sections: p.Summary.Search})
	}
	for _, pr := range e.site.Prompts {
		x.Prompts = append(x.Prompts, search.Prompt{Page: pr.Page.Index, ID: pr.ID, Number: pr.Number, Text: pr.Text})
	}
	js, err := x.Script()
	if err != nil {
		return err
	}
	return e.sink.Put(search.File, js)
}
