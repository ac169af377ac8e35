// Package config reads praxis.yaml, the optional settings file at the root of
// a workbook. It is the first stage of the pipeline: every later stage takes
// a *Config and never reads the file itself.
//
// A missing praxis.yaml is fine: every setting has a default. Unknown keys
// and values of the wrong type are errors naming the file, line and key.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/praxis-workbooks/praxis/internal/diag"
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
	Language      string   // the html lang attribute
	BaseURL       string   // absolute address of the published site; enables sitemap.xml and QR codes
	Theme         string   // folder under themes/
	Paper         string   // "A4" or "Letter"
	Output        string   // output folder, relative to the site root
	UnsafeHTML    bool     // pass raw HTML in Markdown through instead of escaping it
	AnswerLines   int      // default ruled lines under a prompt
	ActionColumns []string // default columns of an actions block
	ReviewColumns []string // default columns of a review block
	Editions      []string // editions built by one praxis build
	Duplex        bool     // start chapters on a right-hand page when printing
	ID            string   // workbook id: keys the answers saved in the browser
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
	}
}

// Load reads praxis.yaml from the site root fsys. A missing file yields the
// defaults; any problem in the file is returned as a diag.List.
func Load(fsys fs.FS) (*Config, error) {
	cfg := Default()
	data, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		cfg.ID = slug(cfg.Title)
		return cfg, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", FileName, err)
	}
	return Parse(data)
}

// Parse reads the text of a praxis.yaml file.
func Parse(data []byte) (*Config, error) {
	cfg := Default()
	src := strictyaml.Source{File: FileName, FirstLine: 1, Text: data, What: FileName}
	present, errs := strictyaml.Decode(src, fields(cfg))
	errs = append(errs, cfg.check(present)...)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if cfg.ID == "" {
		cfg.ID = slug(cfg.Title)
	}
	return cfg, nil
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
		{Key: "id", Target: &c.ID, Type: text},
	}
}

// check validates values whose type is right but whose content is not.
func (c *Config) check(present map[string]*yaml.Node) diag.List {
	var errs diag.List
	at := func(key string) diag.Pos {
		n := present[key]
		return diag.Pos{File: FileName, Line: n.Line, Col: n.Column}
	}
	if _, ok := present["paper"]; ok {
		switch strings.ToLower(c.Paper) {
		case "a4":
			c.Paper = "A4"
		case "letter":
			c.Paper = "Letter"
		default:
			errs.Add(at("paper"), "paper must be A4 or Letter, got %q", c.Paper)
		}
	}
	if _, ok := present["base_url"]; ok && c.BaseURL != "" {
		if err := c.normalizeBaseURL(); err != nil {
			errs.Add(at("base_url"), "%v", err)
		}
	}
	if _, ok := present["answer_lines"]; ok && (c.AnswerLines < 1 || c.AnswerLines > 60) {
		errs.Add(at("answer_lines"), "answer_lines must be from 1 to 60, got %d", c.AnswerLines)
	}
	if _, ok := present["editions"]; ok {
		errs = append(errs, c.checkEditions(at("editions"))...)
	}
	for _, key := range []string{"action_columns", "review_columns"} {
		if n, ok := present[key]; ok && len(n.Content) == 0 {
			errs.Add(at(key), "%s needs at least one column name", key)
		}
	}
	if _, ok := present["output"]; ok && strings.TrimSpace(c.Output) == "" {
		errs.Add(at("output"), "output must name a folder, like public")
	}
	return errs
}

func (c *Config) checkEditions(pos diag.Pos) diag.List {
	var errs diag.List
	if len(c.Editions) == 0 {
		errs.Add(pos, "editions needs at least one of participant, facilitator")
	}
	seen := map[string]bool{}
	for _, e := range c.Editions {
		if e != Participant && e != Facilitator {
			msg := fmt.Sprintf("unknown edition %q; editions are participant and facilitator", e)
			if s := diag.Suggest(e, []string{Participant, Facilitator}); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs.Add(pos, "%s", msg)
		}
		if seen[e] {
			errs.Add(pos, "edition %q is listed twice", e)
		}
		seen[e] = true
	}
	return errs
}

func (c *Config) normalizeBaseURL() error {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base_url must be an absolute http or https address like https://example.org/workbook/, got %q", c.BaseURL)
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	return nil
}

// slug turns a title into a workbook id: lowercase letters, digits and hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
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
