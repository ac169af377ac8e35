package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/addresses"
)

// File is the address of the search index in an edition's folder.
const File = addresses.SearchIndex

// Page is what the index holds of one page.
type Page struct {
	URL         string // the page's file from the edition's root
	Title       string
	Chapter     string // the chapter's title, or "" (see the package doc)
	Description string // from the front matter: searched with the page's top
	Sections    []Section
	Prompts     []Prompt
}

// Prompt is one prompt of a page.
type Prompt struct {
	ID, Number, Text string
}

// Writer writes search-index.js one page at a time, in reading order, so
// that no part of a big workbook's index is held whole but the list of
// its distinct words.
type Writer struct {
	w        *bufio.Writer
	pages    int
	chapters map[string]int // by title, numbered as they first come
	titles   []string
	ids      map[string]int // every word's number, as they first come
	words    []string
	buf      bytes.Buffer // one page, encoded
	enc      *json.Encoder
	err      error
}

// NewWriter starts the index of an edition of the workbook with id
// workbook on w.
func NewWriter(w io.Writer, workbook, edition string) *Writer {
	x := &Writer{w: bufio.NewWriter(w), chapters: map[string]int{}, titles: []string{}, ids: map[string]int{}, words: []string{}}
	x.enc = json.NewEncoder(&x.buf)
	x.enc.SetEscapeHTML(false) // a script file, never inside HTML: "<" is safe and shorter
	x.put("window.praxisSearch = {")
	x.field("workbook", workbook, ",")
	x.field("edition", edition, `,"pages":[`)
	return x
}

// Page adds page p to the index.
func (x *Writer) Page(p Page) {
	if x.pages > 0 {
		x.put(",")
	}
	x.pages++
	ch := -1
	if p.Chapter != "" {
		n, ok := x.chapters[p.Chapter]
		if !ok {
			n = len(x.titles)
			x.chapters[p.Chapter] = n
			x.titles = append(x.titles, p.Chapter)
		}
		ch = n
	}
	top, secs := "", [][]string{}
	for i, s := range p.Sections {
		if i == 0 && s.ID == "" {
			top = s.Words
			continue
		}
		secs = append(secs, []string{s.ID, s.Title, x.numbers(s.Words)})
	}
	if p.Description != "" {
		top = union(wordsOf(p.Description), top)
	}
	prompts := make([][]string, len(p.Prompts))
	for i, pr := range p.Prompts {
		prompts[i] = []string{pr.ID, pr.Number, pr.Text}
	}
	x.value([]any{p.URL, p.Title, ch, x.numbers(top), secs, prompts}, "")
}

// Close ends the index with the chapters' titles and the words, and
// reports the first error of writing it.
func (x *Writer) Close() error {
	x.put(`],"chapters":`)
	x.value(x.titles, `,"words":`)
	x.value(x.words, "};\n")
	if x.err == nil {
		x.err = x.w.Flush()
	}
	return x.err
}

// numbers returns words, each a word of the index, as their numbers in
// base 36, separated by spaces, numbering words the index has not seen
// yet. Words come in reading order, so the common ones, which come early,
// get short numbers.
func (x *Writer) numbers(words string) string {
	var b []byte
	for _, w := range strings.Fields(words) {
		n, ok := x.ids[w]
		if !ok {
			n = len(x.words)
			x.ids[w] = n
			x.words = append(x.words, w)
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(n), 36)
	}
	return string(b)
}

// field writes "key":value and then after.
func (x *Writer) field(key string, v any, after string) {
	x.put(strconv.Quote(key) + ":")
	x.value(v, after)
}

// value writes v as JSON and then after.
func (x *Writer) value(v any, after string) {
	x.buf.Reset()
	if err := x.enc.Encode(v); err != nil && x.err == nil {
		x.err = err
	}
	x.buf.Truncate(max(0, x.buf.Len()-1)) // Encode's newline
	x.buf.WriteString(after)
	if _, err := x.w.Write(x.buf.Bytes()); err != nil && x.err == nil {
		x.err = err
	}
}

func (x *Writer) put(s string) {
	if _, err := x.w.WriteString(s); err != nil && x.err == nil {
		x.err = err
	}
}

// union returns the words of a and then those of b that a lacks.
func union(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	seen := map[string]bool{}
	list := strings.Fields(a)
	for _, w := range list {
		seen[w] = true
	}
	for _, w := range strings.Fields(b) {
		if !seen[w] {
			list = append(list, w)
		}
	}
	return strings.Join(list, " ")
}
