package layout

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

// FullNavChapters is the number of chapters up to which the sidebar lists
// every chapter. A bigger workbook's sidebar lists the NavWindow chapters
// around the current one and ends with a link to the start page, which
// lists them all: nobody finds their way in a list of hundreds of
// chapters, and at 500 chapters it made every page 75 KB bigger, a zipped
// site three times as big and a build half as fast.
const FullNavChapters = 60

// NavWindow is how many chapters a windowed sidebar lists.
const NavWindow = 25

// navWindow returns the chapters the sidebar lists, [lo, hi) out of n, for
// a page in chapter current (-1 for none).
func navWindow(n, current int) (lo, hi int) {
	if n <= FullNavChapters {
		return 0, n
	}
	lo = max(0, current-NavWindow/2)
	lo = min(lo, n-NavWindow)
	return lo, lo + NavWindow
}

// chapterIndex is the position of p's chapter among the workbook's
// chapters, or -1 when p is in none.
func chapterIndex(s *site.Site, p *site.Page) int {
	if p == nil || p.Chapter == nil {
		return -1
	}
	for i, c := range s.Workbook.Chapters {
		if c == p.Chapter {
			return i
		}
	}
	return -1
}

// NavMore is the sidebar's link to the list of all chapters, when it lists
// only some of them (nil otherwise).
func (v *View) NavMore() *Link {
	if v.navMore == nil {
		return nil
	}
	return v.navMore()
}

func navMore(s *site.Site, root string) *Link {
	n := len(s.Workbook.Chapters)
	if n <= FullNavChapters {
		return nil
	}
	return &Link{Title: s.Config.Words.T("nav.all_chapters", "n", n), URL: site.Href(root, s.Home().OutputFile())}
}

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
	lo, hi := navWindow(len(s.Workbook.Chapters), chapterIndex(s, current))
	for _, c := range s.Workbook.Chapters[lo:hi] {
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
	lo, hi := navWindow(len(entries), chapterIndex(s, current))
	b.Grow(cache.size(s, root)*(hi-lo)/max(1, len(entries)) + 4096)
	for _, cp := range s.Workbook.Front {
		b.WriteString("\n<li class=\"toc-chapter\">\n  ")
		navLink(&b, root, s.PageOf(cp), "", current)
		b.WriteString("\n</li>")
	}
	for i, c := range s.Workbook.Chapters[lo:hi] {
		if current != nil && current.Chapter == c {
			navChapter(&b, root, s, c, true, true, current)
			continue
		}
		b.WriteString(entries[lo+i])
	}
	if more := navMore(s, root); more != nil {
		b.WriteString("\n<li class=\"toc-more\"><a href=\"")
		b.WriteString(html.EscapeString(more.URL))
		b.WriteString("\">")
		b.WriteString(html.EscapeString(more.Title))
		b.WriteString("</a></li>")
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
	b.WriteString(html.EscapeString(site.Href(root, p.OutputFile())))
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
