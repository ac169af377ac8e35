package render

import (
	"html"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// FullNavPages is the size up to which the sidebar lists every page of every
// chapter. Larger workbooks list the chapters and the pages of the current
// chapter only: a sidebar of hundreds of links helps nobody, and it would
// make every page of the site as large as the whole table of contents.
const FullNavPages = 200

// Nav returns the sidebar's table of contents as data, for templates that
// lay it out themselves; the default layout uses NavHTML.
func (v *View) Nav() []NavChapter {
	if v.nav == nil {
		return nil
	}
	return v.nav()
}

func nav(s *site.Site, dir string, current *site.Page) []NavChapter {
	full := len(s.Pages) <= FullNavPages
	var out []NavChapter
	link := func(p *site.Page) Link {
		return Link{Title: p.Meta.Title, URL: site.Rel(dir, p.OutputFile()), Current: p == current}
	}
	for _, cp := range s.Workbook.Front {
		out = append(out, NavChapter{Link: link(s.PageOf(cp))})
	}
	for _, c := range s.Workbook.Chapters {
		nc := NavChapter{Link: link(s.Chapter(c))}
		nc.Number = strconv.Itoa(c.Number)
		nc.Open = current != nil && current.Chapter == c
		if full || nc.Open {
			for _, cp := range c.Pages {
				nc.Pages = append(nc.Pages, link(s.PageOf(cp)))
			}
		}
		out = append(out, nc)
	}
	return out
}

// navHTML renders the sidebar's list items directly. Every page of the site
// carries the table of contents, so at thousands of pages executing it as a
// template dominated the build; this writes the same markup as nav() data
// would give, with every text escaped.
func navHTML(cache *NavCache, s *site.Site, root string, current *site.Page) template.HTML {
	entries := cache.entries(s, root)
	var b strings.Builder
	b.Grow(cache.size(s, root) + 4096)
	for _, cp := range s.Workbook.Front {
		b.WriteString("\n<li class=\"toc-chapter\">\n  ")
		navLink(&b, root, s.PageOf(cp), "", current)
		b.WriteString("\n</li>")
	}
	for i, c := range s.Workbook.Chapters {
		if current != nil && current.Chapter == c {
			navChapter(&b, root, s, c, true, true, current)
			continue
		}
		b.WriteString(entries[i])
	}
	return template.HTML(b.String())
}

// NavCache keeps the sidebar entries of the chapters a page is not in,
// which are the same on every page at the same folder depth. It belongs to
// one assembled site; make a new one (with Info) for every build.
type NavCache struct {
	mu     sync.Mutex
	site   *site.Site
	byRoot map[string][]string
	sizes  map[string]int
}

// entries returns every chapter's closed sidebar entry as seen from root.
func (c *NavCache) entries(s *site.Site, root string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.site != s {
		c.site, c.byRoot, c.sizes = s, map[string][]string{}, map[string]int{}
	}
	if e, ok := c.byRoot[root]; ok {
		return e
	}
	full := len(s.Pages) <= FullNavPages
	e := make([]string, len(s.Workbook.Chapters))
	size := 0
	for i, ch := range s.Workbook.Chapters {
		var b strings.Builder
		navChapter(&b, root, s, ch, false, full, nil)
		e[i] = b.String()
		size += len(e[i])
	}
	c.byRoot[root], c.sizes[root] = e, size
	return e
}

func (c *NavCache) size(s *site.Site, root string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sizes[root]
}

func navChapter(b *strings.Builder, root string, s *site.Site, c *content.Chapter, open, pages bool, current *site.Page) {
	b.WriteString("\n<li class=\"toc-chapter")
	if open {
		b.WriteString(" open")
	}
	b.WriteString("\">\n  ")
	navLink(b, root, s.Chapter(c), strconv.Itoa(c.Number), current)
	if pages && len(c.Pages) > 0 {
		b.WriteString("\n  <ol>")
		for _, cp := range c.Pages {
			b.WriteString("\n    <li>")
			navLink(b, root, s.PageOf(cp), "", current)
			b.WriteString("</li>")
		}
		b.WriteString("\n  </ol>")
	}
	b.WriteString("\n</li>")
}

func navLink(b *strings.Builder, root string, p *site.Page, number string, current *site.Page) {
	b.WriteString(`<a href="`)
	b.WriteString(html.EscapeString(root + p.OutputFile()))
	b.WriteByte('"')
	if p == current {
		b.WriteString(` aria-current="page"`)
	}
	b.WriteByte('>')
	if number != "" {
		b.WriteString(`<span class="num">`)
		b.WriteString(number)
		b.WriteString(`</span> `)
	}
	b.WriteString(html.EscapeString(p.Meta.Title))
	b.WriteString("</a>")
}
