package strictyaml

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// yamlAnchor picks the name out of "unknown anchor 'x' referenced".
var yamlAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// locate finds where in text the syntax error msg lies: a position with
// Line and Col relative to text (both 1-based), and a hint on how to fix it.
// line is the line yaml.v3 named, 0 for none; for a construct that spans
// lines it names the first, so a tab is looked for from there on. Where
// msg is about a byte (a character YAML forbids, a tab in the indentation,
// an undefined alias), locate points at that byte; otherwise at column 1
// of line (or of the first line).
func locate(text []byte, line int, msg string) (diag.Pos, string) {
	lines := bytes.Split(text, []byte("\n"))
	from := min(max(line, 1), len(lines)) - 1
	switch m := yamlAnchor.FindStringSubmatch(msg); {
	case m != nil:
		if p, ok := find(lines, 0, func(l []byte) int { return aliasAt(l, m[1]) }); ok {
			return p, fmt.Sprintf(" (define it before use with &%s, or remove the *)", m[1])
		}
	case strings.Contains(msg, "control characters") || strings.Contains(msg, "UTF-8"):
		if p, hint, ok := badByte(lines); ok {
			return p, hint
		}
	case strings.Contains(msg, "tab character") || strings.Contains(msg, "cannot start any token"):
		if p, ok := find(lines, from, indentTab); ok {
			return p, " (indent with spaces: YAML does not allow tabs in indentation)"
		}
	}
	return diag.Pos{Line: max(line, 1), Col: 1}, ""
}

// badByte finds the first byte YAML refuses to read: a control character
// or a byte that is not UTF-8.
func badByte(lines [][]byte) (diag.Pos, string, bool) {
	p, ok := find(lines, 0, controlAt)
	if !ok {
		return p, "", false
	}
	l := lines[p.Line-1]
	r, size := utf8.DecodeRune(l[p.Col-1:])
	if r == utf8.RuneError && size <= 1 {
		return p, fmt.Sprintf(" (byte 0x%02x is not UTF-8 text; save the file as UTF-8)", l[p.Col-1]), true
	}
	return p, fmt.Sprintf(" (remove the invisible control character U+%04X)", r), true
}

// find returns the position on the first line, from the 0-based line
// from on, for which at reports a 0-based offset (at returns -1 for none).
func find(lines [][]byte, from int, at func([]byte) int) (diag.Pos, bool) {
	for i := max(from, 0); i < len(lines); i++ {
		if off := at(lines[i]); off >= 0 {
			return diag.Pos{Line: i + 1, Col: off + 1}, true
		}
	}
	return diag.Pos{}, false
}

// controlAt is the offset of the first character of l that YAML does not
// allow in a document (C0 and C1 controls other than tab, carriage return
// and next line, and DEL), or of the first byte that is not UTF-8.
func controlAt(l []byte) int {
	for off := 0; off < len(l); {
		r, size := utf8.DecodeRune(l[off:])
		if r == utf8.RuneError && size <= 1 || r < 0x20 && r != '\t' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f && r != 0x85 {
			return off
		}
		off += size
	}
	return -1
}

// indentTab is the offset of the first tab among the blanks that start l.
func indentTab(l []byte) int {
	n := len(l) - len(bytes.TrimLeft(l, " \t"))
	return bytes.IndexByte(l[:n], '\t')
}

// aliasAt is the offset of the alias *name in l.
func aliasAt(l []byte, name string) int {
	s := string(l)
	for off := 0; ; {
		i := strings.Index(s[off:], "*"+name)
		if i < 0 {
			return -1
		}
		end := off + i + 1 + len(name)
		if end == len(s) || strings.ContainsRune(" \t\r,]}", rune(s[end])) {
			return off + i
		}
		off += i + 1
	}
}
