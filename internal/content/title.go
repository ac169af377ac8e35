package content

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"unicode"
)

// FirstHeading returns the text of the first ATX heading ("# Title") in a
// Markdown body outside code fences, with simple inline markup removed, or "".
// Headings inside HTML comments and facilitator blocks do not count, in
// either edition: the title is on every page of both, and participants must
// not read a heading written for the coach or one nobody was meant to read.
func FirstHeading(body []byte) string {
	fence, comment, private := "", false, 0
	for len(body) > 0 {
		var line []byte
		line, body, _ = bytes.Cut(body, []byte("\n"))
		t := strings.TrimSpace(string(line))
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case comment:
			comment = !strings.Contains(t, "-->")
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case strings.HasPrefix(t, "<!--"):
			comment = !strings.Contains(t[4:], "-->")
		case private > 0 || opensFacilitator(t):
			private = divDepth(string(line), private)
		default:
			if h, ok := atxHeading(t); ok {
				return h
			}
		}
	}
	return ""
}

// divDepth returns how many ::: blocks are open after line, with depth
// open before it. A fence that opens counts however far it is indented,
// one that closes only when it could close a block (at most three spaces
// in): so the count may end later than the blocks do, never sooner.
func divDepth(line string, depth int) int {
	t := strings.TrimSpace(line)
	if opener := containerRE.ReplaceAllString(t, ""); opener != t && strings.HasPrefix(opener, ":::") &&
		strings.TrimSpace(strings.TrimLeft(opener, ":")) != "" {
		return depth + 1 // a fence on a list item's line or in a quote
	}
	rest := strings.TrimLeft(t, ":")
	switch {
	case len(t)-len(rest) < 3:
		return depth
	case strings.TrimSpace(rest) != "":
		return depth + 1
	case strings.HasPrefix(line, "    ") || strings.HasPrefix(strings.TrimLeft(line, " "), "\t"):
		return depth
	default:
		return max(depth-1, 0)
	}
}

// opensFacilitator reports whether line t may open a facilitator block: a
// fence (also on the line of a list item or in a quote, "- ::: x") that
// says facilitator anywhere, as its type, a class or otherwise. Taking a
// few other blocks for one only costs a page a title from a heading in
// them; missing one would show participants a heading for the coach.
func opensFacilitator(t string) bool {
	t = containerRE.ReplaceAllString(t, "")
	rest := strings.TrimLeft(t, ":")
	return len(t)-len(rest) >= 3 && strings.Contains(strings.ToLower(rest), "facilitator")
}

func atxHeading(t string) (string, bool) {
	level := len(t) - len(strings.TrimLeft(t, "#"))
	if level < 1 || level > 6 || (len(t) > level && t[level] != ' ' && t[level] != '\t') {
		return "", false
	}
	h := DropComments(t[level:])
	h = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(h), "#"))
	h = strings.TrimSpace(strings.TrimRight(dropAttributes(h), "#"))
	h = spanRE.ReplaceAllString(h, "$1")
	h = strings.NewReplacer("**", "", "__", "", "`", "", "*", "", "_", "").Replace(h)
	h = unescape(h)
	if h == "" {
		return "", false
	}
	return h, true
}

// unescape drops the backslash of \* and the other escaped punctuation.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// containerRE matches the list markers and quote marks that start a line.
var containerRE = regexp.MustCompile(`^(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]*)+`)

// DropComments returns inline Markdown s, such as a heading's text,
// without its HTML comments (<!-- … -->), which the page drops: those
// outside code spans, and closed (an unclosed one is text).
func DropComments(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, "`<")
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if s[0] == '`' {
			run := len(s) - len(strings.TrimLeft(s, "`"))
			end := strings.Index(s[run:], s[:run])
			if end < 0 {
				end = 0 // no closing run: the backticks are text
			}
			n := run + end + run*min(end, 1)
			b.WriteString(s[:max(n, run)])
			s = s[max(n, run):]
			continue
		}
		if end := strings.Index(s, "-->"); strings.HasPrefix(s, "<!--") && end >= 0 {
			s = s[end+3:]
			continue
		}
		b.WriteByte('<')
		s = s[1:]
	}
	b.WriteString(s)
	return b.String()
}

// spanRE matches a bracketed span, [text]{.class}, keeping its text.
var spanRE = regexp.MustCompile(`\[([^\[\]]*)\]\{[^{}]*\}`)

// attrToken is one attribute of a {…} list: #id, .class, - or key=value.
var attrToken = regexp.MustCompile(`^(?:[#.][^\s"{}]+|-|[A-Za-z][A-Za-z0-9_-]*=(?:"(?:[^"\\]|\\.)*"|[^\s"{}]+))`)

// dropAttributes removes the attribute list, such as {#id .class}, that
// ends a heading, as the Markdown stage reads it (its trailingAttributes is
// the rule; TestTitlesMatchHeadings holds the two together): after the
// text, not right after ] (that is a span), and made of attributes only.
func dropAttributes(h string) string {
	if !strings.HasSuffix(h, "}") {
		return h
	}
	open := strings.LastIndexByte(h, '{')
	if open < 0 || open > 0 && (h[open-1] == ']' || h[open-1] == '\\') {
		return h
	}
	for rest := strings.TrimSpace(h[open+1 : len(h)-1]); rest != ""; rest = strings.TrimLeft(rest, " \t") {
		m := attrToken.FindString(rest)
		if m == "" {
			return h
		}
		rest = rest[len(m):]
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return h
		}
	}
	return strings.TrimSpace(h[:open])
}

// titleFromName makes a title from a file or folder name: "2-first-steps.md"
// becomes "First steps".
func titleFromName(file string) string {
	name := strings.TrimSuffix(path.Base(file), ".md")
	if name == "_index" {
		name = path.Base(path.Dir(file))
	}
	name = strings.TrimLeftFunc(name, func(r rune) bool { return unicode.IsDigit(r) })
	name = strings.TrimLeft(name, "-_. ")
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return "Untitled"
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
