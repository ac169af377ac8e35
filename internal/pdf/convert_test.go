package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"testing"
)

// toObjectStreams rewrites a PDF with a classic xref table the way
// `qpdf --object-streams=generate` would, so the reader and the
// metadata writer can be tested on the other layout PDF 1.5 allows: every
// object that is not a stream moves into one object stream, and the file
// ends with a compressed xref stream that uses the PNG Up predictor.
// The body keeps its old bytes, so streams keep their offsets.
func toObjectStreams(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	size := int(f.trailer["Size"].(int64))
	var out bytes.Buffer
	out.Write(data[:f.startxref])
	copy(out.Bytes(), "%PDF-1.5")

	type entry struct{ typ, a, b int }
	entries := map[int]entry{0: {0, 0, 65535}}
	var header, body bytes.Buffer
	var inStm []int
	for n := 1; n < size; n++ {
		obj := f.resolve(ref{n, 0})
		if _, ok := obj.(stream); ok {
			entries[n] = entry{1, int(f.xref[n].offset), 0}
			continue
		}
		fmt.Fprintf(&header, "%d %d ", n, body.Len())
		body.WriteString(format(obj) + "\n")
		entries[n] = entry{2, size, len(inStm)}
		inStm = append(inStm, n)
	}
	entries[size] = entry{1, out.Len(), 0}
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Length %d>>\nstream\n%s%s\nendstream\nendobj\n",
		size, len(inStm), header.Len(), header.Len()+body.Len(), header.Bytes(), body.Bytes())

	entries[size+1] = entry{1, out.Len(), 0}
	var rows []byte
	for n := 0; n <= size+1; n++ {
		e := entries[n]
		rows = append(rows, byte(e.typ), byte(e.a>>24), byte(e.a>>16), byte(e.a>>8), byte(e.a), byte(e.b>>8), byte(e.b))
	}
	z := deflate(t, pngUp(rows, 7))
	trailer := fmt.Sprintf("/Root %s /Info %s", format(f.trailer["Root"]), format(f.trailer["Info"]))
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] %s /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 7>> /Length %d>>\nstream\n",
		size+1, size+2, trailer, len(z))
	out.Write(z)
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", entries[size+1].a)
	return out.Bytes()
}

// pngUp encodes rows of cols bytes with the PNG Up filter.
func pngUp(data []byte, cols int) []byte {
	var out []byte
	prev := make([]byte, cols)
	for i := 0; i < len(data); i += cols {
		row := data[i : i+cols]
		out = append(out, 2)
		for j := range row {
			out = append(out, row[j]-prev[j])
		}
		prev = row
	}
	return out
}

// deflate compresses data with zlib.
func deflate(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// buildPDF writes a PDF with a classic xref table from the bodies of objects
// 1..len(objs) (objs[0] is object 1); object 1 must be the catalog.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, body := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
