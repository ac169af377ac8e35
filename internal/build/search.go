package build

import (
	"io"

	"github.com/praxis-workbooks/praxis/internal/search"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// searchIndex is search-index.js while writeBooks writes it: the books
// read every page's syntax tree in reading order, and the index takes its
// words from the same trees (see package search). So the index is one of
// the books' files, made from the same inputs.
type searchIndex struct {
	file io.WriteCloser
	x    *search.Writer
}

// startSearch starts the edition's search index.
func (e *edition) startSearch() (*searchIndex, error) {
	f, err := e.sink.Create(search.File)
	if err != nil {
		return nil, err
	}
	return &searchIndex{file: f, x: search.NewWriter(f, e.cfg.ID, e.name)}, nil
}

// add adds page p, whose sections are secs, to the index.
func (s *searchIndex) add(e *edition, p *site.Page, secs []search.Section) {
	title := p.Meta.Title
	if title == "" && p.Index == 0 {
		title = e.cfg.Title // a home page praxis made: the layout shows the workbook's title
	}
	chapter := ""
	if c := p.Chapter; c != nil && p.Page != c.Index {
		chapter = c.Title()
	}
	prompts := make([]search.Prompt, len(p.Prompts))
	for i, pr := range p.Prompts {
		prompts[i] = search.Prompt{ID: pr.ID, Number: pr.Number, Text: pr.Text}
	}
	s.x.Page(search.Page{URL: p.OutputFile(), Title: title, Chapter: chapter,
		Description: p.Meta.Description, Sections: secs, Prompts: prompts})
}

// close ends the index.
func (s *searchIndex) close() error {
	err := s.x.Close()
	if cerr := s.file.Close(); err == nil {
		err = cerr
	}
	return err
}
