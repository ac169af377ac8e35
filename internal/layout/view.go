package layout

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/frontmatter"
	"github.com/praxis-workbooks/praxis/internal/i18n"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// SiteInfo is what every template knows about the workbook.
type SiteInfo struct {
	Title, Subtitle, Author, Language, BaseURL string
	ID                                         string // workbook id, keys saved answers
	Edition                                    string
	Facilitator                                bool
	Date                                       string // build date shown on the cover; "" for none
	Dir                                        string // the writing direction of Language: "ltr" or "rtl"
	Brand                                      BrandInfo
	nav                                        *NavCache
}

// Link is a titled relative address.
type Link struct {
	Title       string
	URL         string
	Number      string
	Description string
	Current     bool
}

// NavChapter is one entry of the sidebar: a chapter (or top-level page) and
// its pages.
type NavChapter struct {
	Link
	Pages []Link
	Open  bool // holds the current page
}

// View is the data a page layout sees.
type View struct {
	Site         SiteInfo
	Title        string
	TitleID      string // the id of the title, when the page's own first heading was its title
	Description  string
	Kind         string
	IsHome       bool
	Edition      bool // facilitator-only page
	ChapterLabel string
	Body         template.HTML
	Root         string        // relative address of the site root, like "../../"
	Theme        string        // relative address of the theme folder
	NavHTML      template.HTML // the sidebar's table of contents, rendered (see nav.go)
	Breadcrumbs  []Link
	TOC          []markdown.Heading
	Prev, Next   *Link
	Children     []Link
	Session      *Session
	PageCSS      template.CSS        // paper size and other settings for print
	QR           template.HTML       // SVG QR code of WebURL, printed on paper
	WebURL       string              // the page's published address, when base_url is set
	nav          func() []NavChapter // builds the sidebar data on demand, for Nav
	navMore      func() *Link        // the sidebar's link to all chapters, for NavMore
}

// Session is the fill-in header and timed agenda of a session sheet.
type Session struct {
	Key         string // answer key prefix for the fill-in fields
	Client      bool
	Date        bool   // a date: Day, or a line to fill in
	Day         string // the session's day, like "2024-05-07", when the front matter gives it
	DayText     string // Day as the page shows it, like "7 May 2024"
	Minutes     int
	Agenda      []AgendaItem
	AgendaTotal int
}

// AgendaItem is a "## Part (10 min)" heading of a session sheet.
type AgendaItem struct {
	ID      string
	Title   string
	Minutes int
	Start   int // minutes from the start of the session
}

// Clock is when the part starts, as hours and minutes from the start of
// the session: "0:00", "0:10", "1:05".
func (a AgendaItem) Clock() string { return fmt.Sprintf("%d:%02d", a.Start/60, a.Start%60) }

// Info returns the SiteInfo for an assembled site.
func Info(s *site.Site, date string) SiteInfo {
	c := s.Config
	return SiteInfo{Title: c.Title, Subtitle: c.Subtitle, Author: c.Author, Language: c.Language,
		BaseURL: c.BaseURL, ID: c.ID, Edition: s.Edition, Facilitator: s.Edition == config.Facilitator, Date: date,
		Dir: c.Words.Dir(), Brand: Brand(&c.Brand, false), nav: &NavCache{}}
}

// PageView builds the view of one content page whose body HTML is body.
func PageView(s *site.Site, info SiteInfo, p *site.Page, body template.HTML) *View {
	v := Frame(s, info, p.URL, p)
	v.Title = p.Meta.Title
	v.TitleID, _ = p.TitleID()
	v.Description = p.Meta.Description
	v.Kind = p.Meta.Kind
	v.IsHome = p.Index == 0
	v.Edition = p.Meta.Edition == config.Facilitator
	v.Body = body
	words := s.Config.Words
	if p.Chapter != nil && !p.IsIndex {
		v.ChapterLabel = words.T("chapter.label_title", "n", p.Chapter.Number, "title", p.Chapter.Title())
	} else if p.Chapter != nil {
		v.ChapterLabel = words.T("chapter.label", "n", p.Chapter.Number)
	}
	v.TOC = toc(p)
	v.Prev, v.Next = pageLink(p.URL, p.Prev), pageLink(p.URL, p.Next)
	v.Children = children(s, p)
	v.Session = SessionOf(p)
	if v.Session != nil && len(v.Session.Agenda) > 0 {
		v.TOC = nil // the agenda is the page's contents
	}
	return v
}

// Frame builds the parts of a view shared by every page at address dir:
// site info, relative roots, sidebar and breadcrumbs. current may be nil.
func Frame(s *site.Site, info SiteInfo, dir string, current *site.Page) *View {
	root := site.Rel(dir, "")
	root = root[:len(root)-len("index.html")]
	v := frameAt(s, info, root, current)
	v.nav = func() []NavChapter { return nav(s, dir, current) }
	v.navMore = func() *Link { return navMore(s, root) }
	v.Breadcrumbs = breadcrumbs(s, dir, current)
	return v
}

// AbsoluteFrame builds the frame of a page whose own address is unknown,
// like the 404 page, which a web server shows for any missing address: its
// links start with base, the published address of the site's root.
func AbsoluteFrame(s *site.Site, info SiteInfo, base string) *View {
	return frameAt(s, info, base, nil)
}

func frameAt(s *site.Site, info SiteInfo, root string, current *site.Page) *View {
	v := &View{Site: info, Root: root, Theme: root + "theme/", Kind: "page", PageCSS: PageCSS(s.Config, header(s, current))}
	cache := info.nav
	if cache == nil {
		cache = &NavCache{}
	}
	v.NavHTML = navHTML(cache, s, root, current)
	return v
}

func breadcrumbs(s *site.Site, dir string, p *site.Page) []Link {
	if p == nil || p.Index == 0 {
		return nil
	}
	crumbs := []Link{{Title: s.Home().Meta.Title, URL: site.Rel(dir, "")}}
	if crumbs[0].Title == "" {
		crumbs[0].Title = s.Config.Words.T("breadcrumbs.home")
	}
	if p.Chapter != nil && !p.IsIndex {
		ch := s.Chapter(p.Chapter)
		crumbs = append(crumbs, Link{Title: ch.Meta.Title, URL: site.Rel(dir, ch.OutputFile())})
	}
	return append(crumbs, Link{Title: p.Meta.Title})
}

func pageLink(dir string, p *site.Page) *Link {
	if p == nil {
		return nil
	}
	return &Link{Title: p.Meta.Title, URL: site.Rel(dir, p.OutputFile())}
}

func toc(p *site.Page) []markdown.Heading {
	var out []markdown.Heading
	for _, h := range p.Headings() {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, h)
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}

// children lists what a chapter page or the home page leads to.
func children(s *site.Site, p *site.Page) []Link {
	var out []Link
	switch {
	case p.Index == 0:
		for _, c := range s.Workbook.Chapters {
			ch := s.Chapter(c)
			out = append(out, Link{Title: c.Title(), URL: site.Rel(p.URL, ch.OutputFile()), Number: strconv.Itoa(c.Number), Description: ch.Meta.Description})
		}
	case p.IsIndex && p.Chapter != nil:
		for _, cp := range p.Chapter.Pages {
			out = append(out, Link{Title: cp.Meta.Title, URL: site.Rel(p.URL, cp.OutputFile()), Description: cp.Meta.Description})
		}
	}
	return out
}

// dayText writes a session's day in the words of the workbook's language:
// "7 May 2024", "7. Mai 2024"; 2024-05-07 (ISO 8601, which reads the same
// everywhere) when the words have no twelve month names of the language.
func dayText(d time.Time, w *i18n.Words) string {
	months := w.List("date.months")
	if len(months) != 12 || w.Source("date.months") == "en" && i18n.Base(w.Lang()) != "en" {
		return d.Format(time.DateOnly)
	}
	return w.T("date.format", "day", d.Day(), "month", months[d.Month()-1], "year", d.Year())
}

// SessionOf returns the session header of a kind: session page, or nil.
// Level-2 headings ending in a time, like "(10 min)", make the agenda; a
// time longer than a day is taken for part of the heading's text.
func SessionOf(p *site.Page) *Session {
	if p.Meta.Kind != frontmatter.KindSession {
		return nil
	}
	s := &Session{Key: "session:" + strings.TrimSuffix(p.URL, "/"), Client: p.Meta.Client, Date: p.Meta.Date, Minutes: frontmatter.Minutes(p.Meta.Duration)}
	if d, err := time.Parse(time.DateOnly, p.Meta.Day); err == nil {
		s.Day, s.DayText = p.Meta.Day, dayText(d, p.Site().Config.Words)
	}
	re := agendaRE(p.Site().Config.Words)
	for _, h := range p.Headings() {
		if h.Level != 2 {
			continue
		}
		title, n, ok := agendaTime(re, h.Text)
		if !ok || n > frontmatter.MaxMinutes {
			continue // not a part of a session: just a heading that ends in a number
		}
		s.Agenda = append(s.Agenda, AgendaItem{ID: h.ID, Title: title, Minutes: n, Start: s.AgendaTotal})
		s.AgendaTotal += n
	}
	return s
}

// PageCSS returns the print rules that come from praxis.yaml and the page:
// the paper size and the running header (when not empty). They follow the
// theme's stylesheets, so they win over its defaults. (Duplex printing is
// the print book's, see build.Blanks.)
func PageCSS(c *config.Config, header string) template.CSS {
	css := "@page { size: " + c.Paper + ";"
	if header != "" {
		css += " @" + HeaderBox(c.Words) + " { content: " + HeaderString(header) + "; }"
	}
	css += " }" + WordsCSS(c.Words)
	return template.CSS(css)
}

// header is the running header of a page printed on its own: the workbook
// and, inside a chapter, the chapter.
func header(s *site.Site, p *site.Page) string {
	if p == nil {
		return ""
	}
	if p.Chapter == nil {
		return s.Config.Title
	}
	return s.Config.Words.T("chapter.header", "workbook", s.Config.Title, "n", p.Chapter.Number, "title", p.Chapter.Title())
}

// HeaderString quotes s for the content of a page margin box, such as
// the running header. Chromium breaks lines in margin boxes only at spaces,
// so a very long word gets zero-width spaces every 24 letters, where it
// may then wrap instead of running off the paper.
func HeaderString(s string) string {
	var b strings.Builder
	run := 0
	for _, r := range s {
		if r == ' ' {
			run = 0
		} else if run++; run > 24 {
			b.WriteRune('\u200b')
			run = 1
		}
		b.WriteRune(r)
	}
	return CSSString(b.String())
}

// CSSString quotes s as a CSS string that is safe inside a <style>
// element: quotes, backslashes, line breaks and angle brackets are escaped.
func CSSString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '<' || r == '>' || r == '&' || r < 0x20:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
