package pdf

import (
	"fmt"
	"strings"
)

// Bookmark is one entry of the outline SetOutline writes.
type Bookmark struct {
	Title string
	Level int         // 1 for a top-level bookmark, 2 for its children, ...
	Dest  Destination // where it points: from Outline or Destinations
	Open  bool        // its children show when the file is opened
}

// outlineItem is a bookmark placed in the tree. Relations are indexes
// into the list of items, -1 for none (for parent: the outline root).
type outlineItem struct {
	Bookmark
	parent, prev, next, first, last int
	visible                         int // descendants shown when it is open
}

// SetOutline returns data with an incremental update appended that
// replaces the document outline (the bookmarks a PDF viewer shows beside
// the pages) by marks, in order: a bookmark's children are the bookmarks
// after it of a deeper level, up to the next one of its level or higher.
// Bookmarks without a destination are left out, and so are their
// children. The viewer is asked to show the outline when it opens the file.
// data itself is not changed; encrypted files are refused.
func SetOutline(data []byte, marks []Bookmark) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF to write its bookmarks: %w", err)
	}
	size, err := f.updatable()
	if err != nil {
		return nil, err
	}
	root := f.trailer["Root"].(ref) // updatable checked it
	catalog, ok := f.resolve(root).(dict)
	if !ok {
		return nil, fmt.Errorf("%w: the document catalog is not a dictionary", errSyntax)
	}
	items, top := placeBookmarks(marks)
	num := func(i int) int { return size + 1 + i } // the outline root is size
	objs := make([]object, 0, len(items)+2)
	objs = append(objs, object{num: size, body: outlineRoot(items, top, num)})
	for i := range items {
		objs = append(objs, object{num: num(i), body: itemDict(items[i], size, num)})
	}
	newCatalog := dict{}
	for k, v := range catalog {
		newCatalog[k] = v
	}
	newCatalog["Outlines"] = ref{num: size}
	newCatalog["PageMode"] = name("UseOutlines")
	objs = append(objs, object{num: root.num, gen: root.gen, body: format(newCatalog)})
	return f.appendUpdate(objs, nil), nil
}

// placeBookmarks puts the bookmarks that have a destination into a tree
// and returns its items and the indexes of the top-level ones.
func placeBookmarks(marks []Bookmark) (items []outlineItem, top []int) {
	var stack []int // the open ancestors of the next item
	skip := 0       // the level under which bookmarks are left out; 0 for none
	for _, m := range marks {
		if skip > 0 && m.Level > skip {
			continue
		}
		skip = 0
		if m.Dest.spec == "" {
			skip = m.Level
			continue
		}
		for len(stack) > 0 && items[stack[len(stack)-1]].Level >= m.Level {
			stack = stack[:len(stack)-1]
		}
		i := len(items)
		it := outlineItem{Bookmark: m, parent: -1, prev: -1, next: -1, first: -1, last: -1}
		if len(stack) > 0 {
			p := stack[len(stack)-1]
			it.parent, it.prev = p, items[p].last
			if items[p].first < 0 {
				items[p].first = i
			}
			items[p].last = i
		} else if len(top) > 0 {
			it.prev = top[len(top)-1]
		}
		if it.prev >= 0 {
			items[it.prev].next = i
		}
		if it.parent < 0 {
			top = append(top, i)
		}
		items = append(items, it)
		stack = append(stack, i)
	}
	for i := len(items) - 1; i >= 0; i-- { // children come after their parent
		if p := items[i].parent; p >= 0 {
			items[p].visible += 1 + shown(items[i])
		}
	}
	return items, top
}

// shown is how many descendants of an item show when the file opens.
func shown(it outlineItem) int {
	if it.Open {
		return it.visible
	}
	return 0
}

// outlineRoot formats the outline dictionary (ISO 32000-1, 12.3.3); num
// gives the object number of an item.
func outlineRoot(items []outlineItem, top []int, num func(int) int) string {
	if len(top) == 0 {
		return "<</Type /Outlines /Count 0>>"
	}
	count := 0
	for _, i := range top {
		count += 1 + shown(items[i])
	}
	return fmt.Sprintf("<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>", num(top[0]), num(top[len(top)-1]), count)
}

// itemDict formats an outline item dictionary; root is the object number
// of the outline root and num gives the object number of an item.
func itemDict(it outlineItem, root int, num func(int) int) string {
	var b strings.Builder
	parent := root
	if it.parent >= 0 {
		parent = num(it.parent)
	}
	fmt.Fprintf(&b, "<</Title %s /Parent %d 0 R /Dest %s", encodeText(it.Title), parent, it.Dest.spec)
	if it.prev >= 0 {
		fmt.Fprintf(&b, " /Prev %d 0 R", num(it.prev))
	}
	if it.next >= 0 {
		fmt.Fprintf(&b, " /Next %d 0 R", num(it.next))
	}
	if it.first >= 0 {
		count := it.visible
		if !it.Open {
			count = -count
		}
		fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", num(it.first), num(it.last), count)
	}
	b.WriteString(">>")
	return b.String()
}
