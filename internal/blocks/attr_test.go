package blocks_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
)

func TestParseAttributes(t *testing.T) {
	type A = blocks.Attr
	tests := []struct {
		in   string
		want []A
	}{
		{"", nil},
		{"   ", nil},
		{"#first-step", []A{{"id", "first-step", 0}}},
		{".wide .x_1", []A{{"class", "wide", 0}, {"class", "x_1", 6}}},
		{"lines=6", []A{{"lines", "6", 0}}},
		{` low="not at all"  high=x`, []A{{"low", "not at all", 1}, {"high", "x", 19}}},
		{`k="say \"hi\" \\ \n"`, []A{{"k", `say "hi" \ \n`, 0}}},
		{`k=""`, []A{{"k", "", 0}}},
		{"a=1\tb=2", []A{{"a", "1", 0}, {"b", "2", 4}}},
		{"id=q1 class=big", []A{{"id", "q1", 0}, {"class", "big", 6}}},
		{"#été", []A{{"id", "été", 0}}},
		{"k=a=b", []A{{"k", "a=b", 0}}},
		{"columns=A|B", []A{{"columns", "A|B", 0}}},
	}
	for _, tt := range tests {
		got, err := blocks.ParseAttributes(tt.in)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("ParseAttributes(%q) = %v, %v; want %v, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseAttributesErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
		before int // attributes returned before the fault
	}{
		{"#", 0, "# must be followed by an id, such as #first-step", 0},
		{"a=1 .", 4, ". must be followed by a class name, such as .wide", 1},
		{"lines", 0, "attribute lines needs a value, such as lines=…", 0},
		{"lines= 3", 0, `attribute lines= has no value; write lines=value or lines="a value with spaces"`, 0},
		{"lines:6", 5, `unexpected ':' in attribute name "lines"; attributes look like key=value`, 0},
		{"=6", 0, "unexpected '='; attributes look like #id, .class or key=value", 0},
		{"{x}", 0, "unexpected '{'; attributes look like #id, .class or key=value", 0},
		{`a="x"b`, 5, `unexpected 'b' after a="x"; separate attributes with spaces`, 0},
		{`a=x"y"`, 3, `unexpected " inside a value; quote the whole value, as in a="…"`, 0},
		{`#a low="open`, 7, `quoted value has no closing "`, 1},
		{`low="x\"`, 4, `quoted value has no closing "`, 0},
		{"#a/b", 2, `an id may contain only letters, digits, - and _; "a/b" has '/'`, 0},
		{`.a"b`, 2, `a class may contain only ASCII letters, digits, - and _; "a\"b" has '"'`, 0},
		{".café", 4, `a class may contain only ASCII letters, digits, - and _; "café" has 'é'`, 0},
		{`class="a b"`, 7, `a class may contain only ASCII letters, digits, - and _; "a b" has ' '`, 0},
		{"id=x/y", 4, `an id may contain only letters, digits, - and _; "x/y" has '/'`, 0},
	}
	for _, tt := range tests {
		got, err := blocks.ParseAttributes(tt.in)
		var ae *blocks.AttrError
		if !errors.As(err, &ae) {
			t.Errorf("ParseAttributes(%q) error = %v, want an *AttrError", tt.in, err)
			continue
		}
		if ae.Offset != tt.offset || ae.Msg != tt.msg || len(got) != tt.before {
			t.Errorf("ParseAttributes(%q) = %d attrs, error at %d %q; want %d attrs, error at %d %q",
				tt.in, len(got), ae.Offset, ae.Msg, tt.before, tt.offset, tt.msg)
		}
	}
}
