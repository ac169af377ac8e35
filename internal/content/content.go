// Package content loads a workbook's source tree into pages and chapters.
// It is the one place that knows what a page is: where it comes from, what
// its address is, and where it sits in reading order.
//
// # Layout
//
// The site root holds content/. Each folder directly under content/ is a
// chapter; its _index.md gives the chapter's title and introduction.
// content/_index.md is the home page. Pages are .md files, ordered by the
// weight in their front matter, then by path. Other files under content/
// (images, PDFs) are assets, copied as they are. Files and folders whose
// names start with "." or "_" (other than _index.md) are ignored.
//
// # Addresses
//
// Every page gets a pretty address ending in a slash: content/2-action/plan.md
// becomes 2-action/plan/, written to 2-action/plan/index.html. A chapter's
// _index.md becomes 2-action/. Addresses never change unless the file is
// renamed; aliases in front matter keep old addresses working.
package content

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/frontmatter"
)

// Dir is the folder under the site root that holds the workbook's sources.
const Dir = "content"

// Page is one Markdown source file.
type Page struct {
	Source   string           // path from the site root, like "content/2-action/plan.md"
	URL      string           // address relative to the site root, like "2-action/plan/"; "" for home
	Meta     frontmatter.Meta // front matter, with Title filled in
	Body     []byte           // Markdown after the front matter
	BodyLine int              // line of Source on which Body starts
	Chapter  *Chapter         // nil for the home page and pages at the top level
	IsIndex  bool             // an _index.md: the home page or a chapter's page
	Made     bool             // made up by praxis for a missing _index.md: no file
}

// OutputFile is the file the page is written to, like "2-action/plan/index.html".
func (p *Page) OutputFile() string { return p.URL + "index.html" }

// Chapter is a top-level folder of content/.
type Chapter struct {
	Dir    string  // folder name under content/, like "2-action"
	Number int     // 1-based position in reading order, the chapters only facilitators see last
	Index  *Page   // the chapter's _index.md, or a generated empty one
	Pages  []*Page // the chapter's other pages in reading order
}

// Title is the chapter's title.
func (c *Chapter) Title() string { return c.Index.Meta.Title }

// FacilitatorOnly reports whether the chapter's _index.md says edition:
// facilitator, which keeps the chapter and all its pages from
// participants.
func (c *Chapter) FacilitatorOnly() bool { return c.Index.Meta.Edition == "facilitator" }

// Asset is a non-Markdown file under content/, copied to the output as is.
type Asset struct {
	Source string // path from the site root
	URL    string // path in the output
}

// Workbook is the whole loaded source tree.
type Workbook struct {
	Home     *Page      // content/_index.md, or a generated empty page
	Front    []*Page    // pages directly in content/ other than the home page
	Chapters []*Chapter // in reading order
	Assets   []Asset
	// Warnings are problems that do not stop a build, such as two
	// addresses that differ only in letter case (see Load).
	Warnings diag.List
}

// Pages returns every page in reading order: home, top-level pages, then each
// chapter's index followed by its pages.
func (w *Workbook) Pages() []*Page {
	pages := append([]*Page{w.Home}, w.Front...)
	for _, c := range w.Chapters {
		pages = append(pages, c.Index)
		pages = append(pages, c.Pages...)
	}
	return pages
}

// Options selects which pages are loaded.
type Options struct {
	Drafts  bool   // include pages with draft: true
	Edition string // "facilitator" includes pages with edition: facilitator
}

// Load reads content/ under the site root fsys. Pages with problems in
// their front matter are still loaded (with what could be read), so later
// stages can report their own problems in the same build: Load returns the
// workbook together with a diag.List of every problem. Only a workbook that
// cannot be read at all comes back nil. Given a folder.FS, a symbolic link
// that leads outside the workbook is one of those problems.
func Load(fsys fs.FS, opts Options) (*Workbook, error) {
	var errs diag.List
	files, err := walk(fsys, &errs)
	if err != nil {
		return nil, err
	}
	var pages []*Page
	wb := &Workbook{}
	var sources []string
	for _, f := range files {
		if strings.HasSuffix(f, ".md") {
			sources = append(sources, f)
		} else {
			wb.Assets = append(wb.Assets, Asset{Source: f, URL: strings.TrimPrefix(f, Dir+"/")})
		}
	}
	read, readErrs := readPages(fsys, sources)
	left := leftOutFolders(read, opts)
	for i, p := range read {
		errs.Append(readErrs[i])
		if p != nil && included(p, opts) && !inFolders(p.Source, left) {
			pages = append(pages, p)
		}
	}
	wb.arrange(pages, opts)
	errs = append(errs, wb.checkAddresses(pages)...)
	wb.Warnings.Sort()
	return wb, errs.Err()
}

// readPages reads and decodes the pages on all cores; reading thousands of
// small files one by one is most of the time of a rebuild in praxis serve.
// Results keep the order of files.
func readPages(fsys fs.FS, files []string) ([]*Page, []error) {
	pages := make([]*Page, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0)*2, len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pages[i], errs[i] = readPage(fsys, files[i])
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return pages, errs
}

func included(p *Page, opts Options) bool {
	if p.Meta.Draft && !opts.Drafts {
		return false
	}
	return p.Meta.Edition != "facilitator" || opts.Edition == "facilitator"
}

// leftOutFolders returns the folders (below content/) whose _index.md this
// build leaves out, as a draft or as facilitator-only: every page inside
// them is left out with it, whatever its own front matter says, so that a
// chapter marked edition: facilitator keeps all of its pages from
// participants.
func leftOutFolders(pages []*Page, opts Options) []string {
	var out []string
	for _, p := range pages {
		if p != nil && p.IsIndex && p.Source != Dir+"/_index.md" && !included(p, opts) {
			out = append(out, path.Dir(p.Source)+"/")
		}
	}
	return out
}

// inFolders reports whether file lies inside one of folders.
func inFolders(file string, folders []string) bool {
	for _, f := range folders {
		if strings.HasPrefix(file, f) {
			return true
		}
	}
	return false
}

// walk lists the files under content/ in lexical order, skipping hidden ones.
// Links that fsys refuses to follow are reported in errs.
func walk(fsys fs.FS, errs *diag.List) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != Dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") && name != "_index.md") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ok, err := folder.IsFile(fsys, p, d); err != nil {
			errs.Append(err)
		} else if ok {
			files = append(files, p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("there is no %s/ folder here, so this is not a workbook yet: start one with praxis init DIR, or point --source at a workbook folder", Dir)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the workbook: %w", err)
	}
	return files, nil
}

func readPage(fsys fs.FS, file string) (*Page, error) {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	// A page with bad front matter is kept, so links to it still resolve
	// while its own problems are reported.
	fm, body, line, err := frontmatter.Split(file, src)
	meta := frontmatter.Meta{Kind: frontmatter.KindPage}
	if err == nil {
		meta, err = frontmatter.Parse(file, fm)
	}
	p := &Page{Source: file, Meta: meta, Body: body, BodyLine: max(line, 1)}
	p.IsIndex = path.Base(file) == "_index.md"
	p.URL = address(file)
	if p.Meta.Title == "" {
		p.Meta.Title = FirstHeading(body)
	}
	if p.Meta.Title == "" {
		p.Meta.Title = titleFromName(file)
	}
	return p, err
}

// address maps a source path to its pretty address.
func address(file string) string {
	rel := strings.TrimPrefix(file, Dir+"/")
	rel = strings.TrimSuffix(rel, ".md")
	if path.Base(rel) == "_index" {
		rel = path.Dir(rel)
		if rel == "." {
			return ""
		}
		return rel + "/"
	}
	return rel + "/"
}

// arrange sorts pages into the home page, top-level pages and chapters.
func (w *Workbook) arrange(pages []*Page, opts Options) {
	chapters := map[string]*Chapter{}
	for _, p := range pages {
		rel := strings.TrimPrefix(p.Source, Dir+"/")
		dir, _, nested := strings.Cut(rel, "/")
		switch {
		case !nested && p.IsIndex:
			w.Home = p
		case !nested:
			w.Front = append(w.Front, p)
		default:
			c := chapters[dir]
			if c == nil {
				c = &Chapter{Dir: dir}
				chapters[dir] = c
				w.Chapters = append(w.Chapters, c)
			}
			p.Chapter = c
			if p.IsIndex && path.Dir(rel) == dir {
				c.Index = p
			} else {
				c.Pages = append(c.Pages, p)
			}
		}
	}
	if w.Home == nil {
		w.Home = &Page{Source: Dir + "/_index.md", IsIndex: true, Made: true, BodyLine: 1, Meta: frontmatter.Meta{Kind: frontmatter.KindPage}}
	}
	for _, c := range w.Chapters {
		if c.Index == nil {
			c.Index = &Page{Source: Dir + "/" + c.Dir + "/_index.md", URL: c.Dir + "/", IsIndex: true, Made: true, BodyLine: 1, Chapter: c,
				Meta: frontmatter.Meta{Title: titleFromName(c.Dir), Kind: frontmatter.KindPage}}
		}
		sortPages(c.Pages)
	}
	sortPages(w.Front)
	slices.SortStableFunc(w.Chapters, func(a, b *Chapter) int {
		return cmp.Or(cmp.Compare(a.Index.Meta.Weight, b.Index.Meta.Weight), cmp.Compare(a.Dir, b.Dir))
	})
	// The chapters only facilitators see are numbered after the others,
	// so that every other chapter, and every prompt in it, has the same
	// number in both editions.
	n := 0
	for _, facilitator := range []bool{false, true} {
		for _, c := range w.Chapters {
			if c.FacilitatorOnly() == facilitator {
				n++
				c.Number = n
			}
		}
	}
}

func sortPages(pages []*Page) {
	slices.SortStableFunc(pages, func(a, b *Page) int {
		return cmp.Or(cmp.Compare(a.Meta.Weight, b.Meta.Weight), cmp.Compare(a.Source, b.Source))
	})
}
