package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
)

// Info is the document information a PDF viewer shows as the file's
// properties (ISO 32000-1, 14.3.3).
type Info struct {
	Title   string // "" keeps the title Chromium took from <title>
	Author  string
	Subject string
	Creator string // "praxis" when empty
}

// SetInfo returns data with an incremental update appended that replaces
// the document information dictionary: the fields of info that are set, the
// other entries of the old dictionary (Producer, CreationDate, ...) kept.
// data itself is not changed, and the update follows the kind of
// cross-reference section the file ends with: a classic xref table after a
// table, an xref stream after a stream, so readers never need the hybrid
// rules of PDF 1.5. Encrypted files are refused.
func SetInfo(data []byte, info Info) ([]byte, error) {
	f, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF to set its metadata: %w", err)
	}
	if f.trailer["Encrypt"] != nil {
		return nil, errors.New("cannot set the metadata of an encrypted PDF")
	}
	size, ok := f.trailer["Size"].(int64)
	if !ok || size <= 0 || size >= 1<<31-2 {
		return nil, fmt.Errorf("%w: trailer has no valid /Size", errSyntax)
	}
	root, ok := f.trailer["Root"].(ref)
	if !ok {
		return nil, fmt.Errorf("%w: trailer /Root is not a reference", errSyntax)
	}
	old, _ := f.resolve(f.trailer["Info"]).(dict)
	u := update{f: f, num: int(size), root: root}
	return u.write(infoDict(old, info)), nil
}

// infoDict formats the new information dictionary: the fields of info that
// are set, over the entries of old. The keys are sorted, so the output is
// deterministic.
func infoDict(old dict, info Info) string {
	if info.Creator == "" {
		info.Creator = "praxis"
	}
	entries := map[name]string{}
	for k, v := range old {
		entries[k] = format(v)
	}
	for k, v := range map[name]string{"Title": info.Title, "Author": info.Author, "Subject": info.Subject, "Creator": info.Creator} {
		if v != "" {
			entries[k] = encodeText(v)
		}
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("<<")
	for _, k := range keys {
		fmt.Fprintf(&b, "\n%s %s", format(name(k)), entries[name(k)])
	}
	b.WriteString("\n>>")
	return b.String()
}

// update appends one incremental update with a new Info object.
type update struct {
	f    *file
	num  int // object number of the new Info dictionary: the old /Size
	root ref
}

// write returns the file with the Info object num, a cross-reference
// section for it, and a trailer that points at it and back at the old
// section with /Prev.
func (u update) write(infoDict string) []byte {
	var b bytes.Buffer
	b.Write(u.f.data)
	if !bytes.HasSuffix(u.f.data, []byte("\n")) && !bytes.HasSuffix(u.f.data, []byte("\r")) {
		b.WriteByte('\n')
	}
	infoOff := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", u.num, infoDict)
	if u.f.xrefIsTable {
		u.table(&b, infoOff)
	} else {
		u.stream(&b, infoOff)
	}
	return b.Bytes()
}

// trailerEntries formats the entries both kinds of trailer share.
func (u update) trailerEntries(size int) string {
	s := fmt.Sprintf("/Size %d\n/Root %s\n/Info %d 0 R\n/Prev %d", size, format(u.root), u.num, u.f.startxref)
	if id, ok := u.f.trailer["ID"].(array); ok {
		s += "\n/ID " + format(id)
	}
	return s
}

// table appends a classic xref section with one entry, and its trailer.
func (u update) table(b *bytes.Buffer, infoOff int) {
	xrefOff := b.Len()
	fmt.Fprintf(b, "xref\n%d 1\n%010d 00000 n \n", u.num, infoOff)
	fmt.Fprintf(b, "trailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n", u.trailerEntries(u.num+1), xrefOff)
}

// stream appends an uncompressed xref stream object (number num+1) with
// entries for the Info object and for itself.
func (u update) stream(b *bytes.Buffer, infoOff int) {
	xrefOff := b.Len()
	w := 1
	for xrefOff>>(8*w) > 0 {
		w++
	}
	var data []byte
	for _, off := range []int{infoOff, xrefOff} {
		data = append(data, 1)
		for i := w - 1; i >= 0; i-- {
			data = append(data, byte(off>>(8*i)))
		}
		data = append(data, 0)
	}
	fmt.Fprintf(b, "%d 0 obj\n<</Type /XRef\n/W [1 %d 1]\n/Index [%d 2]\n%s\n/Length %d>>\nstream\n",
		u.num+1, w, u.num, u.trailerEntries(u.num+2), len(data))
	b.Write(data)
	fmt.Fprintf(b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefOff)
}
