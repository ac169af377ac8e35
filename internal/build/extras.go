package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/render"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// PromptBank is the address of the all-prompts page.
const PromptBank = "prompts/index.html"

// BankView is the data of the all-prompts page.
type BankView struct {
	*render.View
	Bank []BankChapter
}

// BankChapter is a chapter's prompts on the all-prompts page.
type BankChapter struct {
	Number  string
	Title   string
	Prompts []BankPrompt
}

// BankPrompt is one line of the all-prompts page.
type BankPrompt struct {
	ID, Number, Text, URL, Page string
}

func (e *edition) writePromptBank() error {
	const dir = "prompts/"
	v := &BankView{View: render.Frame(e.site, e.info, dir, nil)}
	v.Title = "All prompts"
	var cur *BankChapter
	for _, pr := range e.site.Prompts {
		num, title := "", "Introduction"
		if ch := pr.Page.Chapter; ch != nil {
			num, title = strconv.Itoa(ch.Number), ch.Title()
		}
		if cur == nil || cur.Title != title {
			v.Bank = append(v.Bank, BankChapter{Number: num, Title: title})
			cur = &v.Bank[len(v.Bank)-1]
		}
		cur.Prompts = append(cur.Prompts, BankPrompt{ID: pr.ID, Number: pr.Number, Text: pr.Text,
			URL: site.Rel(dir, pr.URL()), Page: pr.Page.Meta.Title})
	}
	return e.execute(PromptBank, render.LayoutPrompts, v)
}

func (e *edition) write404() error {
	// 404.html is served for any missing address, so its links must work
	// from anywhere: it uses the base URL when known and the root otherwise.
	v := render.Frame(e.site, e.info, "", nil)
	if base := e.editionURL(); base != "" {
		v = render.AbsoluteFrame(e.site, e.info, base)
	}
	v.Title = "Page not found"
	v.Kind = "not-found"
	return e.execute("404.html", render.Layout404, v)
}

// AliasView is the data of a redirect page.
type AliasView struct {
	*render.View
	Target string
}

func (e *edition) writeAliases() error {
	for _, p := range e.site.Pages {
		for _, a := range p.Meta.Aliases {
			file := content.AliasFile(a)
			v := &AliasView{View: render.Frame(e.site, e.info, path.Dir(file)+"/", nil)}
			if path.Dir(file) == "." {
				v.View = render.Frame(e.site, e.info, "", nil)
			}
			v.Title = p.Meta.Title
			v.Target = site.Rel(dirOf(file), p.OutputFile())
			if err := e.execute(file, render.LayoutAlias, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func dirOf(file string) string {
	d := path.Dir(file)
	if d == "." {
		return ""
	}
	return d + "/"
}

func (e *edition) writeSitemap() error {
	if e.cfg.BaseURL == "" {
		return nil
	}
	type url struct {
		Loc string `xml:"loc"`
	}
	var set struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}
	set.NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	for _, p := range e.site.Pages {
		set.URLs = append(set.URLs, url{Loc: e.cfg.BaseURL + p.URL})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return e.sink.Put("sitemap.xml", buf.Bytes())
}

// promptIndexEntry describes one prompt to the answers script.
type promptIndexEntry struct {
	ID      string   `json:"id"`
	Number  string   `json:"number"`
	Kind    string   `json:"kind"`
	Text    string   `json:"text"`
	Page    string   `json:"page"`
	Title   string   `json:"title"`
	Chapter int      `json:"chapter"`
	Columns []string `json:"columns,omitempty"` // actions and reviews
	Of      string   `json:"of,omitempty"`      // reviews: the action plan they look back at
	Min     string   `json:"min,omitempty"`     // scales
	Max     string   `json:"max,omitempty"`
}

// writePromptIndex writes prompts.js, which tells the answers script every
// prompt of the workbook in reading order, so "Download my answers" covers
// the whole workbook. It is a script, not JSON, because pages opened from
// file:// may not fetch files.
func (e *edition) writePromptIndex() error {
	entries := []promptIndexEntry{}
	for _, pr := range e.site.Prompts {
		en := promptIndexEntry{ID: pr.ID, Number: pr.Number, Kind: pr.Kind, Text: pr.Text,
			Page: pr.Page.OutputFile(), Title: pr.Page.Meta.Title}
		if pr.Page.Chapter != nil {
			en.Chapter = pr.Page.Chapter.Number
		}
		if pr.Kind == "scale" {
			en.Min, en.Max = attrOr(pr, "min", "1"), attrOr(pr, "max", "10")
		}
		if pr.Kind == "actions" {
			en.Columns = e.cfg.ActionColumns
			if v, ok := pr.Block.Attr("columns"); ok {
				en.Columns = strings.Split(v, "|")
				for i := range en.Columns {
					en.Columns[i] = strings.TrimSpace(en.Columns[i])
				}
			}
		}
		if pr.Kind == "review" {
			en.Of, _ = pr.Block.Attr("of")
			en.Columns = pr.Block.Columns(e.cfg.ReviewColumns)
		}
		entries = append(entries, en)
	}
	data, err := json.Marshal(map[string]any{"workbook": e.cfg.ID, "title": e.cfg.Title, "edition": e.name, "prompts": entries})
	if err != nil {
		return err
	}
	js := "window.praxisWorkbook = " + string(data) + ";\n"
	return e.sink.Put("prompts.js", []byte(js))
}

func (e *edition) writeTheme(b *Builder) error {
	files, err := e.layers.ThemeFiles()
	if err != nil {
		return fmt.Errorf("reading the theme: %w", err)
	}
	for _, f := range files {
		data, err := e.layers.ThemeFile(f)
		if err != nil {
			return fmt.Errorf("reading theme file %s: %w", f, err)
		}
		if err := e.sink.Put("theme/"+f, data); err != nil {
			return err
		}
	}
	return e.sink.Put("theme/chroma.css", b.highlight.Stylesheet())
}

func (e *edition) copyAssets(root string) func() error {
	return func() error {
		fsys := os.DirFS(root)
		for _, a := range e.site.Workbook.Assets {
			data, err := fs.ReadFile(fsys, a.Source)
			if err != nil {
				return fmt.Errorf("copying %s: %w", a.Source, err)
			}
			if err := e.sink.Put(a.URL, data); err != nil {
				return err
			}
		}
		return nil
	}
}

// attrOr returns a prompt block's attribute, or def when it is not set.
func attrOr(pr *site.Prompt, key, def string) string {
	if v, ok := pr.Block.Attr(key); ok {
		return v
	}
	return def
}

// editionURL is the published address of this edition's root, or "" when
// the workbook has no base_url. Editions after the first live in a folder
// named after them.
func (e *edition) editionURL() string {
	if e.cfg.BaseURL == "" {
		return ""
	}
	if e.name != e.cfg.Editions[0] {
		return e.cfg.BaseURL + e.name + "/"
	}
	return e.cfg.BaseURL
}
