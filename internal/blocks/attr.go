package blocks

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Attr is one attribute of a block's {…} list. The shorthands #first-step
// and .wide have the keys "id" and "class".
type Attr struct {
	Key    string
	Value  string // unquoted and unescaped
	Offset int    // byte offset of the attribute's first byte: in the string given to ParseAttributes, or in the Markdown source for Block.Attrs
}

// AttrError is a malformed attribute list. Offset is the byte offset of the
// fault in the string given to ParseAttributes.
type AttrError struct {
	Offset int
	Msg    string
}

// Error returns the message without the offset, which only the caller can
// turn into a line and column.
func (e *AttrError) Error() string { return e.Msg }

// ParseAttributes parses the inside of a Pandoc-style attribute list (the
// text between the braces), such as
//
//	#first-step .wide lines=6 low="not at all"
//
// Attributes are separated by spaces or tabs. Values may be double-quoted, with
// \" and \\ as escapes. Ids may hold letters, digits, - and _; classes only
// ASCII letters, digits, - and _, because they end up in HTML class lists.
//
// On a malformed list ParseAttributes returns the attributes before the fault
// and an *AttrError at the fault.
func ParseAttributes(s string) ([]Attr, error) {
	return parseAttrs(s, false)
}

// ParseHeadingAttributes parses the attribute list of a heading or a
// bracketed span, whose ids are only anchors: there an id may also hold .
// and : (as in #sec:intro), and a lone - stands for .unnumbered, as in
// Pandoc.
func ParseHeadingAttributes(s string) ([]Attr, error) {
	return parseAttrs(s, true)
}

// parseAttrs is ParseAttributes, or ParseHeadingAttributes when loose.
func parseAttrs(s string, loose bool) ([]Attr, error) {
	var attrs []Attr
	for i := skipSpace(s, 0); i < len(s); i = skipSpace(s, i) {
		if loose && s[i] == '-' && (i+1 == len(s) || isSpace(s[i+1])) {
			attrs = append(attrs, Attr{Key: "class", Value: "unnumbered", Offset: i})
			i++
			continue
		}
		a, next, err := parseAttr(s, i, loose)
		if err != nil {
			return attrs, err
		}
		if next < len(s) && !isSpace(s[next]) {
			return attrs, attrErrorf(next, "unexpected %s after %s; separate attributes with spaces", quoteRune(s, next), s[i:next])
		}
		attrs = append(attrs, a)
		i = next
	}
	return attrs, nil
}

// parseAttr parses the attribute starting at s[i] and returns it with the
// offset just past it.
func parseAttr(s string, i int, loose bool) (Attr, int, error) {
	switch s[i] {
	case '#':
		end := scanWord(s, i+1)
		v := s[i+1 : end]
		if v == "" {
			return Attr{}, 0, attrErrorf(i, "# must be followed by an id, such as #first-step")
		}
		if err := checkAnchorID(v, i+1, loose); err != nil {
			return Attr{}, 0, err
		}
		return Attr{Key: "id", Value: v, Offset: i}, end, nil
	case '.':
		end := scanWord(s, i+1)
		v := s[i+1 : end]
		if v == "" {
			return Attr{}, 0, attrErrorf(i, ". must be followed by a class name, such as .wide")
		}
		if err := checkClass(v, i+1); err != nil {
			return Attr{}, 0, err
		}
		return Attr{Key: "class", Value: v, Offset: i}, end, nil
	}
	return parseKeyValue(s, i, loose)
}

// parseKeyValue parses key=value or key="quoted value" at s[i].
func parseKeyValue(s string, i int, loose bool) (Attr, int, error) {
	j := i
	for j < len(s) && isKeyByte(s[j], j == i) {
		j++
	}
	if j == i {
		return Attr{}, 0, attrErrorf(i, "unexpected %s; attributes look like #id, .class or key=value", quoteRune(s, i))
	}
	key := s[i:j]
	if j == len(s) || isSpace(s[j]) {
		return Attr{}, 0, attrErrorf(i, "attribute %s needs a value, such as %s=…", key, key)
	}
	if s[j] != '=' {
		return Attr{}, 0, attrErrorf(j, "unexpected %s in attribute name %q; attributes look like key=value", quoteRune(s, j), s[i:j])
	}
	j++
	if j < len(s) && s[j] == '"' {
		v, end, err := scanQuoted(s, j)
		if err != nil {
			return Attr{}, 0, err
		}
		return finishKeyValue(key, v, i, end, loose)
	}
	end := scanWord(s, j)
	if end == j {
		return Attr{}, 0, attrErrorf(i, "attribute %s= has no value; write %s=value or %s=\"a value with spaces\"", key, key, key)
	}
	if q := strings.IndexByte(s[j:end], '"'); q >= 0 {
		return Attr{}, 0, attrErrorf(j+q, "unexpected \" inside a value; quote the whole value, as in %s=\"…\"", key)
	}
	return finishKeyValue(key, s[j:end], i, end, loose)
}

// finishKeyValue checks id= and class= values like their shorthands.
func finishKeyValue(key, v string, start, end int, loose bool) (Attr, int, error) {
	voff := start + len(key) + 1
	switch key {
	case "id":
		if err := checkAnchorID(v, voff, loose); err != nil {
			return Attr{}, 0, err
		}
	case "class":
		if err := checkClass(v, voff); err != nil {
			return Attr{}, 0, err
		}
	}
	return Attr{Key: key, Value: v, Offset: start}, end, nil
}

// scanQuoted reads the double-quoted string starting at s[i] == '"'.
func scanQuoted(s string, i int) (string, int, error) {
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"':
			return b.String(), j + 1, nil
		case c == '\\' && j+1 < len(s) && (s[j+1] == '"' || s[j+1] == '\\'):
			b.WriteByte(s[j+1])
			j++
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, attrErrorf(i, "quoted value has no closing \"")
}

// checkID reports an id character other than a letter, digit, - or _. Ids
// become HTML ids, URL fragments and answer keys ("id/r1c2"), so they must not
// hold slashes, quotes or spaces.
func checkID(v string, off int) error {
	for i, r := range v {
		if !isIDRune(r) {
			return attrErrorf(off+i, "an id may contain only letters, digits, - and _; %q has %q", v, r)
		}
	}
	return nil
}

// checkClass reports a class character outside [A-Za-z0-9_-].
func checkClass(v string, off int) error {
	for i := 0; i < len(v); i++ {
		if c := v[i]; !isASCIIAlnum(c) && c != '-' && c != '_' {
			r, _ := utf8.DecodeRuneInString(v[i:])
			return attrErrorf(off+i, "a class may contain only ASCII letters, digits, - and _; %q has %q", v, r)
		}
	}
	return nil
}

// checkAnchorID is checkID, which also allows . and : when loose.
func checkAnchorID(v string, off int, loose bool) error {
	if !loose {
		return checkID(v, off)
	}
	for i, r := range v {
		if !isIDRune(r) && r != '.' && r != ':' {
			return attrErrorf(off+i, "an id may contain only letters, digits, -, _, . and :; %q has %q", v, r)
		}
	}
	return nil
}

func isIDRune(r rune) bool {
	return r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isKeyByte(c byte, first bool) bool {
	if first {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return isASCIIAlnum(c) || c == '-' || c == '_'
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// scanWord returns the offset of the first space at or after i, or len(s).
func scanWord(s string, i int) int {
	for i < len(s) && !isSpace(s[i]) {
		i++
	}
	return i
}

// quoteRune quotes the character at s[i] for a message.
func quoteRune(s string, i int) string {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return fmt.Sprintf("%q", r)
}

func attrErrorf(off int, format string, args ...any) *AttrError {
	return &AttrError{Offset: off, Msg: fmt.Sprintf(format, args...)}
}
