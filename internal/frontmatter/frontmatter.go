// Package frontmatter splits a Markdown file into its YAML front matter and
// body, and decodes the front matter strictly into a [Meta].
//
// The body keeps its true line numbers: [Split] reports the line on which the
// body starts, so errors found later by the Markdown stage point at the right
// line of the file, not of the body.
package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/strictyaml"
)

// Page kinds.
const (
	KindPage    = "page"
	KindPrompts = "prompts"
	KindSession = "session"
)

// Meta is the front matter of one page.
type Meta struct {
	Title       string
	Description string
	Weight      int
	Draft       bool
	Kind        string     // page (default), prompts or session
	Tags        []string   // free-form labels
	Aliases     []string   // old addresses that redirect here, like "old/page/"
	AliasPos    []diag.Pos // where each of Aliases is written, for messages
	Edition     string     // "facilitator" keeps the page out of the participant edition
	Duration    string     // session length, like "60m" (sessions only)
	Client      bool       // session sheet shows a client name line
	Date        bool       // session sheet shows a date: Day, or a line to fill in
	Day         string     // the session's date, like "2024-05-07", from date: 2024-05-07
}

// Split separates front matter from body. The front matter is the text
// between a first line "---" and the next line "---" (or "..."). bodyLine is
// the 1-based line on which body starts. A file without front matter has
// fm == nil and bodyLine 1. An opening "---" that is never closed is an error.
//
// Blank lines before the opening "---" are read past, as Pandoc does, when
// the front matter is closed and sets one of praxis's keys: a page that
// starts with an empty line keeps what its front matter says (edition:
// facilitator above all) instead of showing it as text, and a rule, a line
// of text and a rule stay what they were. fm then starts with a newline
// for each blank line, so that the line numbers of Parse stay right.
func Split(file string, src []byte) (fm []byte, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if tomlFrontMatter(src) {
		return nil, nil, 0, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
			"front matter in TOML (between +++ lines) is not read; write it in YAML between --- lines (title: A, edition: facilitator)")
	}
	skip, n := leadingBlankLines(src)
	if n == 0 {
		return split(file, src)
	}
	fm, body, bodyLine, err = split(file, src[skip:])
	if err != nil || fm == nil || !praxisKey.Match(fm) {
		return nil, src, 1, nil // a rule after blank lines, say: no front matter
	}
	return append(bytes.Repeat([]byte("\n"), n), fm...), body, bodyLine + n, nil
}

// tomlFrontMatter reports whether src starts with Hugo's TOML front
// matter, a line "+++" that a later one closes. Shown as text, it would
// publish what it says, edition = "facilitator" too, to participants.
func tomlFrontMatter(src []byte) bool {
	first, rest, _ := cutLine(src)
	if string(bytes.TrimRight(first, " \t\r")) != "+++" {
		return false
	}
	for len(rest) > 0 {
		var l []byte
		l, rest, _ = cutLine(rest)
		if string(bytes.TrimRight(l, " \t\r")) == "+++" {
			return true
		}
	}
	return false
}

// fields are the keys of front matter, decoded into m and, for those
// Parse checks further, into the nodes kind, edition and date.
func fields(m *Meta, kind, edition, date *yaml.Node) []strictyaml.Field {
	return []strictyaml.Field{
		{Key: "title", Target: &m.Title, Type: "text"},
		{Key: "description", Target: &m.Description, Type: "text"},
		{Key: "weight", Target: &m.Weight, Type: "a whole number"},
		{Key: "draft", Target: &m.Draft, Type: "true or false"},
		{Key: "kind", Target: kind, Type: "page, prompts or session"},
		{Key: "tags", Target: &m.Tags, Type: "a list of text"},
		{Key: "aliases", Target: &m.Aliases, Type: "a list of addresses"},
		{Key: "edition", Target: edition, Type: "facilitator"},
		{Key: "duration", Target: &m.Duration, Type: "a length like 60m"},
		{Key: "client", Target: &m.Client, Type: "true or false"},
		{Key: "date", Target: date, Type: "true, false or a date like 2024-05-07"},
	}
}

// praxisKey matches a line of front matter that sets a key praxis reads
// (see fields).
var praxisKey = func() *regexp.Regexp {
	var keys []string
	for _, f := range fields(new(Meta), new(yaml.Node), new(yaml.Node), new(yaml.Node)) {
		keys = append(keys, regexp.QuoteMeta(f.Key))
	}
	return regexp.MustCompile(`(?m)^(?:` + strings.Join(keys, "|") + `)[ \t]*:`)
}()

// leadingBlankLines returns the length in bytes of the blank lines that
// start src, and how many there are.
func leadingBlankLines(src []byte) (size, n int) {
	for {
		line, rest, ok := cutLine(src[size:])
		if !ok || len(bytes.TrimLeft(line, " \t\r")) > 0 {
			return size, n
		}
		size, n = len(src)-len(rest), n+1
	}
}

func split(file string, src []byte) (fm []byte, body []byte, bodyLine int, err error) {
	first, rest, ok := cutLine(src)
	if !ok && len(first) == 0 || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, src, 1, nil
	}
	line := 2
	start := len(src) - len(rest)
	for off := start; off < len(src); {
		l, next, _ := cutLine(src[off:])
		t := string(bytes.TrimRight(l, " \t\r"))
		if t == "---" || t == "..." {
			bodyStart := len(src) - len(next)
			return src[start:off], src[bodyStart:], line + 1, nil
		}
		off = len(src) - len(next)
		line++
	}
	return nil, nil, 0, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
		"front matter starts with --- but is never closed; add a line with --- after the last key")
}

func cutLine(s []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(s, '\n')
	if i < 0 {
		return s, s[len(s):], false
	}
	return s[:i], s[i+1:], true
}

var durationRE = regexp.MustCompile(`^(\d+)\s*(m|min|h)$`)

// MaxMinutes is the longest session a duration may give: a day.
const MaxMinutes = 24 * 60

// Parse decodes front matter text fm of file, which starts on line 2 of the
// file (after the opening ---). It returns every problem found.
func Parse(file string, fm []byte) (Meta, error) {
	var m Meta
	var kind, edition, date yaml.Node
	src := strictyaml.Source{File: file, FirstLine: 2, Text: fm, What: "front matter", Foreign: true}
	present, errs := strictyaml.Decode(src, fields(&m, &kind, &edition, &date))
	at := func(n *yaml.Node) diag.Pos { return diag.Pos{File: file, Line: n.Line + 1, Col: n.Column} }
	m.Kind = KindPage
	if n, ok := present["kind"]; ok {
		m.Kind = n.Value
		if err := oneOf("kind", n.Value, KindPage, KindPrompts, KindSession); err != "" {
			errs.Add(at(n), "%s", err)
		}
	}
	if n, ok := present["edition"]; ok {
		m.Edition = n.Value
		if err := oneOf("edition", n.Value, "facilitator", "participant"); err != "" {
			errs.Add(at(n), "%s", err)
		}
	}
	if n, ok := present["aliases"]; ok && len(n.Content) == len(m.Aliases) {
		for _, item := range n.Content {
			m.AliasPos = append(m.AliasPos, at(item))
		}
	}
	if n, ok := present["date"]; ok {
		if msg := setDate(&m, n); msg != "" {
			errs.Add(at(n), "%s", msg)
		}
	}
	if n, ok := present["duration"]; ok {
		if !durationRE.MatchString(m.Duration) {
			errs.Add(at(n), "duration must be a length like 60m, 90min or 2h, got %q", m.Duration)
		} else if _, ok := minutes(m.Duration); !ok {
			errs.Add(at(n), "duration %q is longer than a day; give the session's length, at most 24h", m.Duration)
		}
	}
	return m, errs.Err()
}

// setDate reads date: true or false (a line to fill in, or none) or a day,
// like 2024-05-07, into m. Another value is a mistake on a session sheet,
// and left alone on other pages: Pandoc and Quarto documents give their
// date in words (date: today, date: "May 7, 2024"). It returns the
// problem, or "".
func setDate(m *Meta, n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		m.Date = n.Value == "true"
		return ""
	}
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!timestamp" || n.Tag == "!!str") {
		if d, err := time.Parse(time.DateOnly, n.Value); err == nil {
			m.Date, m.Day = true, d.Format(time.DateOnly)
			return ""
		}
	}
	if m.Kind != KindSession {
		return ""
	}
	return fmt.Sprintf("date must be true, false or a day like 2024-05-07, got %q", n.Value)
}

func oneOf(key, v string, allowed ...string) string {
	for _, a := range allowed {
		if v == a {
			return ""
		}
	}
	msg := fmt.Sprintf("%s must be one of %v, got %q", key, allowed, v)
	if s := diag.Suggest(v, allowed); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

// Minutes returns the length of a session duration like "60m", "90min" or
// "2h" in minutes, or 0 when d is empty, malformed or longer than
// MaxMinutes (which Parse reports).
func Minutes(d string) int {
	n, _ := minutes(d)
	return n
}

// minutes is Minutes, with ok false for a duration that is malformed or
// out of range.
func minutes(d string) (int, bool) {
	m := durationRE.FindStringSubmatch(d)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n > MaxMinutes {
		return 0, false
	}
	if m[2] == "h" {
		n *= 60
	}
	if n > MaxMinutes {
		return 0, false
	}
	return n, true
}
