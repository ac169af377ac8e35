package pdf

// Destination is a place in a PDF: a page and a position on it, as a
// bookmark or a link points to it.
type Destination struct {
	Page int    // 1-based; 0 when unknown
	spec string // the explicit destination as PDF syntax, like "[12 0 R /XYZ 0 700 0]"; "" for none
}

// NamedPage returns the 1-based page that the named destination key points
// to, or 0 when the file has no such destination. Chromium writes a named
// destination for each element id that a link in the printed page points
// to, such as the sections a table of contents links to.
func NamedPage(data []byte, key string) (int, error) {
	dests, err := Destinations(data)
	return dests[key].Page, err
}

// Destinations returns every named destination of a PDF by its name: for
// a page Chromium printed, the element ids that links of the page point
// to, such as the sections a table of contents links to and the prompts
// whose number links to itself.
func Destinations(data []byte) (map[string]Destination, error) {
	f, err := parse(data)
	if err != nil {
		return nil, err
	}
	pages, err := f.pages()
	if err != nil {
		return nil, err
	}
	dests := map[string]Destination{}
	for key, v := range f.namedDests() {
		dests[string(key)] = f.destination(v, pages)
	}
	return dests, nil
}

// itemDest returns where an outline item points, through /Dest or a GoTo
// action, following named destinations.
func (f *file) itemDest(item dict, pages map[int]int) Destination {
	dest := f.resolve(item["Dest"])
	if dest == nil {
		if a, ok := f.resolve(item["A"]).(dict); ok && a["S"] == name("GoTo") {
			dest = f.resolve(a["D"])
		}
	}
	return f.destination(dest, pages)
}

// destination resolves a destination: an explicit destination array, or a
// name or string naming one; the zero Destination if there is none.
func (f *file) destination(dest any, pages map[int]int) Destination {
	for range 4 { // a named destination may map to a dictionary with /D
		switch d := f.resolve(dest).(type) {
		case name:
			dest = f.named(str(d))
		case str:
			dest = f.named(d)
		case dict:
			dest = d["D"]
		case array:
			if len(d) > 0 {
				if r, ok := d[0].(ref); ok {
					return Destination{Page: pages[r.num], spec: format(d)}
				}
			}
			return Destination{}
		default:
			return Destination{}
		}
	}
	return Destination{}
}

// named looks up a named destination.
func (f *file) named(key str) any { return f.resolve(f.namedDests()[key]) }

// namedDests returns the named destinations of the file, from the
// catalog's /Dests dictionary (PDF 1.1) and its /Names /Dests name tree,
// the dictionary's winning; it reads them once.
func (f *file) namedDests() map[str]any {
	if f.names != nil {
		return f.names
	}
	f.names = map[str]any{}
	catalog, _ := f.resolve(f.trailer["Root"]).(dict)
	names, _ := f.resolve(catalog["Names"]).(dict)
	f.eachName(names["Dests"], func(key str, v any) {
		if _, ok := f.names[key]; !ok {
			f.names[key] = v
		}
	})
	if d, ok := f.resolve(catalog["Dests"]).(dict); ok {
		for k, v := range d {
			f.names[str(k)] = v
		}
	}
	return f.names
}

// eachName calls fn with every key and value of a name tree (ISO 32000-1,
// 7.9.6), in tree order. A node reached twice is read once.
func (f *file) eachName(root any, fn func(key str, v any)) {
	seen := map[ref]bool{}
	var walk func(node any, depth int)
	walk = func(node any, depth int) {
		if r, ok := node.(ref); ok {
			if seen[r] {
				return
			}
			seen[r] = true
		}
		d, ok := f.resolve(node).(dict)
		if !ok || depth > maxDepth {
			return
		}
		if kv, ok := f.resolve(d["Names"]).(array); ok {
			for i := 0; i+1 < len(kv); i += 2 {
				if k, ok := f.resolve(kv[i]).(str); ok {
					fn(k, kv[i+1])
				}
			}
		}
		kids, _ := f.resolve(d["Kids"]).(array)
		for _, k := range kids {
			walk(k, depth+1)
		}
	}
	walk(root, 0)
}
