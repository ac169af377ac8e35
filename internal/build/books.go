package build

import (
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/print"
	"github.com/praxis-workbooks/praxis/internal/qr"
	"github.com/praxis-workbooks/praxis/internal/render"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// PrintBook is the address of the whole-workbook print book.
const PrintBook = "print/index.html"

// HandoutFile is the address of a chapter's handout: the chapter's pages on
// one page to print.
func HandoutFile(c *content.Chapter) string { return c.Dir + "/print.html" }

// PrintView is the data of the print layout.
type PrintView struct {
	*render.View
	Cover    bool // the whole book: a cover and a table of contents
	Sections []PrintSection
	PrintTOC []PrintTOCEntry
}

// PrintSection is one page of the workbook inside a book.
type PrintSection struct {
	Anchor       string // id of the section, like "page-2-action-plan"
	Title        string
	ChapterLabel string
	ChapterStart bool // a chapter's first page: starts on a new page
	Chapter      int
	Session      *render.Session
	Body         template.HTML
	QR           template.HTML // a QR code of the page's web address, when base_url is set
	WebURL       string
}

// PrintTOCEntry is a line of the printed table of contents.
type PrintTOCEntry struct {
	Level      int
	Number     string
	Title      string
	URL        string
	PageNumber string
}

// writePrintBook writes the print book and one handout per chapter. Each
// page is rendered for print once, in parallel; a handout reuses the book's
// rendering of a page unless the page links outside the chapter (those links
// go to the web page instead of an anchor) or the book carries page numbers.
func (e *edition) writePrintBook() error {
	whole := e.newBook("print/", e.site.Pages, true)
	secs, err := e.sections(whole, e.site.Pages, nil)
	if err != nil {
		return err
	}
	if err := e.writeBook(PrintBook, whole, e.site.Pages, secs); err != nil {
		return err
	}
	bookSection := make(map[*site.Page]PrintSection, len(secs))
	for i, p := range e.site.Pages {
		bookSection[p] = secs[i]
	}
	for _, c := range e.site.Workbook.Chapters {
		pages := []*site.Page{e.site.Chapter(c)}
		for _, cp := range c.Pages {
			pages = append(pages, e.site.PageOf(cp))
		}
		handout := e.newBook(c.Dir+"/", pages, false)
		reuse := bookSection
		if len(e.pageNumbers) > 0 {
			reuse = nil
		}
		hsecs, err := e.sections(handout, pages, reuse)
		if err != nil {
			return err
		}
		if err := e.writeBook(HandoutFile(c), handout, pages, hsecs); err != nil {
			return err
		}
	}
	return nil
}

func (e *edition) newBook(dir string, pages []*site.Page, whole bool) *print.Book {
	book := &print.Book{Dir: dir, Pages: make(map[*site.Page]bool, len(pages))}
	if whole {
		book.PageNumbers = e.pageNumbers
	}
	for _, p := range pages {
		book.Pages[p] = true
	}
	return book
}

// sections renders pages for book in parallel, taking a page's section from
// reuse when all of its links stay inside the book.
func (e *edition) sections(book *print.Book, pages []*site.Page, reuse map[*site.Page]PrintSection) ([]PrintSection, error) {
	secs := make([]PrintSection, len(pages))
	errs := make([]error, len(pages))
	parallel(e.context(), len(pages), func(i int) {
		if sec, ok := reuse[pages[i]]; ok && linksStayIn(book, pages[i]) {
			secs[i] = sec
			return
		}
		secs[i], errs[i] = e.section(book, pages[i])
	})
	return secs, errors.Join(errs...)
}

// linksStayIn reports whether every link of p to a page points into book.
func linksStayIn(book *print.Book, p *site.Page) bool {
	for _, t := range p.Targets {
		if t.Page != nil && !book.Pages[t.Page] {
			return false
		}
	}
	return true
}

func (e *edition) writeBook(file string, book *print.Book, pages []*site.Page, secs []PrintSection) error {
	whole := file == PrintBook
	v := &PrintView{View: render.Frame(e.site, e.info, book.Dir, nil), Cover: whole, Sections: secs}
	v.Title = e.cfg.Title
	v.PageCSS += bookPageCSS(e.cfg, e.name, pages)
	for i, p := range pages {
		v.PrintTOC = append(v.PrintTOC, e.tocEntry(p, secs[i]))
	}
	if !whole && len(pages) > 0 && pages[0].Chapter != nil {
		v.Title = e.cfg.Title + " · Chapter " + strconv.Itoa(pages[0].Chapter.Number) + ": " + pages[0].Chapter.Title()
	}
	return e.execute(file, render.LayoutPrint, v)
}

func (e *edition) section(book *print.Book, p *site.Page) (PrintSection, error) {
	body, err := book.Render(e.conv, p)
	if err != nil {
		return PrintSection{}, fmt.Errorf("%s: rendering for print: %w", p.Source, err)
	}
	sec := PrintSection{Anchor: print.Anchor(p), Title: p.Meta.Title, Body: body, Session: render.SessionOf(p)}
	if sec.Session != nil {
		for i := range sec.Session.Agenda {
			sec.Session.Agenda[i].ID = print.ID(p, sec.Session.Agenda[i].ID)
		}
	}
	if p.Chapter != nil {
		sec.Chapter = p.Chapter.Number
		if p.IsIndex {
			sec.ChapterStart = true
			sec.ChapterLabel = "Chapter " + strconv.Itoa(p.Chapter.Number)
		}
	}
	sec.QR, sec.WebURL = e.qr(p)
	return sec, nil
}

func (e *edition) tocEntry(p *site.Page, sec PrintSection) PrintTOCEntry {
	entry := PrintTOCEntry{Level: 2, Title: p.Meta.Title, URL: "#" + sec.Anchor}
	if sec.ChapterStart {
		entry.Level, entry.Number = 1, strconv.Itoa(p.Chapter.Number)
	}
	if n := e.pageNumbers[sec.Anchor]; n > 0 {
		entry.PageNumber = strconv.Itoa(n)
	}
	return entry
}

// bookPageCSS gives every chapter of a book a named page whose header
// names the workbook and the chapter, since Chromium supports named pages
// but not string-set.
func bookPageCSS(cfg *config.Config, edition string, pages []*site.Page) template.CSS {
	var b strings.Builder
	seen := map[int]bool{}
	for _, p := range pages {
		if p.Chapter == nil || seen[p.Chapter.Number] {
			continue
		}
		n := p.Chapter.Number
		seen[n] = true
		header := fmt.Sprintf("%s · Chapter %d: %s", cfg.Title, n, p.Chapter.Title())
		fmt.Fprintf(&b, " .print-page[data-chapter=\"%d\"] { page: chapter-%d; }", n, n)
		fmt.Fprintf(&b, " @page chapter-%d { @top-left { content: %s; }", n, render.CSSString(header))
		if edition == config.Facilitator {
			b.WriteString(` @top-right { content: "Facilitator edition"; }`)
		}
		b.WriteString(" }")
	}
	return template.CSS(b.String())
}

// qr returns a QR code of page p's published address and the address,
// when the workbook has a base_url; printed pages carry it so a reader can
// get back to the online version.
func (e *edition) qr(p *site.Page) (template.HTML, string) {
	base := e.editionURL()
	if base == "" {
		return "", ""
	}
	u := base + p.URL
	svg, err := qr.SVG(u)
	if err != nil {
		return "", u
	}
	return template.HTML(svg), u
}
