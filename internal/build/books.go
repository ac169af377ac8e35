package build

import (
	"fmt"
	"html/template"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/layout"
	"github.com/praxis-workbooks/praxis/internal/print"
	"github.com/praxis-workbooks/praxis/internal/qr"
	"github.com/praxis-workbooks/praxis/internal/search"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// PrintBook is the address of the whole-workbook print book.
const PrintBook = addresses.PrintBook

// HandoutFile is the address of a chapter's handout: the chapter's pages on
// one page to print.
func HandoutFile(c *content.Chapter) string { return addresses.Handout(c.Dir) }

// bookWindow is how many pages may be rendered ahead of the one the print
// book is waiting for, which bounds the memory a big workbook needs.
const bookWindow = 16

// printed is what rendering one page gives the print books.
type printed struct {
	book    layout.PrintSection
	handout *layout.PrintSection // its section in the chapter's handout, when that differs
	search  []search.Section     // what the search index holds of it
	err     error
}

// writeBooks writes the print book, one handout per chapter, the search
// index and the web pages of the pages in web: each page is parsed and
// prepared once, in parallel, and its sections reach the books and the
// index in reading order as soon as they are ready, so none of them is
// ever held in memory whole.
func (e *edition) writeBooks(web map[*site.Page]bool) error {
	pages := e.site.Pages
	index, err := e.startSearch()
	if err != nil {
		return err
	}
	numbers, blanks := print.Numbers(pages, e.pageNumbers, e.cfg.Duplex)
	whole := print.NewBook("print/", pages, numbers)
	handouts := map[*content.Chapter]*print.Book{}
	for _, c := range e.site.Workbook.Chapters {
		handouts[c] = print.NewBook(c.Dir+"/", e.chapterPages(c), nil)
	}
	book := e.startBook(PrintBook, whole, pages)
	var errs diag.List
	var handout []layout.PrintSection
	flush := func(c *content.Chapter) {
		if c != nil {
			errs.Append(e.writeBook(HandoutFile(c), handouts[c], e.chapterPages(c), handout))
		}
		handout = nil
	}
	inOrder(e.context(), len(pages), bookWindow, func(i int) printed {
		return e.printPage(pages[i], whole, handouts[pages[i].Chapter], web[pages[i]])
	}, func(i int, r printed) {
		p := pages[i]
		if i > 0 && p.Chapter != pages[i-1].Chapter {
			flush(pages[i-1].Chapter)
		}
		if r.err != nil {
			errs.Append(r.err)
			return
		}
		index.add(e, p, r.search)
		sec := r.book
		sec.BlankBefore = blanks[sec.Anchor]
		book.send(sec)
		if r.handout != nil {
			handout = append(handout, *r.handout)
		} else {
			handout = append(handout, r.book)
		}
	})
	if len(pages) > 0 {
		flush(pages[len(pages)-1].Chapter)
	}
	errs.Append(book.close())
	errs.Append(index.close())
	if err := e.context().Err(); err != nil {
		return err // the books are incomplete
	}
	return errs.Err()
}

// chapterPages lists a chapter's pages as its handout has them: the
// chapter's own page first.
func (e *edition) chapterPages(c *content.Chapter) []*site.Page {
	pages := []*site.Page{e.site.Chapter(c)}
	for _, cp := range c.Pages {
		pages = append(pages, e.site.PageOf(cp))
	}
	return pages
}

// printPage renders page p for the books and, with web set, for the web.
// A handout reuses the book's rendering of a page unless the page links
// outside the chapter (those links go to the web page instead of an
// anchor) or the book carries page numbers.
func (e *edition) printPage(p *site.Page, whole, handout *print.Book, web bool) printed {
	t, err := e.tree(p)
	if err != nil {
		return printed{err: err}
	}
	r := printed{search: search.Sections(t.Doc)}
	if web {
		if r.err = e.writeWeb(p, t); r.err != nil {
			return r
		}
	}
	if r.book, r.err = e.section(whole, p, t); r.err != nil || handout == nil {
		return r
	}
	if len(e.pageNumbers) > 0 || !print.LinksStayIn(handout, p) {
		sec, err := e.section(handout, p, t)
		r.handout, r.err = &sec, err
	}
	return r
}

// bookStream feeds a book's sections to its layout while it renders.
type bookStream struct {
	sections chan layout.PrintSection
	finished chan struct{} // closed when the layout has run
	err      error
}

// startBook starts rendering the book file, of pages, whose sections
// follow through send.
func (e *edition) startBook(file string, book *print.Book, pages []*site.Page) *bookStream {
	s := &bookStream{sections: make(chan layout.PrintSection), finished: make(chan struct{})}
	v := e.printView(file, book, pages)
	v.Sections = s.sections
	go func() {
		defer close(s.finished)
		s.err = e.stream(file, layout.LayoutPrint, v)
	}()
	return s
}

// send passes the next section to the layout; once the layout has stopped
// (it failed, or does not list the sections), sections are dropped.
func (s *bookStream) send(sec layout.PrintSection) {
	select {
	case s.sections <- sec:
	case <-s.finished:
	}
}

// close ends the sections and waits for the layout to finish.
func (s *bookStream) close() error {
	close(s.sections)
	<-s.finished
	return s.err
}

// writeBook writes a book whose sections are all rendered already.
func (e *edition) writeBook(file string, book *print.Book, pages []*site.Page, secs []layout.PrintSection) error {
	s := e.startBook(file, book, pages)
	for _, sec := range secs {
		s.send(sec)
	}
	return s.close()
}

// printView is the data of a book's layout but for its sections.
func (e *edition) printView(file string, book *print.Book, pages []*site.Page) *layout.PrintView {
	whole := file == PrintBook
	v := &layout.PrintView{View: layout.Frame(e.site, e.info, book.Dir, nil), Cover: whole}
	v.Title = e.cfg.Title
	v.PageCSS += print.PageCSS(e.cfg, e.name, pages)
	for _, p := range pages {
		v.PrintTOC = append(v.PrintTOC, print.TOCEntry(book, p))
	}
	if !whole && len(pages) > 0 && pages[0].Chapter != nil {
		v.Title = e.cfg.Words.T("chapter.header", "workbook", e.cfg.Title, "n", pages[0].Chapter.Number, "title", pages[0].Chapter.Title())
	}
	return v
}

func (e *edition) section(book *print.Book, p *site.Page, t *site.Tree) (layout.PrintSection, error) {
	buf := e.buffers.get()
	defer e.buffers.put(buf)
	if err := book.Render(buf, e.conv, p, t); err != nil {
		return layout.PrintSection{}, fmt.Errorf("%s: rendering for print: %w", p.Source, err)
	}
	sec := layout.PrintSection{Anchor: print.Anchor(p), Title: p.Meta.Title, Body: template.HTML(buf.String()), Session: layout.SessionOf(p)}
	if id, ok := p.TitleID(); ok {
		sec.TitleID = print.ID(p, id)
	}
	if sec.Session != nil {
		for i := range sec.Session.Agenda {
			sec.Session.Agenda[i].ID = print.ID(p, sec.Session.Agenda[i].ID)
		}
	}
	if p.Chapter != nil {
		sec.Chapter = p.Chapter.Number
		if print.ChapterStart(p) {
			sec.ChapterStart = true
			sec.ChapterLabel = e.cfg.Words.T("chapter.label", "n", p.Chapter.Number)
		}
	}
	sec.QR, sec.WebURL = e.qr(p)
	return sec, nil
}

// qr returns a QR code of page p's published address and the address,
// when the workbook has a base_url; printed pages carry it so a reader can
// get back to the online version.
func (e *edition) qr(p *site.Page) (template.HTML, string) {
	base := e.editionURL()
	if base == "" {
		return "", ""
	}
	u := site.Href(base, p.URL)
	svg, err := qr.Labeled(u, e.cfg.Words.T("qr.label", "url", u))
	if err != nil {
		return "", u
	}
	return template.HTML(svg), u
}
