package print

import (
	"fmt"
	"slices"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/pdf"
)

// SectionRef names a section or a prompt of the print book, to find
// where it landed in a PDF and to list it in the PDF's outline.
type SectionRef struct {
	Anchor string // id of the section (see Anchor) or of the prompt
	// Title is the section's heading, the page title, or for a prompt the
	// title of its bookmark (see PromptTitle).
	Title        string
	Prompt       bool   // a prompt, found by its id (its number links to it)
	Level        int    // in the outline: 1 for a chapter or a page outside chapters, 2 for a chapter's page, one more for a prompt
	ChapterStart bool   // the section starts a chapter on paper
	File         string // the web page it is part of, like "2-insight/perspective/index.html"
	Chapter      string // the folder of its chapter, like "2-insight"; "" outside chapters
}

// ChapterStarts lists the anchors of the sections that start a chapter,
// in order.
func ChapterStarts(sections []SectionRef) []string {
	var starts []string
	for _, s := range sections {
		if s.ChapterStart {
			starts = append(starts, s.Anchor)
		}
	}
	return starts
}

// Paginator prints the whole book until its page numbers hold: it reads
// where the sections of each print start and decides the empty pages of
// the next one. A duplex book has empty pages before some chapters (see
// Blanks), and the build takes the numbers the book would have without
// them, so Read gives those.
type Paginator struct {
	sections []SectionRef
	starts   []string // the chapter starts of a duplex book; nil otherwise
	blanks   []string // the chapters with an empty page before them in the print read next
}

// NewPaginator returns a Paginator for a book of sections, printed on
// both sides when duplex is set.
func NewPaginator(sections []SectionRef, duplex bool) *Paginator {
	n := &Paginator{sections: sections}
	if duplex {
		n.starts = ChapterStarts(sections)
	}
	return n
}

// Read returns the natural page number of each section of a print.
func (n *Paginator) Read(data []byte) (map[string]int, error) {
	at, err := placed(data, n.sections)
	if err != nil {
		return nil, err
	}
	return RemoveBlanks(pageNumbers(at), n.blanks), nil
}

// Paginate takes the first print of the book and has reprint print it
// again, with the natural page numbers read from the last print, until the
// numbers hold or it has printed maxPrints times (see paginate).
func (n *Paginator) Paginate(first []byte, reprint func(natural map[string]int) ([]byte, error), moved func(anchors []string, final bool)) ([]byte, error) {
	return paginate(first, n.Read, func(natural map[string]int) ([]byte, error) {
		n.blanks = Blanks(n.starts, natural) // as the build decides them
		return reprint(natural)
	}, moved)
}

// Outline returns the bookmarks of a print of the built file page (the
// print book, a chapter's handout or a page): the sections of the book it
// holds, each where it landed.
func Outline(data []byte, page string, sections []SectionRef) ([]pdf.Bookmark, error) {
	held := inPrint(page, sections)
	at, err := placed(data, held)
	if err != nil {
		return nil, err
	}
	return bookmarks(held, at), nil
}

// maxPrints bounds how often paginate prints the book: the first print
// finds where each section lands and the second prints those numbers. The
// numbers themselves take room (", page 14" after a reference), which can
// push a section onto the next page; a third print corrects that.
const maxPrints = 3

// paginate takes the first print of the book and prints it again, with the
// page numbers read from the last print, until the numbers hold or it has
// printed maxPrints times. It tells moved which sections landed elsewhere
// than the numbers printed said, before printing once more or, final, when
// no print is left.
func paginate(first []byte, read func([]byte) (map[string]int, error), reprint func(map[string]int) ([]byte, error), moved func(anchors []string, final bool)) ([]byte, error) {
	data := first
	var printed map[string]int // the numbers printed in data; none in the first print
	for n := 1; ; n++ {
		found, err := read(data)
		if err != nil {
			return nil, err
		}
		if n > 1 {
			diff := changed(printed, found)
			if len(diff) == 0 {
				return data, nil
			}
			moved(diff, n == maxPrints)
		}
		if n == maxPrints {
			return data, nil
		}
		printed = found
		if data, err = reprint(found); err != nil {
			return nil, err
		}
	}
}

// changed returns, sorted, the anchors whose page differs between a and b.
func changed(a, b map[string]int) []string {
	var diff []string
	for k, v := range a {
		if b[k] != v {
			diff = append(diff, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			diff = append(diff, k)
		}
	}
	slices.Sort(diff)
	return diff
}

// placed reads from a print where each of sections landed: a page by its
// title's bookmark (see bookmarkPlaces), a prompt by the named destination
// of its id, which its number links to. Sections the print does not hold
// are left out.
func placed(data []byte, sections []SectionRef) (map[string]pdf.Destination, error) {
	entries, err := pdf.Outline(data)
	var dests map[string]pdf.Destination
	if err == nil {
		dests, err = pdf.Destinations(data)
	}
	if err != nil {
		return nil, fmt.Errorf("reading where the sections of the print landed: %w", err)
	}
	var pages []SectionRef
	for _, s := range sections {
		if !s.Prompt {
			pages = append(pages, s)
		}
	}
	start := 0 // the first section's page, when the contents link to it
	if len(pages) > 0 {
		start = dests[pages[0].Anchor].Page
	}
	at := bookmarkPlaces(entries, start, pages)
	for _, s := range sections {
		if d := dests[s.Anchor]; s.Prompt && d.Page > 0 {
			at[s.Anchor] = d
		}
	}
	return at, nil
}

// pageNumbers returns the page of each placed section.
func pageNumbers(at map[string]pdf.Destination) map[string]int {
	pages := make(map[string]int, len(at))
	for k, d := range at {
		pages[k] = d.Page
	}
	return pages
}

// bookmarkPlaces returns where the title bookmark of each page section
// points. The outline lists headings in document order; the bookmarks
// before start, the page of the first section, belong to the cover and
// the contents, whose heading is the workbook's title like the home
// page's, and are left out.
func bookmarkPlaces(entries []pdf.Entry, start int, sections []SectionRef) map[string]pdf.Destination {
	entries = slices.DeleteFunc(slices.Clone(entries), func(en pdf.Entry) bool { return en.Page < start })
	at := matchPages(entries, sections)
	matchRest(entries, sections, at)
	places := map[string]pdf.Destination{}
	for i, k := range at {
		if k >= 0 && entries[k].Page > 0 {
			d := entries[k].Dest
			d.Page = entries[k].Page // the same, unless a test made the entry
			places[sections[i].Anchor] = d
		}
	}
	return places
}

// bookmarks is the outline of a print: its sections, each where it
// landed, chapters open to show their pages and pages closed over their
// prompts.
func bookmarks(sections []SectionRef, at map[string]pdf.Destination) []pdf.Bookmark {
	var marks []pdf.Bookmark
	for _, s := range sections {
		if d, ok := at[s.Anchor]; ok {
			marks = append(marks, pdf.Bookmark{Title: s.Title, Level: s.Level, Dest: d, Open: s.Level == 1})
		}
	}
	return marks
}

// inPrint returns the sections that the built file page holds: all of
// them for the print book, a chapter's for its handout, a page's for the
// page.
func inPrint(page string, sections []SectionRef) []SectionRef {
	if page == addresses.PrintBook {
		return sections
	}
	chapter, isHandout := strings.CutSuffix(page, addresses.Handout(""))
	var held []SectionRef
	for _, s := range sections {
		if isHandout && s.Chapter == chapter || !isHandout && s.File == page {
			held = append(held, s)
		}
	}
	return held
}

// titleKey is what a bookmark and a section title must share to match:
// Chromium leaves out the space where a heading wraps ("Supporting action
// withoutcreating dependency"), so spaces do not count, nor does case.
func titleKey(title string) string {
	return strings.ToLower(strings.Join(strings.Fields(title), ""))
}

// matchPages matches sections to top-level bookmarks in order, by title,
// and sets at[i] to the index in entries of section i's bookmark (-1 for
// none). Page titles are the only h1 headings of the print book, so they
// are its top-level bookmarks, and other headings are not looked at. A title can repeat, so each section takes the first match
// after the previous section's; when the next section's title comes first,
// the section has no bookmark and takes none, so that one missing bookmark
// does not shift the sections after it.
func matchPages(entries []pdf.Entry, sections []SectionRef) []int {
	top := map[string][]int{} // title key → indexes of top-level entries
	for k, en := range entries {
		if en.Level == 1 {
			top[titleKey(en.Title)] = append(top[titleKey(en.Title)], k)
		}
	}
	at := make([]int, len(sections))
	var listed []int // the sections whose title is a top-level bookmark
	for i, s := range sections {
		at[i] = -1
		if top[titleKey(s.Title)] != nil {
			listed = append(listed, i)
		}
	}
	next := 0 // the first entry no section has taken
	for q, i := range listed {
		k := firstFrom(top[titleKey(sections[i].Title)], next)
		if k < 0 {
			continue
		}
		if q+1 < len(listed) {
			if n := firstFrom(top[titleKey(sections[listed[q+1]].Title)], next); n >= 0 && n < k {
				continue
			}
		}
		at[i], next = k, k+1
	}
	return at
}

// firstFrom returns the first of the ascending indexes that is at least
// from, or -1.
func firstFrom(indexes []int, from int) int {
	if j, _ := slices.BinarySearch(indexes, from); j < len(indexes) {
		return indexes[j]
	}
	return -1
}

// matchRest finds the bookmarks of the sections matchPages left without one
// (pages whose bookmark is not top-level): each is the first bookmark with
// its title after the previous section's and before the next matched
// page's.
func matchRest(entries []pdf.Entry, sections []SectionRef, at []int) {
	end := make([]int, len(sections)) // where the search for section i stops
	stop := len(entries)
	for i := len(sections) - 1; i >= 0; i-- {
		if at[i] >= 0 {
			stop = at[i]
		}
		end[i] = stop
	}
	from := 0
	for i, s := range sections {
		key := titleKey(s.Title)
		for k := from; at[i] < 0 && k < end[i]; k++ {
			if titleKey(entries[k].Title) == key {
				at[i] = k
			}
		}
		if at[i] >= 0 {
			from = at[i] + 1
		}
	}
}
