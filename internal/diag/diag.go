// Package diag is how praxis reports problems a user can fix.
//
// Every user-facing error is a [*Error]: a source position in the
// `file:line:col` form of go/token.Position, followed by a message that says
// what is wrong and, where possible, how to fix it. A build collects all of
// its errors in a [List] instead of stopping at the first one, so a coach sees
// every broken page at once.
//
// Positions use paths relative to the site root with forward slashes, so the
// same message reads the same on every machine and in golden files.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; a zero Col
// means the column is unknown and a zero Line means the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, file:line or file.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Error is one problem at one position.
type Error struct {
	Pos Pos
	Msg string
	Err error // optional underlying cause, for errors.Is/As
	// Warning marks a problem worth knowing that does not stop a build.
	// Builds carry warnings apart from their errors (see Warn).
	Warning bool
}

// Error formats the problem as "pos: msg", or "pos: warning: msg".
func (e *Error) Error() string {
	msg := e.Msg
	if e.Warning {
		msg = "warning: " + msg
	}
	if e.Pos.File == "" {
		return msg
	}
	return e.Pos.String() + ": " + msg
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Wrap says what was being done when err happened: "reading x: err". An
// err that names its own place (holds a List or a *Error) comes back as
// that List or *Error: its position says where the problem is, and a
// prefix would push it from the start of the line.
func Wrap(err error, format string, args ...any) error {
	var list List
	if errors.As(err, &list) {
		return list
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// List collects errors of one build. The zero value is an empty list ready to
// use. List is not safe for concurrent use; collect per goroutine and Append.
type List []*Error

// Add appends an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, Errorf(pos, format, args...))
}

// Warn appends a warning at pos (see Error.Warning).
func (l *List) Warn(pos Pos, format string, args ...any) {
	e := Errorf(pos, format, args...)
	e.Warning = true
	*l = append(*l, e)
}

// Append adds err to the list. A List or *Error is added element by element;
// any other error is added without a position. Nil is ignored.
func (l *List) Append(err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Msg: err.Error(), Err: err})
}

// Len reports the number of errors.
func (l List) Len() int { return len(l) }

// Sort orders the errors by file, line, column and message, and drops exact
// duplicates, so output is stable across parallel builds.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Error() == s[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Error prints one error per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list and the sorted list otherwise.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Lines converts byte offsets of one source text into line and column
// positions. Columns count bytes, as go/token does.
type Lines struct {
	file  string
	first int   // line number of the text's first byte, for bodies after front matter
	start []int // byte offset at which each line starts
}

// NewLines indexes src, whose first byte is on line firstLine of file.
func NewLines(file string, src []byte, firstLine int) *Lines {
	start := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		start = append(start, i)
	}
	if firstLine < 1 {
		firstLine = 1
	}
	return &Lines{file: file, first: firstLine, start: start}
}

// Pos returns the position of byte offset off.
func (l *Lines) Pos(off int) Pos {
	i := sort.Search(len(l.start), func(i int) bool { return l.start[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{File: l.file, Line: l.first + i, Col: off - l.start[i] + 1}
}

// Suggest returns the candidate closest to word when it is a plausible typo
// (edit distance at most a third of the word, and at least 2), or "".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", max(2, len(word)/3)+1
	for _, c := range candidates {
		if d := distance(strings.ToLower(word), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// NearMiss returns the candidate that word is a plain typo of, or "": one
// letter added, dropped or changed, or two neighbours swapped, or two such
// edits for candidates of eight letters or more; in any case, but never a
// plural ("notes" is no typo of "note"). It is stricter than Suggest, for
// words that may well be meant as they are, like the classes and keys of
// documents written for Pandoc or Quarto, where only a near miss is an
// error.
func NearMiss(word string, candidates []string) string {
	w := strings.ToLower(word)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if w == lc || w == lc+"s" {
			continue
		}
		if d := typoDistance(w, lc); d == 1 || d == 2 && len(lc) >= 8 {
			return c
		}
	}
	return ""
}

// typoDistance is the edit distance of a and b counting a swap of
// neighbours as one edit too, capped at 3.
func typoDistance(a, b string) int {
	if d := len(a) - len(b); d > 2 || d < -2 {
		return 3
	}
	return min(editDistance(a, b, true), 3)
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int { return editDistance(a, b, false) }

// editDistance counts the insertions, deletions and substitutions that
// turn a into b, and with swaps set also swaps of neighbours (optimal
// string alignment).
func editDistance(a, b string, swaps bool) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if swaps && i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
