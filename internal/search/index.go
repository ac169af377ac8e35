package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// File is the address of the search index in an edition's folder.
const File = "search-index.js"

// Index is the search index of one edition.
type Index struct {
	Workbook string // the workbook's id
	Edition  string
	Chapters []string // titles, in reading order
	Pages    []Page   // in reading order
	Prompts  []Prompt // in reading order
}

// Page is one page of the index.
type Page struct {
	URL         string // the page's file from the edition's root
	Title       string
	Chapter     int    // index into Index.Chapters, or -1 (see the package doc)
	Description string // from the front matter: searched with the page's top
	Sections    []Section
}

// Prompt is one prompt of the index.
type Prompt struct {
	Page       int // index into Index.Pages
	ID, Number string
	Text       string
}

// Script returns search-index.js, which sets window.praxisSearch to x
// (see the package doc).
func (x *Index) Script() ([]byte, error) {
	pages := make([][]any, len(x.Pages))
	words := make([][]string, len(x.Pages)) // each page's top, then its sections' words
	for i, p := range x.Pages {
		top, secs := "", [][]string{}
		for j, s := range p.Sections {
			if j == 0 && s.ID == "" {
				top = s.Words
				continue
			}
			secs = append(secs, []string{s.ID, s.Title, ""})
			words[i] = append(words[i], s.Words)
		}
		if p.Description != "" {
			top = union(Words(p.Description), top)
		}
		words[i] = append([]string{top}, words[i]...)
		pages[i] = []any{p.URL, p.Title, p.Chapter, "", secs}
	}
	vocab, ids := dictionary(words)
	for i := range pages {
		pages[i][3] = encode(words[i][0], ids)
		for j, sec := range pages[i][4].([][]string) {
			sec[2] = encode(words[i][j+1], ids)
		}
	}
	prompts := make([][]any, len(x.Prompts))
	for i, pr := range x.Prompts {
		prompts[i] = []any{pr.Page, pr.ID, pr.Number, pr.Text}
	}
	chapters := x.Chapters
	if chapters == nil {
		chapters = []string{}
	}
	var buf bytes.Buffer
	buf.WriteString("window.praxisSearch = ")
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // a script file, never inside HTML: "<" is safe and shorter
	err := enc.Encode(map[string]any{"workbook": x.Workbook, "edition": x.Edition,
		"chapters": chapters, "words": vocab, "pages": pages, "prompts": prompts})
	if err != nil {
		return nil, err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	buf.WriteString(";\n")
	return buf.Bytes(), nil
}

// dictionary lists every word of lists (each a Section.Words) once, the
// most frequent first, so that they get the shortest numbers, and returns
// each word's number.
func dictionary(lists [][]string) ([]string, map[string]int) {
	count := map[string]int{}
	for _, l := range lists {
		for _, words := range l {
			for _, w := range strings.Fields(words) {
				count[w]++
			}
		}
	}
	vocab := make([]string, 0, len(count))
	for w := range count {
		vocab = append(vocab, w)
	}
	slices.SortFunc(vocab, func(a, b string) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	ids := make(map[string]int, len(vocab))
	for i, w := range vocab {
		ids[w] = i
	}
	return vocab, ids
}

// encode writes words as their numbers in ids, in base 36, separated by
// spaces.
func encode(words string, ids map[string]int) string {
	var b []byte
	for _, w := range strings.Fields(words) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(ids[w]), 36)
	}
	return string(b)
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
