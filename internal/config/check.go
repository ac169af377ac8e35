package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// MaxColumns is the most columns an action plan, and fields a review, may
// have. It mirrors the limit of the blocks' columns= attribute
// (internal/blocks), so praxis.yaml allows what a block allows.
const MaxColumns = 8

// at is the position of a value in praxis.yaml.
func at(n *yaml.Node) diag.Pos { return diag.Pos{File: FileName, Line: n.Line, Col: n.Column} }

// check validates values whose type is right but whose content is not. It
// is given the value of each key present.
func (c *Config) check(present map[string]*yaml.Node) diag.List {
	checks := []struct {
		key   string
		check func(*yaml.Node) diag.List
	}{
		{"paper", c.checkPaper},
		{"language", c.checkLanguage},
		{"base_url", c.checkBaseURL},
		{"theme", c.checkThemeName},
		{"answer_lines", c.checkAnswerLines},
		{"editions", c.checkEditions},
		{"action_columns", checkColumns("action_columns", &c.ActionColumns)},
		{"review_columns", checkColumns("review_columns", &c.ReviewColumns)},
		{"output", c.checkOutput},
		{"id", c.checkID},
		{"brand", c.checkBrand},
	}
	var errs diag.List
	for _, k := range checks {
		if n, ok := present[k.key]; ok {
			errs = append(errs, k.check(n)...)
		}
	}
	return errs
}

// checkID refuses an id that cannot name a file: the zip of --zip is
// ID.zip beside the output folder, holding the folder ID/, so an id such as
// ../x wrote the zip elsewhere and filled it with entries that unzip
// outside the folder they are unzipped in.
func (c *Config) checkID(n *yaml.Node) diag.List {
	bad := c.ID == "." || c.ID == ".." || strings.ContainsAny(c.ID, `/\`) ||
		strings.ContainsFunc(c.ID, unicode.IsControl)
	if bad {
		return one(n, "id must be a name without / or \\, like from-insight-to-action (it names the zip file of --zip and the folder in it), got %q", c.ID)
	}
	return nil
}

// IsLanguageTag reports whether tag is a language tag like de, pt-BR or
// zh-Hant: letters, then parts of letters and digits, at most 8 each,
// joined by hyphens.
func IsLanguageTag(tag string) bool { return languageTag.MatchString(tag) }

var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

func (c *Config) checkLanguage(n *yaml.Node) diag.List {
	if !IsLanguageTag(c.Language) {
		return one(n, "language must be a language tag like en, de or pt-BR, got %q", c.Language)
	}
	return nil
}

// one is a list of one error at n.
func one(n *yaml.Node, format string, args ...any) diag.List {
	return diag.List{diag.Errorf(at(n), format, args...)}
}

func (c *Config) checkPaper(n *yaml.Node) diag.List {
	switch strings.ToLower(c.Paper) {
	case "a4":
		c.Paper = "A4"
	case "letter":
		c.Paper = "Letter"
	default:
		return one(n, "paper must be A4 or Letter, got %q", c.Paper)
	}
	return nil
}

// checkBaseURL requires the address of a folder on the web, since pages,
// the sitemap and QR codes append paths to it, and adds its final slash.
func (c *Config) checkBaseURL(n *yaml.Node) diag.List {
	if c.BaseURL == "" {
		return nil
	}
	u, err := url.Parse(c.BaseURL)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		return one(n, "base_url must be an absolute http or https address like https://example.org/workbook/, got %q", c.BaseURL)
	case u.User != nil:
		return one(n, "base_url must not hold a user name or password, which every page would show; got %q", c.BaseURL)
	case strings.ContainsAny(c.BaseURL, "?#"):
		return one(n, "base_url must be the folder the workbook is published in, without a query (?) or fragment (#), like https://example.org/workbook/; got %q", c.BaseURL)
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	return nil
}

// checkThemeName requires one folder name, so the theme cannot reach
// outside themes/ ("../content" would publish the sources).
func (c *Config) checkThemeName(n *yaml.Node) diag.List {
	if !fs.ValidPath(c.Theme) || c.Theme == "." || strings.ContainsAny(c.Theme, `/\`) {
		return one(n, "theme must be the name of one folder under themes/, like default, got %q", c.Theme)
	}
	return nil
}

// CheckTheme reports a theme that is none of available: the folders of the
// workbook's themes/ and the themes built into praxis. A theme praxis.yaml
// does not set is the built-in default and is not checked.
func (c *Config) CheckTheme(available []string) error {
	pos, set := c.pos["theme"]
	if !set || slices.Contains(available, c.Theme) {
		return nil
	}
	msg := fmt.Sprintf("there is no theme %q; a theme is a folder under themes/ in the workbook or built into praxis, and the themes are %s",
		c.Theme, strings.Join(available, ", "))
	if s := diag.Suggest(c.Theme, available); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return diag.List{diag.Errorf(pos, "%s", msg)}
}

func (c *Config) checkAnswerLines(n *yaml.Node) diag.List {
	if c.AnswerLines < 1 || c.AnswerLines > 60 {
		return one(n, "answer_lines must be from 1 to 60, got %d", c.AnswerLines)
	}
	return nil
}

// checkEditions reports unknown and repeated editions at their place in
// the list, and puts the participant edition first: it is built first,
// whatever the order in praxis.yaml (see EditionFolder).
func (c *Config) checkEditions(n *yaml.Node) diag.List {
	if !isListOrNothing(n) {
		return nil // the wrong type is reported already
	}
	if len(n.Content) == 0 {
		return one(n, "editions needs at least one of participant, facilitator")
	}
	var errs diag.List
	seen := map[string]bool{}
	for _, item := range n.Content {
		e := item.Value
		switch {
		case item.Kind != yaml.ScalarNode:
			return nil // reported already
		case e != Participant && e != Facilitator:
			msg := fmt.Sprintf("unknown edition %q; editions are participant and facilitator", e)
			if s := diag.Suggest(e, []string{Participant, Facilitator}); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs = append(errs, one(item, "%s", msg)...)
		case seen[e]:
			errs = append(errs, one(item, "edition %q is listed twice; keep one", e)...)
		}
		seen[e] = true
	}
	if i := slices.Index(c.Editions, Participant); i > 0 {
		c.Editions = append([]string{Participant}, slices.Delete(c.Editions, i, i+1)...)
	}
	return errs
}

// checkColumns applies the rules of a block's columns= attribute to a list
// of default columns: 1 to MaxColumns names, none empty, none holding the
// | that separates names in the pages. It trims the names, as blocks do.
func checkColumns(key string, cols *[]string) func(*yaml.Node) diag.List {
	return func(n *yaml.Node) diag.List {
		if !isListOrNothing(n) {
			return nil // the wrong type is reported already
		}
		if len(n.Content) == 0 {
			return one(n, "%s needs at least one column name", key)
		}
		if len(n.Content) > MaxColumns {
			return one(n, "%s must list 1 to %d names, got %d", key, MaxColumns, len(n.Content))
		}
		var errs diag.List
		names := make([]string, len(n.Content))
		for i, item := range n.Content {
			if item.Kind != yaml.ScalarNode {
				return nil // reported already
			}
			names[i] = strings.TrimSpace(item.Value)
			switch {
			case names[i] == "":
				errs = append(errs, one(item, "%s has an empty name at position %d; give every column a name", key, i+1)...)
			case strings.Contains(names[i], "|"):
				errs = append(errs, one(item, "%s name %q holds a |, which separates column names; use another character", key, names[i])...)
			}
		}
		*cols = names
		return errs
	}
}

func (c *Config) checkOutput(n *yaml.Node) diag.List {
	if strings.TrimSpace(c.Output) == "" {
		return one(n, "output must name a folder, like public")
	}
	return nil
}

// isListOrNothing reports whether n is a list or null, the values a list
// key decodes from.
func isListOrNothing(n *yaml.Node) bool {
	return n.Kind == yaml.SequenceNode || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}
