package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/layout"
	"github.com/praxis-workbooks/praxis/internal/site"
	"github.com/praxis-workbooks/praxis/internal/urlpath"
)

// PromptBank is the address of the all-prompts page.
const PromptBank = addresses.PromptBank

func (e *edition) writePromptBank() error {
	const dir = "prompts/"
	v := &layout.BankView{View: layout.Frame(e.site, e.info, dir, nil)}
	v.Title = e.cfg.Words.T("prompts.title")
	var cur *layout.BankChapter
	for _, pr := range e.site.Prompts {
		num, title := "", e.cfg.Words.T("prompts.introduction")
		if ch := pr.Page.Chapter; ch != nil {
			num, title = strconv.Itoa(ch.Number), ch.Title()
		}
		if cur == nil || cur.Title != title {
			v.Bank = append(v.Bank, layout.BankChapter{Number: num, Title: title})
			cur = &v.Bank[len(v.Bank)-1]
		}
		cur.Prompts = append(cur.Prompts, layout.BankPrompt{ID: pr.ID, Number: pr.Number, Text: pr.Text,
			URL: pr.RelURL(dir), Page: pr.Page.Meta.Title})
	}
	return e.execute(PromptBank, layout.LayoutPrompts, v)
}

func (e *edition) write404() error {
	// 404.html is served for any missing address, so its links must work
	// from anywhere: it uses the base URL when known and the root otherwise.
	v := layout.Frame(e.site, e.info, "", nil)
	if base := e.editionURL(); base != "" {
		v = layout.AbsoluteFrame(e.site, e.info, base)
	}
	v.Title = e.cfg.Words.T("notfound.title")
	v.Kind = "not-found"
	return e.execute(addresses.NotFound, layout.Layout404, v)
}

func (e *edition) writeAliases() error {
	for _, p := range e.site.Pages {
		for _, a := range p.Meta.Aliases {
			file := content.AliasFile(a)
			v := &layout.AliasView{View: layout.Frame(e.site, e.info, path.Dir(file)+"/", nil)}
			if path.Dir(file) == "." {
				v.View = layout.Frame(e.site, e.info, "", nil)
			}
			v.Title = p.Meta.Title
			v.Target = site.Rel(dirOf(file), p.OutputFile())
			if err := e.execute(file, layout.LayoutAlias, v); err != nil {
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
	base := e.editionURL()
	if base == "" {
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
		set.URLs = append(set.URLs, url{Loc: site.Href(base, p.URL)})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return e.sink.Put(addresses.Sitemap, buf.Bytes())
}

// StoreFile is the page at the top of every edition in which the answers
// script keeps the answers of all pages: every page opens it in a hidden
// frame (see themes/default/answers-store.js for why and how).
const StoreFile = addresses.AnswersStore

// storePage is StoreFile: it only runs the theme's store script, and holds
// a sentence for whoever opens it.
// Its words are filled in with fmt: language, direction, title and sentence.
const storePage = `<!DOCTYPE html>
<html lang="%s" dir="%s">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>%s</title>
</head>
<body>
<p>%s</p>
<script src="theme/answers-store.js"></script>
</body>
</html>
`

// writeStore writes StoreFile.
func (e *edition) writeStore() error {
	w, esc := e.cfg.Words, template.HTMLEscapeString
	page := fmt.Sprintf(storePage, esc(w.Lang()), w.Dir(), esc(w.T("js.answers_frame")), esc(w.T("store.note")))
	return e.sink.Put(StoreFile, []byte(page))
}

// promptIndexEntry describes one prompt in prompt-index.js.
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

// promptList is prompts.js: what the scripts of every page need when it
// loads, kept small because every page and every live reload parses it.
type promptList struct {
	Workbook string `json:"workbook"`
	// Formerly is the id earlier builds of praxis gave the workbook, when
	// it differs (config.FormerID): the answers script moves answers saved
	// under it and loads files saved with it.
	Formerly string `json:"formerly,omitempty"`
	Title    string `json:"title"`
	Edition  string `json:"edition"`
	// Chapters holds, by chapter number ("0" for the prompts before the
	// first chapter), the ids of the chapter's prompts in reading order,
	// separated by spaces. The id of an action plan or a review, whose
	// answers are saved under "id/…", ends in "/". Ids hold no spaces or
	// slashes (blocks.checkID).
	Chapters map[string]string `json:"chapters"`
	// Plans are the action plans, by id: what reviews and "My action
	// steps" show of the plan they name as soon as the page loads.
	Plans map[string]planEntry `json:"plans"`
	// Words are the interface words of the scripts, by message id: text,
	// or plural forms by CLDR category (see i18n.Words.Script).
	Words map[string]any `json:"words"`
}

// planEntry is what prompts.js tells of an action plan.
type planEntry struct {
	Number  string   `json:"number"`
	Title   string   `json:"title"` // of its page
	Page    string   `json:"page"`
	Columns []string `json:"columns"`
}

// writePromptIndex writes the two lists of the workbook's prompts that the
// answers script reads. prompts.js, which every page loads, holds the ids
// (enough to count progress and to tell answers of removed prompts) and
// the action plans; prompt-index.js holds every prompt in reading order
// with its number, kind, text and page, and the script loads it only when
// it needs them, as for "Download my answers". Both are scripts, not JSON,
// because pages opened from file:// may not fetch files.
func (e *edition) writePromptIndex() error {
	entries := []promptIndexEntry{}
	ids := map[string][]string{}
	list := promptList{Workbook: e.cfg.ID, Formerly: e.cfg.FormerID, Title: e.cfg.Title, Edition: e.name,
		Chapters: map[string]string{}, Plans: map[string]planEntry{}, Words: e.cfg.Words.Script()}
	for _, pr := range e.site.Prompts {
		en := e.promptEntry(pr)
		entries = append(entries, en)
		ch, id := strconv.Itoa(en.Chapter), en.ID
		if en.Kind == "actions" || en.Kind == "review" {
			id += "/"
		}
		ids[ch] = append(ids[ch], id)
		if en.Kind == "actions" {
			list.Plans[en.ID] = planEntry{Number: en.Number, Title: en.Title, Page: en.Page, Columns: en.Columns}
		}
	}
	for ch, l := range ids {
		list.Chapters[ch] = strings.Join(l, " ")
	}
	if err := e.putScript(addresses.Prompts, "praxisWorkbook", list); err != nil {
		return err
	}
	return e.putScript(addresses.PromptIndex, "praxisPromptIndex",
		map[string]any{"workbook": e.cfg.ID, "edition": e.name, "prompts": entries})
}

// promptEntry describes prompt pr for prompt-index.js.
func (e *edition) promptEntry(pr *site.Prompt) promptIndexEntry {
	en := promptIndexEntry{ID: pr.ID, Number: pr.Number, Kind: pr.Kind, Text: pr.Text,
		Page: urlpath.Escape(pr.Page.OutputFile()), Title: pr.Page.Meta.Title}
	if pr.Page.Chapter != nil {
		en.Chapter = pr.Page.Chapter.Number
	}
	switch pr.Kind {
	case "scale":
		en.Min, en.Max = attrOr(pr, "min", "1"), attrOr(pr, "max", "10")
	case "actions":
		en.Columns = e.cfg.ActionColumns
		if v, ok := pr.Block.Attr("columns"); ok {
			en.Columns = strings.Split(v, "|")
			for i := range en.Columns {
				en.Columns[i] = strings.TrimSpace(en.Columns[i])
			}
		}
	case "review":
		en.Of, _ = pr.Block.Attr("of")
		en.Columns = pr.Block.Columns(e.cfg.ReviewColumns)
	}
	return en
}

// putScript writes file as a script that sets window.name to v as JSON.
func (e *edition) putScript(file, name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	js := "window." + name + " = " + string(data) + ";\n"
	return e.sink.Put(file, []byte(js))
}

func (e *edition) writeTheme(b *Builder) error {
	files, err := e.layers.ThemeFiles()
	if err != nil {
		return diag.Wrap(err, "reading the theme")
	}
	for _, f := range files {
		data, err := e.layers.ThemeFile(f)
		if err != nil {
			return diag.Wrap(err, "reading theme file %s", f)
		}
		if err := e.sink.Put(addresses.ThemeDir+"/"+f, data); err != nil {
			return err
		}
	}
	if err := e.writeBrand(files); err != nil {
		return err
	}
	return e.sink.Put(addresses.ThemeDir+"/chroma.css", b.highlight.Stylesheet())
}

// writeBrand writes the brand's stylesheet and copies its files into the
// theme folder (see layout.BrandCSS), where the theme must leave room.
func (e *edition) writeBrand(themeFiles []string) error {
	brand := &e.cfg.Brand
	css := layout.BrandCSS(brand)
	if css == nil && len(brand.Files()) == 0 {
		return nil
	}
	var errs diag.List
	for _, f := range themeFiles {
		if f == layout.BrandCSSFile || strings.HasPrefix(f, layout.BrandDir) {
			errs.Add(diag.Pos{File: path.Join("themes", e.cfg.Theme, f)},
				"the name theme/%s is used by praxis for the brand settings of praxis.yaml; rename the file", f)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	for _, f := range brand.Files() {
		data, err := fs.ReadFile(e.src, path.Clean(f.Path))
		if err != nil {
			return diag.Wrap(err, "reading the brand's %s", f.Key)
		}
		if err := e.sink.Put(addresses.ThemeDir+"/"+f.Out, data); err != nil {
			return err
		}
	}
	if css != nil {
		return e.sink.Put(addresses.ThemeDir+"/"+layout.BrandCSSFile, css)
	}
	return nil
}

// attrOr returns a prompt block's attribute, or def when it is not set.
func attrOr(pr *site.Prompt, key, def string) string {
	if v, ok := pr.Block.Attr(key); ok {
		return v
	}
	return def
}

// editionURL is the published address of this edition's root, or "" when
// the workbook has no base_url (see config.EditionURL).
func (e *edition) editionURL() string { return e.cfg.EditionURL(e.name) }
