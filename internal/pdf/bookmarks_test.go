package pdf

import (
	"bytes"
	"reflect"
	"testing"

	rscpdf "rsc.io/pdf"
)

// TestSetOutlineNestsBookmarks replaces the outline of a Chromium print,
// in both cross-reference layouts, by a nested one pointing where
// Chromium's bookmarks pointed, and reads it back with this package and
// with rsc.io/pdf: titles (with characters outside ASCII), levels and
// pages as written, bookmarks without a destination left out with their
// children, and the file still readable by poppler.
func TestSetOutlineNestsBookmarks(t *testing.T) {
	for layout, data := range layouts(t) {
		t.Run(layout, func(t *testing.T) {
			old, err := Outline(data)
			if err != nil || len(old) != 4 {
				t.Fatalf("Outline = %+v, %v", old, err)
			}
			marks := []Bookmark{
				{Title: "Chapter 1: Goals", Level: 1, Dest: old[0].Dest, Open: true},
				{Title: "Reality – Übung", Level: 2, Dest: old[1].Dest},
				{Title: "1.1 Where are you now?", Level: 3, Dest: old[2].Dest},
				{Title: "Nowhere", Level: 2},
				{Title: "Under nowhere", Level: 3, Dest: old[2].Dest},
				{Title: "Options", Level: 1, Dest: old[3].Dest},
			}
			out, err := SetOutline(data, marks)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, data) {
				t.Fatal("SetOutline changed the original bytes; an incremental update only appends")
			}
			want := []Entry{{"Chapter 1: Goals", 1, 1, old[0].Dest}, {"Reality – Übung", 2, 2, old[1].Dest},
				{"1.1 Where are you now?", 3, 2, old[2].Dest}, {"Options", 1, 3, old[3].Dest}}
			if got, err := Outline(out); err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("Outline after SetOutline = %+v, %v; want %+v", got, err, want)
			}
			checkRSCOutline(t, out, []string{"Chapter 1: Goals", "  Reality – Übung", "    1.1 Where are you now?", "Options"})
			if got := infoField(poppler(t, "pdfinfo", out), "Pages"); got != "3" {
				t.Errorf("pdfinfo of the file with the new outline: Pages = %q; want 3", got)
			}
			f, err := parse(out)
			if err != nil {
				t.Fatal(err)
			}
			catalog, _ := f.resolve(f.trailer["Root"]).(dict)
			if catalog["PageMode"] != name("UseOutlines") || catalog["Pages"] == nil {
				t.Errorf("catalog after SetOutline = %v; want the pages kept and /PageMode /UseOutlines", catalog)
			}
		})
	}
}

// checkRSCOutline reads the outline with rsc.io/pdf, an independent
// reader, as titles indented two spaces per level.
func checkRSCOutline(t *testing.T, data []byte, want []string) {
	t.Helper()
	r, err := rscpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("rsc.io/pdf: %v", err)
	}
	var got []string
	var walk func(o rscpdf.Outline, indent string)
	walk = func(o rscpdf.Outline, indent string) {
		for _, c := range o.Child {
			got = append(got, indent+c.Title)
			walk(c, indent+"  ")
		}
	}
	walk(r.Outline(), "")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rsc.io/pdf reads the outline %q; want %q", got, want)
	}
}

// TestSetOutlineCounts checks the /Count entries: an open item counts the
// descendants shown, a closed one the negative of those it would show, and
// the root every item shown.
func TestSetOutlineCounts(t *testing.T) {
	d := Destination{1, "[3 0 R /Fit]"}
	items, top := placeBookmarks([]Bookmark{
		{Title: "A", Level: 1, Dest: d, Open: true},
		{Title: "A1", Level: 2, Dest: d},
		{Title: "A1a", Level: 3, Dest: d},
		{Title: "A1b", Level: 3, Dest: d},
		{Title: "A2", Level: 2, Dest: d},
		{Title: "B", Level: 1, Dest: d},
		{Title: "B1", Level: 2, Dest: d},
	})
	num := func(i int) int { return 10 + i }
	if got, want := outlineRoot(items, top, num), "<</Type /Outlines /First 10 0 R /Last 15 0 R /Count 4>>"; got != want {
		t.Errorf("root = %s; want %s", got, want)
	}
	for i, want := range []string{
		"<</Title (A) /Parent 9 0 R /Dest [3 0 R /Fit] /Next 15 0 R /First 11 0 R /Last 14 0 R /Count 2>>",
		"<</Title (A1) /Parent 10 0 R /Dest [3 0 R /Fit] /Next 14 0 R /First 12 0 R /Last 13 0 R /Count -2>>",
		"<</Title (A1a) /Parent 11 0 R /Dest [3 0 R /Fit] /Next 13 0 R>>",
		"<</Title (A1b) /Parent 11 0 R /Dest [3 0 R /Fit] /Prev 12 0 R>>",
		"<</Title (A2) /Parent 10 0 R /Dest [3 0 R /Fit] /Prev 11 0 R>>",
		"<</Title (B) /Parent 9 0 R /Dest [3 0 R /Fit] /Prev 10 0 R /First 16 0 R /Last 16 0 R /Count -1>>",
		"<</Title (B1) /Parent 15 0 R /Dest [3 0 R /Fit]>>",
	} {
		if got := itemDict(items[i], 9, num); got != want {
			t.Errorf("item %d = %s; want %s", i, got, want)
		}
	}
}

func TestDestinations(t *testing.T) {
	data := outlinePDF("/Dests <</two [4 0 R /Fit]>> /Names <</Dests 7 0 R>>",
		"<</Title (A) /Dest /two>>", "<</Kids [8 0 R 7 0 R]>>", "<</Names [(one) <</D [3 0 R /XYZ 0 100 0]>> (bad) 5]>>")
	got, err := Destinations(data)
	want := map[string]Destination{"two": {2, "[4 0 R /Fit]"}, "one": {1, "[3 0 R /XYZ 0 100 0]"}, "bad": {}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Destinations = %v, %v; want %v", got, err, want)
	}
}
