package print

import (
	"reflect"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/pdf"
)

// TestPDFBookmarksGiveSectionPages matches print-book sections to the
// bookmarks of a printed book.
func TestPDFBookmarksGiveSectionPages(t *testing.T) {
	cover := []pdf.Entry{{Title: "Workbook", Level: 1, Page: 1}, {Title: "Contents", Level: 2, Page: 2}}
	home := SectionRef{Anchor: "page-home", Title: "Workbook"}
	tests := []struct {
		name     string
		entries  []pdf.Entry
		start    int // the page of the first section's named destination
		sections []SectionRef
		want     map[string]int
	}{
		{"the cover's heading is not the home page's",
			append(cover, pdf.Entry{Title: "Workbook", Level: 1, Page: 3}, pdf.Entry{Title: "A", Level: 1, Page: 4}),
			3, []SectionRef{home, {Anchor: "a", Title: "A"}},
			map[string]int{"page-home": 3, "a": 4}},
		{"a wrapped title lost its space, and case does not count",
			[]pdf.Entry{{Title: "Supporting action withoutcreating dependency", Level: 1, Page: 5}, {Title: "aligning Steps", Level: 1, Page: 6}},
			0, []SectionRef{{Anchor: "s", Title: "Supporting action without creating dependency"}, {Anchor: "v", Title: "Aligning steps"}},
			map[string]int{"s": 5, "v": 6}},
		{"a missing bookmark shifts nothing",
			[]pdf.Entry{{Title: "A", Level: 1, Page: 1}, {Title: "Intro", Level: 2, Page: 1}, {Title: "C", Level: 1, Page: 3}, {Title: "B", Level: 2, Page: 3}},
			0, []SectionRef{{Anchor: "a", Title: "A"}, {Anchor: "p11", Title: "Intro"}, {Anchor: "b", Title: "B"},
				{Anchor: "p12", Title: "Outro"}, {Anchor: "c", Title: "C"}},
			map[string]int{"a": 1, "p11": 1, "c": 3}},
		{"a subheading with a later page's title is not that page",
			[]pdf.Entry{{Title: "A", Level: 1, Page: 1}, {Title: "Closing", Level: 2, Page: 1}, {Title: "B", Level: 1, Page: 2}, {Title: "Closing", Level: 1, Page: 3}},
			0, []SectionRef{{Anchor: "a", Title: "A"}, {Anchor: "b", Title: "B"}, {Anchor: "closing", Title: "Closing"}},
			map[string]int{"a": 1, "b": 2, "closing": 3}},
		{"repeated titles in order",
			[]pdf.Entry{{Title: "Notes", Level: 1, Page: 1}, {Title: "Intro", Level: 3, Page: 2}, {Title: "Notes", Level: 1, Page: 4}, {Title: "Aside", Level: 2, Page: 5}},
			0, []SectionRef{{Anchor: "n1", Title: "Notes"}, {Anchor: "p11", Title: "Intro"}, {Anchor: "n2", Title: "Notes"}, {Anchor: "p21", Title: "Aside"}},
			map[string]int{"n1": 1, "p11": 2, "n2": 4, "p21": 5}},
		{"a page without a top-level bookmark is looked for only between its neighbours",
			[]pdf.Entry{{Title: "A", Level: 1, Page: 1}, {Title: "B", Level: 1, Page: 2}, {Title: "Intro", Level: 2, Page: 2}},
			0, []SectionRef{{Anchor: "a", Title: "A"}, {Anchor: "p11", Title: "Intro"}, {Anchor: "b", Title: "B"}},
			map[string]int{"a": 1, "b": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pageNumbers(bookmarkPlaces(tt.entries, tt.start, tt.sections)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("bookmarkPlaces(%+v, %d, %+v) gives pages %v; want %v", tt.entries, tt.start, tt.sections, got, tt.want)
			}
		})
	}
}

// TestPDFPrintsAgainUntilPageNumbersHold runs the decision of how often to
// print with a fake printer: prints holds the numbers each print reads
// back, in order.
func TestPDFPrintsAgainUntilPageNumbersHold(t *testing.T) {
	type report struct {
		anchors []string
		final   bool
	}
	tests := []struct {
		name    string
		prints  []map[string]int
		want    int // prints made
		reports []report
	}{
		{"numbers hold after the second print", []map[string]int{{"a": 3, "b": 5}, {"a": 3, "b": 5}}, 2, nil},
		{"a number moved: a third print", []map[string]int{{"a": 3, "b": 5}, {"a": 3, "b": 6}, {"a": 3, "b": 6}}, 3,
			[]report{{[]string{"b"}, false}}},
		{"numbers moved again: no fourth print", []map[string]int{{"a": 3}, {"a": 4, "b": 7}, {"a": 3, "b": 7}}, 3,
			[]report{{[]string{"a", "b"}, false}, {[]string{"a"}, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			made := 1
			read := func(data []byte) (map[string]int, error) { return tt.prints[int(data[0])-1], nil }
			var printedWith []map[string]int
			reprint := func(numbers map[string]int) ([]byte, error) {
				if made == len(tt.prints) {
					t.Fatalf("print %d; want %d prints", made+1, tt.want)
				}
				printedWith = append(printedWith, numbers)
				made++
				return []byte{byte(made)}, nil
			}
			var reports []report
			data, err := paginate([]byte{1}, read, reprint, func(a []string, final bool) { reports = append(reports, report{a, final}) })
			if err != nil || made != tt.want || int(data[0]) != made {
				t.Errorf("paginate: %d prints, returned print %d, error %v; want %d prints and the last", made, data[0], err, tt.want)
			}
			if !reflect.DeepEqual(reports, tt.reports) {
				t.Errorf("reports %+v; want %+v", reports, tt.reports)
			}
			for i, numbers := range printedWith {
				if !reflect.DeepEqual(numbers, tt.prints[i]) {
					t.Errorf("print %d has the numbers %v; want those of print %d, %v", i+2, numbers, i+1, tt.prints[i])
				}
			}
		})
	}
}
