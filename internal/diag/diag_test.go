package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{"a.md", 3, 7}, "a.md:3:7"},
		{Pos{"a.md", 3, 0}, "a.md:3"},
		{Pos{"a.md", 0, 0}, "a.md"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortsAndDeduplicates(t *testing.T) {
	var l List
	l.Add(Pos{"b.md", 1, 1}, "second")
	l.Add(Pos{"a.md", 9, 2}, "first")
	l.Add(Pos{"b.md", 1, 1}, "second")
	err := l.Err()
	want := "a.md:9:2: first\nb.md:1:1: second"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	var got List
	if !errors.As(err, &got) || len(got) != 2 {
		t.Fatalf("errors.As List: got %v", got)
	}
}

func TestEmptyListIsNil(t *testing.T) {
	var l List
	if err := l.Err(); err != nil {
		t.Fatalf("empty list Err() = %v, want nil", err)
	}
}

func TestAppendFlattens(t *testing.T) {
	var inner List
	inner.Add(Pos{"x.md", 1, 1}, "one")
	inner.Add(Pos{"x.md", 2, 1}, "two")
	var l List
	l.Append(inner)
	l.Append(Errorf(Pos{"y.md", 1, 0}, "three"))
	l.Append(errors.New("plain"))
	l.Append(nil)
	if len(l) != 4 {
		t.Fatalf("got %d errors, want 4: %v", len(l), l)
	}
}

func TestLinesPos(t *testing.T) {
	src := []byte("ab\ncd\n\nef")
	l := NewLines("p.md", src, 5)
	tests := []struct {
		off  int
		want string
	}{
		{0, "p.md:5:1"},
		{1, "p.md:5:2"},
		{3, "p.md:6:1"},
		{6, "p.md:7:1"},
		{8, "p.md:8:2"},
	}
	for _, tt := range tests {
		if got := l.Pos(tt.off).String(); got != tt.want {
			t.Errorf("Pos(%d) = %s, want %s", tt.off, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"title", "weight", "draft", "description"}
	tests := []struct{ in, want string }{
		{"titel", "title"},
		{"wieght", "weight"},
		{"colour", ""},
		{"Title", "title"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNearMiss(t *testing.T) {
	types := []string{"prompt", "note", "facilitator", "title", "edition"}
	for word, want := range map[string]string{
		"promt": "prompt", "propmt": "prompt", "Prompt2": "prompt", "ntoe": "note", "facilitater": "facilitator",
		"faciltiater": "facilitator", "facility": "", "notes": "", "note": "", "quote": "", "titel": "title", "editor": "", "banana": "",
	} {
		if got := NearMiss(word, types); got != want {
			t.Errorf("NearMiss(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestWrapKeepsPositionsFirst(t *testing.T) {
	plain := errors.New("permission denied")
	if got := Wrap(plain, "reading %s", "a.css").Error(); got != "reading a.css: permission denied" {
		t.Errorf("plain error: got %q", got)
	}
	if !errors.Is(Wrap(plain, "reading"), plain) {
		t.Error("the wrapped error is lost")
	}
	at := Errorf(Pos{File: "themes/x/a.css"}, "symbolic link leads outside")
	for _, err := range []error{at, fmt.Errorf("opening: %w", at), List{at}} {
		if got := Wrap(err, "reading %s", "a.css").Error(); !strings.HasPrefix(got, "themes/x/a.css: ") {
			t.Errorf("Wrap(%v): got %q, want it to start with the position", err, got)
		}
	}
}

func TestWarningsSayThey(t *testing.T) {
	var l List
	l.Warn(Pos{File: "content/A.md", Line: 1, Col: 1}, "address %q differs only in letter case", "/A/")
	if got, want := l.Error(), `content/A.md:1:1: warning: address "/A/" differs only in letter case`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEditDistances(t *testing.T) {
	for _, tc := range []struct {
		a, b        string
		plain, typo int
	}{
		{"", "", 0, 0},
		{"title", "title", 0, 0},
		{"titel", "title", 2, 1},   // a swap of neighbours is one typo
		{"weigth", "weight", 2, 1}, // the same
		{"kitten", "sitting", 3, 3},
		{"tags", "tag", 1, 1},
		{"a", "abcd", 3, 3},                 // lengths differ by 3: typo distance is capped
		{"description", "", 11, 3},          // capped at 3
		{"edition", "eidtino", 4, 2},        // two swaps
		{"facilitator", "faciliator", 1, 1}, // one deletion
	} {
		if got := distance(tc.a, tc.b); got != tc.plain {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.plain)
		}
		if got := typoDistance(tc.a, tc.b); got != tc.typo {
			t.Errorf("typoDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.typo)
		}
	}
}
