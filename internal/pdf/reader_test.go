package pdf

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	rscpdf "rsc.io/pdf"
)

// chromiumPDF returns the bytes of a real Chromium print of workbookHTML,
// stored by `go test ./internal/pdf -run TestPrintA4 -update`.
func chromiumPDF(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/workbook.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// layouts returns the stored Chromium PDF in both cross-reference layouts.
func layouts(t *testing.T) map[string][]byte {
	t.Helper()
	raw := chromiumPDF(t)
	return map[string][]byte{"xref table": raw, "object streams": toObjectStreams(t, raw)}
}

func TestOutlineOfChromiumPDF(t *testing.T) {
	for layout, data := range layouts(t) {
		got, err := Outline(data)
		if err != nil || !reflect.DeepEqual(pagesOnly(got), wantOutline) {
			t.Errorf("%s: Outline = %+v, %v; want %+v", layout, got, err, wantOutline)
		}
		if n, err := PageCount(data); n != 3 || err != nil {
			t.Errorf("%s: PageCount = %d, %v; want 3", layout, n, err)
		}
	}
}

// TestOutlineAgreesWithRSCPDF checks the reader against rsc.io/pdf, which
// reads titles (not pages) and is an independent implementation.
func TestOutlineAgreesWithRSCPDF(t *testing.T) {
	for layout, data := range layouts(t) {
		r, err := rscpdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: rsc.io/pdf: %v", layout, err)
		}
		var want []string
		var walk func(o rscpdf.Outline)
		walk = func(o rscpdf.Outline) {
			for _, c := range o.Child {
				want = append(want, c.Title)
				walk(c)
			}
		}
		walk(r.Outline())
		got, _ := Outline(data)
		var titles []string
		for _, e := range got {
			titles = append(titles, e.Title)
		}
		if !reflect.DeepEqual(titles, want) {
			t.Errorf("%s: titles %q; rsc.io/pdf reads %q", layout, titles, want)
		}
	}
}

// pagesOnly returns entries without their destinations but for the page,
// for comparing with what a print must give, wherever on its page a
// heading lands.
func pagesOnly(entries []Entry) []Entry {
	out := slices.Clone(entries)
	for i := range out {
		out[i].Dest = Destination{}
	}
	return out
}

func TestObjectStreamLayoutIsValid(t *testing.T) {
	data := toObjectStreams(t, chromiumPDF(t))
	f, err := parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if f.xrefIsTable {
		t.Fatalf("converted file still ends with an xref table")
	}
	if e := f.xref[1]; !e.inStm {
		t.Fatalf("object 1 is at %+v; want it inside the object stream", e)
	}
	info := poppler(t, "pdfinfo", data)
	if got := infoField(info, "Pages"); got != "3" {
		t.Fatalf("pdfinfo of the converted file: Pages = %q; want 3\n%s", got, info)
	}
}

func TestMalformedInputIsAnError(t *testing.T) {
	raw := chromiumPDF(t)
	tests := map[string][]byte{
		"empty":            nil,
		"not a pdf":        []byte("hello"),
		"no startxref":     []byte("%PDF-1.4\n1 0 obj <<>> endobj\n"),
		"startxref beyond": []byte("%PDF-1.4\nstartxref\n999999\n%%EOF\n"),
		"truncated":        raw[:len(raw)/2],
		"xref garbage":     append(append([]byte{}, raw[:len(raw)-40]...), []byte("startxref\n12\n%%EOF\n")...),
		"page tree loop":   buildPDF("<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [2 0 R]>>"),
		"prev loop":        []byte("%PDF-1.4\nxref\n0 0\ntrailer\n<</Size 1 /Root 1 0 R /Prev 9>>\nstartxref\n9\n%%EOF\n"),
		"deep nesting":     buildPDF(strings.Repeat("[", 10000)),
	}
	for label, data := range tests {
		if _, err := Outline(data); err == nil {
			t.Errorf("Outline(%s) = nil error; want one", label)
		}
		if _, err := PageCount(data); err == nil {
			t.Errorf("PageCount(%s) = nil error; want one", label)
		}
		if _, err := Destinations(data); err == nil {
			t.Errorf("Destinations(%s) = nil error; want one", label)
		}
		if label == "page tree loop" || label == "deep nesting" {
			continue // SetInfo reads neither the pages nor the catalog
		}
		if _, err := SetInfo(data, Info{Author: "x"}); err == nil {
			t.Errorf("SetInfo(%s) = nil error; want one", label)
		}
	}
}

// FuzzOutline checks that no input makes the reader panic or hang.
func FuzzOutline(f *testing.F) {
	raw, err := os.ReadFile("testdata/workbook.pdf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte("%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Root 1 0 R/Size 1/Prev 9>>\nstartxref\n9\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Outline(data)
		_, _ = PageCount(data)
		_, _ = SetInfo(data, Info{Title: "t"})
		_, _ = Destinations(data)
		if entries, err := Outline(data); err == nil && len(entries) > 0 {
			_, _ = SetOutline(data, []Bookmark{{Title: "t", Level: 1, Dest: entries[0].Dest}})
		}
	})
}

// outlinePDF is a catalog (1), a page tree (2) with pages 3 and 4, and an
// outline (5) whose items start at object 6; items are the item bodies.
func outlinePDF(catalogExtra string, items ...string) []byte {
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R /Outlines 5 0 R " + catalogExtra + ">>",
		"<</Type /Pages /Kids [3 0 R 4 0 R] /Count 2>>",
		"<</Type /Page /Parent 2 0 R>>",
		"<</Type /Page /Parent 2 0 R>>",
		"<</Type /Outlines /First 6 0 R>>",
	}
	return buildPDF(append(objs, items...)...)
}

func TestOutlineDestinations(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		want  []Entry
		isErr bool
	}{
		{"explicit dest and GoTo action",
			outlinePDF("", "<</Title (A) /Dest [4 0 R /Fit] /Next 7 0 R>>", "<</Title (B) /A <</S /GoTo /D [3 0 R /XYZ 0 0 0]>>>>"),
			[]Entry{{"A", 1, 2, Destination{2, "[4 0 R /Fit]"}}, {"B", 1, 1, Destination{1, "[3 0 R /XYZ 0 0 0]"}}}, false},
		{"named dests in the catalog and in a name tree",
			outlinePDF("/Dests <</two [4 0 R /Fit]>> /Names <</Dests 9 0 R>>",
				"<</Title (A) /Dest /two /Next 7 0 R>>", "<</Title (B) /Dest (one) /First 8 0 R>>",
				"<</Title <FEFF00DC0062> /Dest (nowhere)>>",
				"<</Kids [10 0 R]>>", "<</Names [(one) <</D [3 0 R /Fit]>>]>>"),
			[]Entry{{"A", 1, 2, Destination{2, "[4 0 R /Fit]"}}, {"B", 1, 1, Destination{1, "[3 0 R /Fit]"}}, {"Üb", 2, 0, Destination{}}}, false},
		{"no outline", buildPDF("<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R]>>", "<</Type /Page>>"), nil, false},
		{"next loop", outlinePDF("", "<</Title (A) /Next 6 0 R>>"), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Outline(tt.data)
			if (err != nil) != tt.isErr || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Outline = %+v, %v; want %+v (error: %v)\n%s", got, err, tt.want, tt.isErr, tt.data)
			}
		})
	}
}

func TestNamedPage(t *testing.T) {
	data := outlinePDF("/Dests <</two [4 0 R /Fit]>> /Names <</Dests 7 0 R>>",
		"<</Title (A) /Dest /two>>", "<</Kids [8 0 R]>>", "<</Names [(one) <</D [3 0 R /Fit]>>]>>")
	for key, want := range map[string]int{"two": 2, "one": 1, "three": 0, "": 0} {
		if got, err := NamedPage(data, key); got != want || err != nil {
			t.Errorf("NamedPage(%q) = %d, %v; want %d", key, got, err, want)
		}
	}
	if _, err := NamedPage([]byte("hello"), "one"); err == nil {
		t.Error("NamedPage of a file that is not a PDF: no error")
	}
}
