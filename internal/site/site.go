// Package site assembles loaded and parsed pages into a workbook: reading
// order, navigation, prompt numbers, and checked links. It runs between
// parsing and rendering: it reads every page's syntax tree, numbers the
// prompts, and rewrites each link to the relative address of its target, so
// a broken link or an unknown prompt id is an error before any HTML exists.
//
// # Links
//
// A link to a Markdown file ([next](../2-action/plan.md#why)) becomes a link
// to the built page (../../2-action/plan/index.html#why). A link to
// prompt:first-step points at that prompt wherever it is; with empty link
// text it reads "2.3 What is the smallest step…". Links to other files under
// content/ must name a file that exists. External links are left alone.
// Every address is relative, so the site works from file:// and under any
// sub-path.
package site

import (
	"path"
	"runtime"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// Site is an assembled workbook edition, ready to render.
type Site struct {
	Config   *config.Config
	Edition  string
	Workbook *content.Workbook
	Pages    []*Page   // reading order
	Prompts  []*Prompt // reading order
	byURL    map[string]*Page
	bySource map[string]*Page
	prompts  map[string]*Prompt
	assets   map[string]bool
}

// Page is a page with what its parsed body says and its place in the
// workbook. It holds no syntax tree: Prepare applies what assembly decided
// to a tree parsed again for rendering.
type Page struct {
	*content.Page
	Summary *Summary
	Index   int // position in reading order
	Prev    *Page
	Next    *Page
	Prompts []*Prompt  // prompts on this page, in order
	Targets []Target   // links to pages and files of the workbook, for the print book
	links   []resolved // one per Summary.Links
	anchors map[string]bool
	site    *Site
	lines   *lineCache
}

// lineCache keeps the line starts of a page's body for Pos, so that a page
// with thousands of problems is not read once for each of them.
type lineCache struct {
	mu    sync.Mutex
	body  []byte
	lines *diag.Lines
}

// Pos returns the position of byte offset off of the page's body.
func (p *Page) Pos(off int) diag.Pos {
	c := p.lines
	if c == nil {
		return diag.NewLines(p.Source, p.Body, p.BodyLine).Pos(off)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lines == nil || len(c.body) != len(p.Body) || len(p.Body) > 0 && &c.body[0] != &p.Body[0] {
		c.body, c.lines = p.Body, diag.NewLines(p.Source, p.Body, p.BodyLine)
	}
	return c.lines.Pos(off)
}

// Headings are the page's headings, for its contents and agenda.
func (p *Page) Headings() []markdown.Heading { return p.Summary.Headings }

// Site is the site the page belongs to.
func (p *Page) Site() *Site { return p.site }

// Assemble builds the site from a loaded workbook and one Summary per page
// (in wb.Pages() order). It reports every broken link, duplicate prompt id
// and parse problem together. It does not change the summaries.
func Assemble(cfg *config.Config, edition string, wb *content.Workbook, sums []*Summary) (*Site, error) {
	s := &Site{Config: cfg, Edition: edition, Workbook: wb,
		byURL: map[string]*Page{}, bySource: map[string]*Page{}, prompts: map[string]*Prompt{}, assets: map[string]bool{}}
	var errs diag.List
	for i, cp := range wb.Pages() {
		p := &Page{Page: cp, Summary: sums[i], Index: i, anchors: anchors(sums[i]), site: s, lines: &lineCache{}}
		if i > 0 {
			p.Prev = s.Pages[i-1]
			s.Pages[i-1].Next = p
		}
		s.Pages = append(s.Pages, p)
		s.byURL[p.URL] = p
		s.bySource[p.Source] = p
		errs = append(errs, p.Summary.Problems...)
	}
	for _, a := range wb.Assets {
		s.assets[a.Source] = true
	}
	errs = append(errs, s.collectPrompts()...)
	// Each page rewrites only its own tree and reads what the steps above
	// have settled, so pages are resolved in parallel.
	linkErrs := make([]diag.List, len(s.Pages))
	forEach(len(s.Pages), func(i int) { linkErrs[i] = s.resolveLinks(s.Pages[i]) })
	for _, e := range linkErrs {
		errs = append(errs, e...)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	s.fillReferences()
	return s, nil
}

// Home is the workbook's start page.
func (s *Site) Home() *Page { return s.Pages[0] }

// PageOf returns the assembled page for a content page.
func (s *Site) PageOf(cp *content.Page) *Page { return s.bySource[cp.Source] }

// Chapter returns the assembled index page of chapter c.
func (s *Site) Chapter(c *content.Chapter) *Page { return s.bySource[c.Index.Source] }

// Target is a link or image of a page that points inside the workbook.
type Target struct {
	Link  int    // which of the page's links it is: an index into Summary.Links
	Page  *Page  // the page linked to; nil for an asset
	Asset string // the file linked to, from the site root, when Page is nil
	Frag  string // the id linked to on that page, or ""
	Named bool   // an empty link to a prompt, whose text names the prompt
}

// anchors lists the ids a page defines: headings, footnotes and any element
// with an explicit id. Assembly adds the ids of the page's blocks.
func anchors(s *Summary) map[string]bool {
	ids := make(map[string]bool, len(s.IDs)+len(s.Blocks))
	for _, id := range s.IDs {
		ids[id] = true
	}
	return ids
}

// forEach calls fn(0) … fn(n-1) on all cores and waits for them.
func forEach(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// sourceDir is the folder of a page's source, for resolving relative links.
func sourceDir(p *Page) string { return path.Dir(p.Source) }

// Assets are the files of content/ this edition publishes: those its pages
// link to or show, in the workbook's order. A file linked only from
// facilitator pages or blocks is absent from the participant edition, and
// a file no page links to is published in no edition. With unsafe_html,
// whose raw HTML may use files praxis cannot see, every file is published.
func (s *Site) Assets() []content.Asset {
	if s.Config.UnsafeHTML {
		return s.Workbook.Assets
	}
	linked := map[string]bool{}
	for _, p := range s.Pages {
		for _, t := range p.Targets {
			if t.Page == nil && t.Asset != "" {
				linked[t.Asset] = true
			}
		}
	}
	var out []content.Asset
	for _, a := range s.Workbook.Assets {
		if linked[a.URL] {
			out = append(out, a)
		}
	}
	return out
}
