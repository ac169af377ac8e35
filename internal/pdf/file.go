package pdf

import (
	"bytes"
	"fmt"
)

// file is a parsed PDF: its cross-reference table (all sections, newest
// entry winning) and trailer. Objects are parsed on demand by resolve.
type file struct {
	data    []byte
	xref    map[int]xrefEntry
	trailer dict // of the newest section; for an xref stream, its dictionary

	startxref   int64 // offset of the newest cross-reference section
	xrefIsTable bool  // whether that section is a classic "xref" table

	cache  map[int]any    // parsed objects by number
	objstm map[int][]byte // decoded object streams by number
	names  map[str]any    // named destinations by name, read on first use (see named)
}

// xrefEntry says where object number n lives: at offset in the file, or as
// the index-th object of object stream stm.
type xrefEntry struct {
	offset int64
	gen    int
	inStm  bool
	stm    int
	index  int
	free   bool
}

// maxResolve bounds chains of references (a Length that is a reference to
// an object inside a stream whose Length is a reference ...).
const maxResolve = 32

// parse reads the cross-reference sections of data, from the last startxref
// back through every /Prev.
func parse(data []byte) (*file, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: no %%PDF- header", errSyntax)
	}
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no startxref", errSyntax)
	}
	l := &lexer{data: data, pos: i + len("startxref")}
	tok, err := l.token()
	start, ok := tok.(int64)
	if err != nil || !ok || start <= 0 || start >= int64(len(data)) {
		return nil, fmt.Errorf("%w: startxref is not followed by an offset in the file", errSyntax)
	}
	f := &file{data: data, xref: map[int]xrefEntry{}, cache: map[int]any{}, objstm: map[int][]byte{}, startxref: start}
	seen := map[int64]bool{}
	for off := start; off > 0; {
		if seen[off] || off >= int64(len(data)) {
			return nil, fmt.Errorf("%w: cross-reference section at offset %d is out of range or loops", errSyntax, off)
		}
		seen[off] = true
		trailer, isTable, err := f.section(off)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer, f.xrefIsTable = trailer, isTable
		}
		if stm, ok := trailer["XRefStm"].(int64); ok && isTable && !seen[stm] {
			seen[stm] = true
			if _, _, err := f.section(stm); err != nil {
				return nil, err
			}
		}
		off, _ = trailer["Prev"].(int64)
	}
	return f, nil
}

// section reads the cross-reference section at off, a classic table or an
// xref stream, adds the entries that no newer section set, and returns its
// trailer dictionary.
func (f *file) section(off int64) (dict, bool, error) {
	l := &lexer{data: f.data, pos: int(off)}
	tok, err := l.token()
	if err != nil {
		return nil, false, err
	}
	if tok == keyword("xref") {
		d, err := f.table(l)
		return d, true, err
	}
	obj, err := f.objectAt(off, 0)
	if err != nil {
		return nil, false, err
	}
	s, ok := obj.(stream)
	if !ok || s.dict["Type"] != name("XRef") {
		return nil, false, fmt.Errorf("%w: offset %d: no xref table or xref stream", errSyntax, off)
	}
	return s.dict, false, f.xrefStream(s)
}

// table reads the subsections of a classic xref table and its trailer.
func (f *file) table(l *lexer) (dict, error) {
	for {
		tok, err := l.token()
		if err != nil {
			return nil, err
		}
		if tok == keyword("trailer") {
			if tok, err = l.token(); err != nil || tok != keyword("<<") {
				return nil, l.errorf("trailer is not a dictionary")
			}
			return l.dict(0)
		}
		first, ok1 := tok.(int64)
		next, err := l.token()
		count, ok2 := next.(int64)
		if err != nil || !ok1 || !ok2 || first < 0 || count < 0 || count > int64(len(f.data)) {
			return nil, l.errorf("bad xref subsection header")
		}
		for n := int(first); n < int(first+count); n++ {
			if err := f.tableEntry(l, n); err != nil {
				return nil, err
			}
		}
	}
}

// tableEntry reads one "offset gen n|f" line for object n.
func (f *file) tableEntry(l *lexer, n int) error {
	a, err1 := l.token()
	b, err2 := l.token()
	c, err3 := l.token()
	off, ok1 := a.(int64)
	gen, ok2 := b.(int64)
	if err1 != nil || err2 != nil || err3 != nil || !ok1 || !ok2 || (c != keyword("n") && c != keyword("f")) {
		return l.errorf("bad xref entry for object %d", n)
	}
	if _, ok := f.xref[n]; !ok {
		f.xref[n] = xrefEntry{offset: off, gen: int(gen), free: c == keyword("f")}
	}
	return nil
}

// xrefStream adds the entries of an xref stream (ISO 32000-1, 7.5.8).
func (f *file) xrefStream(s stream) error {
	data, err := f.decode(s)
	if err != nil {
		return err
	}
	w, ok := intArray(s.dict["W"])
	if !ok || len(w) != 3 || w[0] < 0 || w[1] < 0 || w[2] < 0 || w[0] > 8 || w[1] > 8 || w[2] > 8 {
		return fmt.Errorf("%w: xref stream has a bad /W", errSyntax)
	}
	index, ok := intArray(s.dict["Index"])
	if !ok {
		size, _ := s.dict["Size"].(int64)
		index = []int{0, int(size)}
	}
	width := w[0] + w[1] + w[2]
	for i := 0; i+1 < len(index); i += 2 {
		for n := index[i]; n < index[i]+index[i+1]; n++ {
			if width == 0 || len(data) < width {
				return fmt.Errorf("%w: xref stream is shorter than its /Index says", errSyntax)
			}
			f.streamEntry(n, data[:width], w)
			data = data[width:]
		}
	}
	return nil
}

// streamEntry decodes one binary xref stream entry for object n.
func (f *file) streamEntry(n int, b []byte, w []int) {
	typ := int64(1) // the default when the first field has width 0
	if w[0] > 0 {
		typ = beInt(b[:w[0]])
	}
	x, y := beInt(b[w[0]:w[0]+w[1]]), beInt(b[w[0]+w[1]:])
	if _, ok := f.xref[n]; ok {
		return
	}
	switch typ {
	case 0:
		f.xref[n] = xrefEntry{free: true}
	case 1:
		f.xref[n] = xrefEntry{offset: x, gen: int(y)}
	case 2:
		f.xref[n] = xrefEntry{inStm: true, stm: int(x), index: int(y)}
	}
}

// beInt decodes a big-endian unsigned integer.
func beInt(b []byte) int64 {
	var v int64
	for _, c := range b {
		v = v<<8 | int64(c)
	}
	return v
}

// intArray converts an array of integers.
func intArray(v any) ([]int, bool) {
	a, ok := v.(array)
	if !ok {
		return nil, false
	}
	out := make([]int, len(a))
	for i, x := range a {
		n, ok := x.(int64)
		if !ok || n < 0 || n > 1<<31 {
			return nil, false
		}
		out[i] = int(n)
	}
	return out, true
}

// objectAt parses the indirect object "n g obj ... endobj" at off, with its
// stream data if it has any. depth counts nested resolves.
func (f *file) objectAt(off int64, depth int) (any, error) {
	l := &lexer{data: f.data, pos: int(off)}
	n, err1 := l.token()
	g, err2 := l.token()
	kw, err3 := l.token()
	if _, ok := n.(int64); !ok || err1 != nil || err2 != nil || err3 != nil || kw != keyword("obj") {
		return nil, fmt.Errorf("%w: offset %d: no \"n %v obj\"", errSyntax, off, g)
	}
	obj, err := l.object(0)
	if err != nil {
		return nil, err
	}
	d, ok := obj.(dict)
	if !ok {
		return obj, nil
	}
	save := l.pos
	if tok, err := l.token(); err != nil || tok != keyword("stream") {
		l.pos = save
		return obj, nil
	}
	raw, err := f.streamData(l, d, depth)
	if err != nil {
		return nil, err
	}
	return stream{dict: d, raw: raw}, nil
}

// streamData returns the bytes after the "stream" keyword: /Length bytes when
// /Length is right, otherwise everything up to "endstream".
func (f *file) streamData(l *lexer, d dict, depth int) ([]byte, error) {
	if l.pos < len(f.data) && f.data[l.pos] == '\r' {
		l.pos++
	}
	if l.pos < len(f.data) && f.data[l.pos] == '\n' {
		l.pos++
	}
	start := l.pos
	length, _ := f.resolveDepth(d["Length"], depth+1).(int64)
	if end := int64(start) + length; length >= 0 && end <= int64(len(f.data)) {
		rest := bytes.TrimLeft(f.data[end:], "\r\n \t")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			return f.data[start:end], nil
		}
	}
	i := bytes.Index(f.data[start:], []byte("endstream"))
	if i < 0 {
		return nil, fmt.Errorf("%w: offset %d: stream without endstream", errSyntax, start)
	}
	return bytes.TrimRight(f.data[start:start+i], "\r\n"), nil
}

// resolve follows v if it is a reference; a reference to a missing or free
// object is null, as ISO 32000-1 7.3.10 says.
func (f *file) resolve(v any) any { return f.resolveDepth(v, 0) }

// resolveDepth is resolve with a bound on nested resolves.
func (f *file) resolveDepth(v any, depth int) any {
	r, ok := v.(ref)
	if !ok {
		return v
	}
	if obj, ok := f.cache[r.num]; ok {
		return obj
	}
	if depth > maxResolve {
		return nil
	}
	obj, err := f.load(r, depth)
	if err != nil {
		obj = nil
	}
	f.cache[r.num] = obj
	return obj
}

// load parses the object r points to.
func (f *file) load(r ref, depth int) (any, error) {
	e, ok := f.xref[r.num]
	if !ok || e.free {
		return nil, nil
	}
	if !e.inStm {
		return f.objectAt(e.offset, depth)
	}
	return f.fromObjStm(e.stm, e.index, depth)
}

// fromObjStm parses the index-th object of object stream number stm
// (ISO 32000-1, 7.5.7).
func (f *file) fromObjStm(stm, index, depth int) (any, error) {
	data, ok := f.objstm[stm]
	s, isStream := f.resolveDepth(ref{stm, 0}, depth+1).(stream)
	if !ok {
		if !isStream || s.dict["Type"] != name("ObjStm") {
			return nil, fmt.Errorf("%w: object %d is not an object stream", errSyntax, stm)
		}
		var err error
		if data, err = f.decode(s); err != nil {
			return nil, err
		}
		f.objstm[stm] = data
	}
	first, _ := s.dict["First"].(int64)
	l := &lexer{data: data}
	var off int64
	for i := 0; i <= index; i++ {
		_, err1 := l.token()
		o, err2 := l.token()
		var isInt bool
		if off, isInt = o.(int64); err1 != nil || err2 != nil || !isInt {
			return nil, fmt.Errorf("%w: object stream %d has a bad header", errSyntax, stm)
		}
	}
	if first < 0 || first+off < 0 || first+off >= int64(len(data)) {
		return nil, fmt.Errorf("%w: object stream %d: offset out of range", errSyntax, stm)
	}
	l.pos = int(first + off)
	return l.object(0)
}
