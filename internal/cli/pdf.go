package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/chrome"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/pdf"
)

type pdfFlags struct {
	siteFlags
	paper, handout, chromePath string
	force                      bool
}

func runPDF(e *env, args []string) int {
	fs := e.newFlags("pdf", "pdf [--source DIR] [--edition E] [--paper A4|Letter] [--output FILE] [--force] [--handout PAGE] [--chrome PATH]")
	var f pdfFlags
	e.addSiteFlags(fs, &f.siteFlags)
	fs.StringVar(&f.paper, "paper", "", "A4 or Letter (default: paper in praxis.yaml, or A4)")
	fs.StringVar(&f.output, "output", "", "the PDF file to write (default: the workbook id, and a handout's address, plus .pdf, in the current folder)")
	fs.BoolVar(&f.force, "force", false, "replace the PDF file if it exists")
	fs.StringVar(&f.handout, "handout", "", "print one page as a handout: its file under content/ or its address, like 4-sessions/first-session")
	fs.StringVar(&f.chromePath, "chrome", "", "the Chromium or Chrome program to print with (default: $"+chrome.EnvVar+", then PATH)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "praxis pdf: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	p := &pdfRun{env: e, flags: f}
	return p.run()
}

type pdfRun struct {
	env   *env
	flags pdfFlags
	exe   string
}

func (p *pdfRun) run() int {
	e := p.env
	tmp, err := os.MkdirTemp("", "praxis-pdf-")
	if err != nil {
		return e.report(err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	b := build.New(build.Options{Root: p.flags.source, Output: out, Drafts: p.flags.drafts,
		Edition: p.flags.edition, Paper: p.flags.paper, Defaults: praxis.Defaults})
	cfg, err := b.LoadConfig()
	if err != nil {
		return e.report(err)
	}
	cfg.Editions = cfg.Editions[:1]
	st, _, err := b.Write(e.ctx, cfg)
	if err != nil {
		return e.report(err)
	}
	e.warn(st.Warnings)
	site := filepath.Join(out, filepath.FromSlash(cfg.EditionFolder(cfg.Editions[0])))
	page, err := p.pageFile(site)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitUsage
	}
	target := p.flags.output
	if target == "" {
		target = defaultPDFName(cfg.ID, page)
	}
	if err := checkPDFTarget(target, p.flags.force); err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	if p.exe, err = chrome.Find(p.flags.chromePath, e.getenv); err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	data, err := p.print(b, cfg, site, page, st.Sections)
	if err != nil {
		return e.report(err)
	}
	if err := writePDF(target, data, p.flags.force); err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	n, _ := pdf.PageCount(data)
	fmt.Fprintf(e.stdout, "Wrote %s (%d %s, %s)\n", target, n, plural(n, "page", "pages"), cfg.Paper)
	return ExitOK
}

// print prints the page of the site built in folder site. The whole book
// it prints more than once, to put the page number of each section into
// the contents and the references (see paginate). Then it writes the PDF's outline: the chapters, pages
// and prompts the print holds.
func (p *pdfRun) print(b *build.Builder, cfg *config.Config, site, page string, sections []build.SectionRef) ([]byte, error) {
	ctx, cancel, err := chrome.NewContext(p.env.ctx, p.exe, "")
	if err != nil {
		return nil, err
	}
	defer cancel()
	paper, err := pdf.ParsePaper(cfg.Paper)
	if err != nil {
		return nil, err
	}
	opts := pdf.Options{Paper: paper, Info: pdf.Info{Author: cfg.Author, Subject: cfg.Subtitle},
		Progress: p.progress}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(site, page))}).String()
	data, err := pdf.Print(ctx, pageURL, opts)
	if err == nil && page == build.PrintBook {
		data, err = p.number(ctx, b, cfg, pageURL, opts, data, sections)
	}
	if err != nil {
		return nil, err
	}
	p.progress("writing bookmarks")
	held := inPrint(page, sections)
	at, err := placed(data, held)
	if err != nil {
		return nil, err
	}
	return pdf.SetOutline(data, bookmarks(held, at))
}

// number takes the first print of the book, data, and prints the book
// again with the page numbers read from it (see paginate).
func (p *pdfRun) number(ctx context.Context, b *build.Builder, cfg *config.Config, pageURL string, opts pdf.Options,
	data []byte, sections []build.SectionRef) ([]byte, error) {
	numbers := &bookNumbers{sections: sections}
	if cfg.Duplex {
		numbers.starts = build.ChapterStarts(sections)
	}
	reprint := func(natural map[string]int) ([]byte, error) {
		numbers.printing(natural)
		b.SetPageNumbers(natural)
		if _, _, err := b.Write(p.env.ctx, cfg); err != nil {
			return nil, err
		}
		return pdf.Print(ctx, pageURL, opts)
	}
	return paginate(data, numbers.read, reprint, p.moved)
}

// bookNumbers reads where the sections of a print of the book start. A
// duplex book has empty pages before some chapters (see build.Blanks), and
// the build takes the numbers the book would have without them, so read
// gives those.
type bookNumbers struct {
	sections []build.SectionRef
	starts   []string // the chapter starts of a duplex book; nil otherwise
	blanks   []string // the chapters with an empty page before them in the print read next
}

func (n *bookNumbers) read(data []byte) (map[string]int, error) {
	at, err := placed(data, n.sections)
	if err != nil {
		return nil, err
	}
	return build.RemoveBlanks(pageNumbers(at), n.blanks), nil
}

// printing notes that the book is printed next with the natural page
// numbers natural, which decide its blank pages as they do in the build.
func (n *bookNumbers) printing(natural map[string]int) {
	n.blanks = build.Blanks(n.starts, natural)
}

// progress reports a stage of printing, so a long workbook shows signs of
// life.
func (p *pdfRun) progress(stage string) { fmt.Fprintf(p.env.stderr, "  %s…\n", stage) }

// moved reports the sections whose page numbers the last print changed;
// final says there is no print left to correct them. --verbose names them.
func (p *pdfRun) moved(anchors []string, final bool) {
	which := ""
	if p.flags.verbose {
		which = " (" + strings.Join(anchors, ", ") + ")"
	}
	n := len(anchors)
	if final {
		fmt.Fprintf(p.env.stderr, "praxis pdf: the page numbers of %d %s%s may be off: they moved again in the last print\n",
			n, plural(n, "section", "sections"), which)
		return
	}
	p.progress(fmt.Sprintf("the page numbers moved %d %s%s to another page; printing once more", n, plural(n, "section", "sections"), which))
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
func placed(data []byte, sections []build.SectionRef) (map[string]pdf.Destination, error) {
	entries, err := pdf.Outline(data)
	var dests map[string]pdf.Destination
	if err == nil {
		dests, err = pdf.Destinations(data)
	}
	if err != nil {
		return nil, fmt.Errorf("reading where the sections of the print landed: %w", err)
	}
	var pages []build.SectionRef
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
func bookmarkPlaces(entries []pdf.Entry, start int, sections []build.SectionRef) map[string]pdf.Destination {
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
func bookmarks(sections []build.SectionRef, at map[string]pdf.Destination) []pdf.Bookmark {
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
func inPrint(page string, sections []build.SectionRef) []build.SectionRef {
	if page == build.PrintBook {
		return sections
	}
	chapter, isHandout := strings.CutSuffix(page, "/print.html")
	var held []build.SectionRef
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
func matchPages(entries []pdf.Entry, sections []build.SectionRef) []int {
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
func matchRest(entries []pdf.Entry, sections []build.SectionRef, at []int) {
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

// pageFile is the built file to print: the print book, or one handout.
func (p *pdfRun) pageFile(out string) (string, error) {
	h, isFile, ok := handoutAddress(p.flags.handout)
	notFound := fmt.Errorf("--handout %s: no such page in the workbook; give its file under content/ or its address", p.flags.handout)
	switch {
	case !ok:
		return "", notFound
	case p.flags.handout == "":
		return build.PrintBook, nil
	case h == "":
		return "index.html", nil // the home page
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(h), "print.html")); err == nil && !isFile {
		return h + "/print.html", nil // a chapter folder: the chapter's handout
	}
	file := h + "/index.html"
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(file))); err != nil {
		return "", notFound
	}
	return file, nil
}

// handoutAddress turns --handout, a file under content/ or an address, into
// the address of a page or chapter ("" for the home page), and says
// whether it named a file. It refuses, with ok false, what is no address
// inside the site, like "../notes".
func handoutAddress(flag string) (addr string, isFile, ok bool) {
	h := strings.Trim(filepath.ToSlash(flag), "/")
	h = strings.TrimPrefix(h, "content/")
	isFile = strings.HasSuffix(h, ".md") || strings.HasSuffix(h, ".html")
	h = strings.TrimSuffix(strings.TrimSuffix(h, ".md"), "/index.html")
	h = strings.TrimSuffix(h, "/_index")
	if h == "_index" || h == "index.html" || h == "" {
		return "", isFile, true
	}
	return h, isFile, fs.ValidPath(h) && !strings.ContainsAny(h, "\\\x00")
}

// defaultPDFName is the file praxis pdf writes when --output is not given:
// the workbook id, and for a handout its address, like
// "wb-2-insight-perspective.pdf", so a handout never takes the name of the
// whole workbook's PDF.
func defaultPDFName(id, page string) string {
	if page == build.PrintBook {
		return id + ".pdf"
	}
	addr := strings.TrimSuffix(strings.TrimSuffix(page, "index.html"), "print.html")
	addr = strings.ReplaceAll(strings.Trim(addr, "/"), "/", "-")
	if addr == "" {
		addr = "home"
	}
	return id + "-" + addr + ".pdf"
}

// checkPDFTarget refuses to replace a file that is not a PDF, and a PDF
// unless force is set.
func checkPDFTarget(target string, force bool) error {
	old, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !bytes.HasPrefix(old, []byte("%PDF")):
		return fmt.Errorf("%s exists and is not a PDF; praxis will not overwrite it (choose another --output)", target)
	case !force:
		return existsError(target)
	}
	return nil
}

func existsError(target string) error {
	return fmt.Errorf("%s exists; praxis will not replace it (use --force to replace it, or --output to choose another file)", target)
}

// writePDF writes data to target. Without force it only makes a new
// file, never replacing one, not even one made since checkPDFTarget
// looked; with force it writes a new file beside target and renames it
// over target, so target is never half written.
func writePDF(target string, data []byte, force bool) error {
	if !force {
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return existsError(target)
		}
		if err != nil {
			return err
		}
		if _, err = f.Write(data); err == nil {
			err = f.Close()
		} else {
			f.Close()
		}
		if err != nil {
			os.Remove(target) // only what this run made
		}
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".praxis-pdf-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}
