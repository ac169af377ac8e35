// Package config reads praxis.yaml, the optional settings file at the root of
// a workbook. It is the first stage of the pipeline: every later stage takes
// a *Config and never reads the file itself.
//
// A missing praxis.yaml is fine: every setting has a default. Unknown keys
// and values of the wrong type are errors naming the file, line and key.
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/i18n"
	"github.com/praxis-workbooks/praxis/internal/slug"
	"github.com/praxis-workbooks/praxis/internal/strictyaml"
)

// FileName is the name of the settings file at the site root.
const FileName = "praxis.yaml"

// Editions a workbook can be built in.
const (
	Participant = "participant"
	Facilitator = "facilitator"
)

// Config holds a workbook's settings.
type Config struct {
	Title         string   // shown in the header, the browser tab and the cover
	Subtitle      string   // shown under the title on the home page and cover
	Author        string   // cover and PDF metadata
	Language      string   // the language of the interface words and the html lang attribute
	BaseURL       string   // absolute address of the published site; enables sitemap.xml and QR codes
	Theme         string   // folder under themes/
	Paper         string   // "A4" or "Letter"
	Output        string   // output folder, relative to the site root
	UnsafeHTML    bool     // pass raw HTML in Markdown through instead of escaping it
	AnswerLines   int      // default ruled lines under a prompt
	ActionColumns []string // default columns of an actions block
	ReviewColumns []string // default columns of a review block
	Editions      []string // editions built by one praxis build
	Duplex        bool     // start chapters on a front (odd) page when printing
	CoverDate     bool     // print the build date on the cover of the print book
	ID            string   // workbook id: keys the answers saved in the browser; never empty
	// FormerID is the id older versions of praxis made from the same title,
	// when it differs from ID (as for titles with accents): the answers
	// script moves answers saved under it to ID. Empty when id is set.
	FormerID string
	Brand    Brand // logo, favicon, accent colours and fonts
	// Words are the interface words in Language: praxis's own, with those
	// of the workbook's i18n/<language>.yaml (see i18n.Load). Never nil.
	Words *i18n.Words

	brand yaml.Node           // praxis.yaml's brand: value, read by checkBrand
	pos   map[string]diag.Pos // where praxis.yaml sets each key, for checks made later
}

// EditionFolder returns the folder of the output that edition name is
// written to, with a trailing slash: "" (the output folder itself) for the
// participant edition when it is the only one built, else "participant/"
// or "facilitator/". So the folder a coach sends to participants never
// holds the facilitator edition, and no folder named after an edition is
// ever inside another edition.
func (c *Config) EditionFolder(name string) string {
	if name == Participant && len(c.Editions) == 1 {
		return ""
	}
	return name + "/"
}

// EditionURL returns the address edition name is published at, or "" when
// the workbook has no base_url: base_url for the participant edition, and
// the folder facilitator/ below it for the facilitator edition, wherever
// either is built.
func (c *Config) EditionURL(name string) string {
	switch {
	case c.BaseURL == "":
		return ""
	case name == Facilitator:
		return c.BaseURL + name + "/"
	}
	return c.BaseURL
}

// Default returns the settings used where praxis.yaml is silent.
func Default() *Config {
	return &Config{
		Title:         "Workbook",
		Language:      "en",
		Theme:         "default",
		Paper:         "A4",
		Output:        "public",
		AnswerLines:   5,
		ActionColumns: []string{"What", "By when", "Support I need", "How I will know"},
		ReviewColumns: []string{"What did I do?", "What happened?", "What did I learn?", "What next?"},
		Editions:      []string{Participant},
		Words:         i18n.English(),
	}
}

// Load reads praxis.yaml from the site root fsys. A missing file yields the
// defaults; any problem in the file is returned as a diag.List.
func Load(fsys fs.FS) (*Config, error) {
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = nil, nil
	}
	if err != nil {
		return nil, diag.Wrap(err, "reading %s", FileName)
	}
	cfg, err := Parse(data)
	if err != nil {
		return nil, err
	}
	if cfg.Words, err = i18n.Load(fsys, cfg.Language); err != nil {
		return nil, err
	}
	cfg.defaultColumns()
	return cfg, nil
}

// Parse reads the text of a praxis.yaml file.
func Parse(data []byte) (*Config, error) {
	cfg := Default()
	src := strictyaml.Source{File: FileName, FirstLine: 1, Text: data, What: FileName}
	present, errs := strictyaml.Decode(src, fields(cfg))
	cfg.pos = map[string]diag.Pos{}
	for key, n := range present {
		cfg.pos[key] = at(n)
	}
	errs = append(errs, cfg.check(present)...)
	cfg.brand = yaml.Node{} // its pointers would make every Config print differently
	if err := errs.Err(); err != nil {
		return nil, err
	}
	cfg.setID()
	cfg.Words = i18n.For(cfg.Language)
	cfg.defaultColumns()
	return cfg, nil
}

// defaultColumns takes the columns of action plans and reviews that
// praxis.yaml does not set from the words of the workbook's language.
func (c *Config) defaultColumns() {
	if _, ok := c.pos["action_columns"]; !ok {
		c.ActionColumns = c.Words.List("columns.actions")
	}
	if _, ok := c.pos["review_columns"]; !ok {
		c.ReviewColumns = c.Words.List("columns.review")
	}
}

func fields(c *Config) []strictyaml.Field {
	const text, num, flag, list = "text", "a whole number", "true or false", "a list of text"
	return []strictyaml.Field{
		{Key: "title", Target: &c.Title, Type: text},
		{Key: "subtitle", Target: &c.Subtitle, Type: text},
		{Key: "author", Target: &c.Author, Type: text},
		{Key: "language", Target: &c.Language, Type: text},
		{Key: "base_url", Target: &c.BaseURL, Type: text},
		{Key: "theme", Target: &c.Theme, Type: text},
		{Key: "paper", Target: &c.Paper, Type: "A4 or Letter"},
		{Key: "output", Target: &c.Output, Type: text},
		{Key: "unsafe_html", Target: &c.UnsafeHTML, Type: flag},
		{Key: "answer_lines", Target: &c.AnswerLines, Type: num},
		{Key: "action_columns", Target: &c.ActionColumns, Type: list},
		{Key: "review_columns", Target: &c.ReviewColumns, Type: list},
		{Key: "editions", Target: &c.Editions, Type: "a list of editions (participant, facilitator)"},
		{Key: "duplex", Target: &c.Duplex, Type: flag},
		{Key: "cover_date", Target: &c.CoverDate, Type: flag},
		{Key: "id", Target: &c.ID, Type: text},
		{Key: "brand", Target: &c.brand, Type: "settings under it"},
	}
}

// workbookID makes the workbook id from a title: lowercase letters, digits
// and hyphens. Latin letters with diacritics are spelt in ASCII as in
// heading ids (package slug: "Réflexion" → "reflexion"), other letters and
// digits are kept (Greek, Cyrillic, Japanese…), and everything else
// separates words with one hyphen, as it always did ("Don't panic" →
// "don-t-panic"), so that ids of titles in plain ASCII never change: the
// answers readers saved are keyed by it. A title without a letter or digit
// gets "workbook-" and the first 8 hex digits of its SHA-256, never "".
func workbookID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent of a decomposed letter: e + ◌́ is é
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
			dash = false
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if t := slug.Translit(r); t != "" {
				b.WriteString(t)
			} else {
				b.WriteRune(r)
			}
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	if id := strings.TrimSuffix(b.String(), "-"); id != "" {
		return id
	}
	sum := sha256.Sum256([]byte(title))
	return "workbook-" + hex.EncodeToString(sum[:4])
}

// formerID is the id earlier builds of praxis made from title, before
// workbookID: only a-z and 0-9, anything else a hyphen ("Réflexion" →
// "r-flexion", a Greek title → ""). Answers saved under it are moved to the
// new id by the answers script.
func formerID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// setID gives the workbook its id from the title when praxis.yaml sets
// none, and notes the id older versions of praxis made from the same title
// when it differs and was not empty (an empty id was shared by every
// workbook whose title has no a-z letter, so its answers are not taken).
func (c *Config) setID() {
	if c.ID != "" {
		return
	}
	c.ID = workbookID(c.Title)
	if old := formerID(c.Title); old != "" && old != c.ID {
		c.FormerID = old
	}
}
