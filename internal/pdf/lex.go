package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The PDF object model, as far as this package needs it. A PDF string is a
// str (raw bytes; see textString for decoding), a name is a name without its
// slash, and an indirect reference is a ref.
type (
	name    string
	str     string
	keyword string
	array   []any
	dict    map[name]any
	ref     struct{ num, gen int }
	stream  struct {
		dict dict
		raw  []byte // undecoded bytes between "stream" and "endstream"
	}
)

// maxDepth bounds the nesting of arrays and dictionaries, so a malicious
// file cannot exhaust the stack.
const maxDepth = 64

// errSyntax is wrapped by every error about malformed PDF syntax.
var errSyntax = errors.New("malformed PDF")

// lexer reads PDF tokens and objects from data, starting at pos.
type lexer struct {
	data []byte
	pos  int
}

// errorf returns a syntax error at the current offset.
func (l *lexer) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: offset %d: %s", errSyntax, l.pos, fmt.Sprintf(format, args...))
}

// isSpace reports PDF white space (ISO 32000-1, 7.2.2).
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// isDelim reports PDF delimiters.
func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// token reads one token: an int64, float64, name, str, keyword, or one of
// the delimiters "[", "]", "<<", ">>" as a keyword.
func (l *lexer) token() (any, error) {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return nil, l.errorf("unexpected end of data")
	}
	c := l.data[l.pos]
	switch {
	case c == '/':
		l.pos++
		return l.name(), nil
	case c == '(':
		l.pos++
		return l.literal()
	case c == '<' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '<',
		c == '>' && l.pos+1 < len(l.data) && l.data[l.pos+1] == '>':
		l.pos += 2
		return keyword(l.data[l.pos-2 : l.pos]), nil
	case c == '<':
		l.pos++
		return l.hex()
	case c == '[' || c == ']' || c == '{' || c == '}':
		l.pos++
		return keyword(c), nil
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return l.number()
	}
	start := l.pos
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		l.pos++
	}
	if l.pos == start {
		l.pos++
		return nil, l.errorf("unexpected byte %q", c)
	}
	return keyword(l.data[start:l.pos]), nil
}

// name reads a name after its slash, decoding #xx escapes.
func (l *lexer) name() name {
	var b []byte
	for l.pos < len(l.data) && !isSpace(l.data[l.pos]) && !isDelim(l.data[l.pos]) {
		c := l.data[l.pos]
		if c == '#' && l.pos+2 < len(l.data) {
			if v, err := strconv.ParseUint(string(l.data[l.pos+1:l.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				l.pos += 3
				continue
			}
		}
		b = append(b, c)
		l.pos++
	}
	return name(b)
}

// number reads an integer or a real.
func (l *lexer) number() (any, error) {
	start := l.pos
	l.pos++
	for l.pos < len(l.data) && (l.data[l.pos] >= '0' && l.data[l.pos] <= '9' || l.data[l.pos] == '.') {
		l.pos++
	}
	s := string(l.data[start:l.pos])
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	if s == "-" || s == "+" || s == "." || s == "-." {
		return int64(0), nil // what Acrobat makes of a lone sign
	}
	return nil, l.errorf("bad number %q", s)
}
