package pdf

import (
	"fmt"
)

// Entry is one bookmark of a PDF outline.
type Entry struct {
	Title string
	Level int // 1 for a top-level bookmark, 2 for its children, ...
	Page  int // 1-based page the bookmark points to; 0 when it points nowhere
}

// maxPages bounds the page tree walk; more than any workbook has.
const maxPages = 1 << 20

// Outline returns the bookmarks of a PDF in document order, as Chromium
// writes them for the headings of a page printed with a document outline.
// A file without bookmarks has an empty outline and no error.
func Outline(data []byte) ([]Entry, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	pages, err := f.pages()
	if err != nil {
		return nil, err
	}
	catalog, _ := f.resolve(f.trailer["Root"]).(dict)
	outlines, _ := f.resolve(catalog["Outlines"]).(dict)
	var entries []Entry
	seen := map[ref]bool{}
	var walk func(first any, level int) error
	walk = func(item any, level int) error {
		for item != nil {
			r, isRef := item.(ref)
			if !isRef || seen[r] || level > maxDepth {
				return fmt.Errorf("%w: outline item %v is not a fresh reference", errSyntax, item)
			}
			seen[r] = true
			d, _ := f.resolve(r).(dict)
			entries = append(entries, Entry{Title: textString(f.resolve(d["Title"])), Level: level, Page: f.destPage(d, pages)})
			if err := walk(d["First"], level+1); err != nil {
				return err
			}
			item = d["Next"]
		}
		return nil
	}
	if err := walk(outlines["First"], 1); err != nil {
		return nil, err
	}
	return entries, nil
}

// PageCount returns the number of pages of a PDF.
func PageCount(data []byte) (int, error) {
	f, err := parse(data)
	if err != nil {
		return 0, err
	}
	pages, err := f.pages()
	return len(pages), err
}

// pages walks the page tree and returns each page's object number mapped to
// its 1-based page number.
func (f *file) pages() (map[int]int, error) {
	catalog, ok := f.resolve(f.trailer["Root"]).(dict)
	if !ok {
		return nil, fmt.Errorf("%w: trailer /Root is not a dictionary", errSyntax)
	}
	pages := map[int]int{}
	seen := map[int]bool{}
	var walk func(node any, depth int) error
	walk = func(node any, depth int) error {
		r, ok := node.(ref)
		if !ok || seen[r.num] || depth > maxDepth || len(seen) > maxPages {
			return fmt.Errorf("%w: page tree node %v is not a fresh reference", errSyntax, node)
		}
		seen[r.num] = true
		d, _ := f.resolve(r).(dict)
		if d["Type"] == name("Page") || d["Kids"] == nil {
			pages[r.num] = len(pages) + 1
			return nil
		}
		kids, _ := f.resolve(d["Kids"]).(array)
		for _, k := range kids {
			if err := walk(k, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return pages, walk(catalog["Pages"], 0)
}

// NamedPage returns the 1-based page that the named destination key points
// to, or 0 when the file has no such destination. Chromium writes a named
// destination for each element id that a link in the printed page points
// to, such as the sections a table of contents links to.
func NamedPage(data []byte, key string) (int, error) {
	f, err := parse(data)
	if err != nil {
		return 0, err
	}
	pages, err := f.pages()
	if err != nil {
		return 0, err
	}
	return f.pageOf(str(key), pages), nil
}

// destPage returns the page number an outline item points to, through /Dest
// or a GoTo action, following named destinations; 0 if none.
func (f *file) destPage(item dict, pages map[int]int) int {
	dest := f.resolve(item["Dest"])
	if dest == nil {
		if a, ok := f.resolve(item["A"]).(dict); ok && a["S"] == name("GoTo") {
			dest = f.resolve(a["D"])
		}
	}
	return f.pageOf(dest, pages)
}

// pageOf returns the page number a destination points to: an explicit
// destination array, or a name or string naming one; 0 if none.
func (f *file) pageOf(dest any, pages map[int]int) int {
	for range 3 { // a named destination may map to a dictionary with /D
		switch d := dest.(type) {
		case name:
			dest = f.named(str(d))
		case str:
			dest = f.named(d)
		case dict:
			dest = f.resolve(d["D"])
		case array:
			if len(d) > 0 {
				if r, ok := d[0].(ref); ok {
					return pages[r.num]
				}
			}
			return 0
		default:
			return 0
		}
	}
	return 0
}

// named looks up a named destination: in the catalog's /Dests dictionary
// (PDF 1.1) or its /Names /Dests name tree.
func (f *file) named(key str) any {
	catalog, _ := f.resolve(f.trailer["Root"]).(dict)
	if dests, ok := f.resolve(catalog["Dests"]).(dict); ok {
		if v, ok := dests[name(key)]; ok {
			return f.resolve(v)
		}
	}
	names, _ := f.resolve(catalog["Names"]).(dict)
	return f.nameTree(f.resolve(names["Dests"]), key, 0)
}

// nameTree finds key in a name tree (ISO 32000-1, 7.9.6).
func (f *file) nameTree(node any, key str, depth int) any {
	d, ok := node.(dict)
	if !ok || depth > maxDepth {
		return nil
	}
	if kv, ok := f.resolve(d["Names"]).(array); ok {
		for i := 0; i+1 < len(kv); i += 2 {
			if k, _ := f.resolve(kv[i]).(str); k == key {
				return f.resolve(kv[i+1])
			}
		}
	}
	kids, _ := f.resolve(d["Kids"]).(array)
	for _, k := range kids {
		if v := f.nameTree(f.resolve(k), key, depth+1); v != nil {
			return v
		}
	}
	return nil
}
