package build

import (
	"github.com/praxis-workbooks/praxis/internal/print"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// chapterStarts lists the anchors of the pages that start a chapter on
// paper, in the order of pages.
func chapterStarts(pages []*site.Page) []string {
	var starts []string
	for _, p := range pages {
		if chapterStart(p) {
			starts = append(starts, print.Anchor(p))
		}
	}
	return starts
}

// bookNumbers returns the page numbers the whole print book prints and the
// sections it puts an empty page before: without duplex, the numbers it
// was given; with duplex, those moved on by the blank pages.
func (e *edition) bookNumbers(pages []*site.Page) (map[string]int, map[string]bool) {
	if !e.cfg.Duplex || len(e.pageNumbers) == 0 {
		return e.pageNumbers, nil
	}
	blanks := print.Blanks(chapterStarts(pages), e.pageNumbers)
	before := make(map[string]bool, len(blanks))
	for _, anchor := range blanks {
		before[anchor] = true
	}
	return print.AddBlanks(e.pageNumbers, blanks), before
}
