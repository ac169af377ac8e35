package pdf

import (
	"bytes"
	"errors"
	"fmt"
)

// object is an indirect object that an incremental update adds, or
// replaces when an object with its number exists.
type object struct {
	num  int
	gen  int
	body string // the object's value as PDF syntax
}

// maxObjects bounds the object numbers of a file praxis updates.
const maxObjects = 1<<31 - 1<<20

// updatable checks that f can take an incremental update and returns its
// /Size, the first free object number.
func (f *file) updatable() (int, error) {
	if f.trailer["Encrypt"] != nil {
		return 0, errors.New("cannot update an encrypted PDF")
	}
	size, ok := f.trailer["Size"].(int64)
	if !ok || size <= 0 || size >= maxObjects {
		return 0, fmt.Errorf("%w: trailer has no valid /Size", errSyntax)
	}
	if _, ok := f.trailer["Root"].(ref); !ok {
		return 0, fmt.Errorf("%w: trailer /Root is not a reference", errSyntax)
	}
	return int(size), nil
}

// appendUpdate returns the file with objs appended as one incremental
// update (ISO 32000-1, 7.5.6): the objects, a cross-reference section of
// the kind the file ends with (a classic table after a table, an xref
// stream after a stream, so readers never need the hybrid rules of PDF
// 1.5) and a trailer that points back at the old section with /Prev and
// names info as the document information (nil: the file's own). f.data
// itself is not changed. f must be updatable.
func (f *file) appendUpdate(objs []object, info any) []byte {
	var b bytes.Buffer
	b.Write(f.data)
	if !bytes.HasSuffix(f.data, []byte("\n")) && !bytes.HasSuffix(f.data, []byte("\r")) {
		b.WriteByte('\n')
	}
	size, _ := f.updatable()
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d %d obj\n%s\nendobj\n", o.num, o.gen, o.body)
		size = max(size, o.num+1)
	}
	if info == nil {
		info = f.trailer["Info"]
	}
	if f.xrefIsTable {
		f.xrefTable(&b, objs, offsets, f.trailerEntries(size, info))
	} else {
		f.xrefStreamUpdate(&b, objs, offsets, size, info)
	}
	return b.Bytes()
}

// trailerEntries formats the entries both kinds of trailer share.
func (f *file) trailerEntries(size int, info any) string {
	s := fmt.Sprintf("/Size %d\n/Root %s", size, format(f.trailer["Root"]))
	if info != nil {
		s += "\n/Info " + format(info)
	}
	s += fmt.Sprintf("\n/Prev %d", f.startxref)
	if id, ok := f.trailer["ID"].(array); ok {
		s += "\n/ID " + format(id)
	}
	return s
}

// xrefTable appends a classic xref section with one subsection per
// object, and its trailer.
func (f *file) xrefTable(b *bytes.Buffer, objs []object, offsets []int, trailer string) {
	xrefOff := b.Len()
	b.WriteString("xref\n")
	for i, o := range objs {
		fmt.Fprintf(b, "%d 1\n%010d %05d n \n", o.num, offsets[i], o.gen)
	}
	fmt.Fprintf(b, "trailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n", trailer, xrefOff)
}

// xrefStreamUpdate appends an uncompressed xref stream object, numbered
// size, with entries for objs and for itself.
func (f *file) xrefStreamUpdate(b *bytes.Buffer, objs []object, offsets []int, size int, info any) {
	xrefOff := b.Len()
	w := 1
	for xrefOff>>(8*w) > 0 {
		w++
	}
	var data []byte
	var index []any
	entry := func(num, off, gen int) {
		index = append(index, int64(num), int64(1))
		data = append(data, 1)
		for i := w - 1; i >= 0; i-- {
			data = append(data, byte(off>>(8*i)))
		}
		data = append(data, byte(gen>>8), byte(gen))
	}
	for i, o := range objs {
		entry(o.num, offsets[i], o.gen)
	}
	entry(size, xrefOff, 0)
	fmt.Fprintf(b, "%d 0 obj\n<</Type /XRef\n/W [1 %d 2]\n/Index %s\n%s\n/Length %d>>\nstream\n",
		size, w, format(array(index)), f.trailerEntries(size+1, info), len(data))
	b.Write(data)
	fmt.Fprintf(b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefOff)
}
