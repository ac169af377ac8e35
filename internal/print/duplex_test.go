package print

import (
	"reflect"
	"testing"
)

// TestBlankPagesStartChaptersOnOddPages decides the blank pages of a
// duplex book from its natural page numbers, checks the numbers it then
// prints, and turns those back into the natural ones, as praxis pdf does
// with the numbers it reads from a print.
func TestBlankPagesStartChaptersOnOddPages(t *testing.T) {
	starts := []string{"ch1", "ch2", "ch3", "ch4"}
	tests := []struct {
		name    string
		natural map[string]int
		blanks  []string
		printed map[string]int
	}{
		{"every chapter already on an odd page",
			map[string]int{"home": 3, "ch1": 5, "p1": 6, "ch2": 7, "ch3": 9, "ch4": 11},
			nil,
			map[string]int{"home": 3, "ch1": 5, "p1": 6, "ch2": 7, "ch3": 9, "ch4": 11}},
		{"a blank page moves the chapters after it",
			map[string]int{"home": 3, "ch1": 4, "p1": 5, "prompt-a": 6, "ch2": 8, "p2": 8, "ch3": 9, "ch4": 11},
			[]string{"ch1", "ch3"},
			map[string]int{"home": 3, "ch1": 5, "p1": 6, "prompt-a": 7, "ch2": 9, "p2": 9, "ch3": 11, "ch4": 13}},
		{"two short chapters in a row each get a blank page",
			map[string]int{"home": 3, "ch1": 5, "ch2": 6, "ch3": 7, "ch4": 9, "p4": 10},
			[]string{"ch2", "ch3"},
			map[string]int{"home": 3, "ch1": 5, "ch2": 7, "ch3": 9, "ch4": 11, "p4": 12}},
		{"chapters whose page is unknown get none",
			map[string]int{"home": 3, "ch2": 6},
			[]string{"ch2"},
			map[string]int{"home": 3, "ch2": 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blanks := Blanks(starts, tt.natural)
			if !reflect.DeepEqual(blanks, tt.blanks) {
				t.Fatalf("Blanks(%v, %v) = %v; want %v", starts, tt.natural, blanks, tt.blanks)
			}
			printed := AddBlanks(tt.natural, blanks)
			if !reflect.DeepEqual(printed, tt.printed) {
				t.Errorf("AddBlanks(%v, %v) = %v; want %v", tt.natural, blanks, printed, tt.printed)
			}
			if back := RemoveBlanks(printed, blanks); !reflect.DeepEqual(back, tt.natural) {
				t.Errorf("RemoveBlanks(%v, %v) = %v; want the natural %v", printed, blanks, back, tt.natural)
			}
		})
	}
}
