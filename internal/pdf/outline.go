package pdf

import (
	"fmt"
)

// Entry is one bookmark of a PDF outline.
type Entry struct {
	Title string
	Level int         // 1 for a top-level bookmark, 2 for its children, ...
	Page  int         // 1-based page the bookmark points to; 0 when it points nowhere
	Dest  Destination // where it points, to point a bookmark of SetOutline there too
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
			dest := f.itemDest(d, pages)
			entries = append(entries, Entry{Title: textString(f.resolve(d["Title"])), Level: level, Page: dest.Page, Dest: dest})
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
