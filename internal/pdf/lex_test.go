package pdf

import (
	"reflect"
	"testing"
)

func TestLexerObjects(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"42", int64(42)},
		{"-3.5", -3.5},
		{"+.5", 0.5},
		{"/Name#20With#2Fslash", name("Name With/slash")},
		{"(a (nested) \\(str\\)\\n\\101\\\nb)", str("a (nested) (str)\nAb")},
		{"(line\r\nend)", str("line\nend")},
		{"<48 65 6c6C 6>", str("Hell`")},
		{"12 0 R", ref{12, 0}},
		{"[1 2 R 3]", array{ref{1, 2}, int64(3)}},
		{"[1 2]", array{int64(1), int64(2)}},
		{"<</A [true false null] /B <</C 1 0 R>>>>", dict{"A": array{true, false, nil}, "B": dict{"C": ref{1, 0}}}},
		{"% comment\n /X", name("X")},
	}
	for _, tt := range tests {
		l := &lexer{data: []byte(tt.in)}
		got, err := l.object(0)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("object(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
		}
	}
}

func TestLexerErrors(t *testing.T) {
	for _, in := range []string{"", "(open", "<4G>", "<</A>>", "<<1 2>>", "[1 2", ")"} {
		l := &lexer{data: []byte(in)}
		if got, err := l.object(0); err == nil {
			t.Errorf("object(%q) = %#v, nil; want an error", in, got)
		}
	}
}

func TestFormatRoundTrip(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{str("plain (x) \\"), `(plain \(x\) \\)`},
		{str("\xfe\xff\x00A"), "<FEFF0041>"},
		{name("A B#"), "/A#20B#23"},
		{array{int64(1), 2.5, ref{3, 0}, nil, true}, "[1 2.5 3 0 R null true]"},
		{dict{"B": int64(1), "A": str("x")}, "<</A (x) /B 1>>"},
	}
	for _, tt := range tests {
		got := format(tt.in)
		if got != tt.want {
			t.Errorf("format(%#v) = %q; want %q", tt.in, got, tt.want)
		}
		back, err := (&lexer{data: []byte(got)}).object(0)
		if err != nil || !reflect.DeepEqual(back, tt.in) {
			t.Errorf("parsing %q = %#v, %v; want %#v back", got, back, err, tt.in)
		}
	}
}

func TestTextStrings(t *testing.T) {
	tests := []struct {
		pdf  str
		text string
	}{
		{"Goals", "Goals"},
		{"\xfe\xff\x00\xdc\x00b\x20\x13", "Üb–"},
		{"\xfe\xff\xd8\x3d\xde\x00", "😀"},
		{"\xef\xbb\xbfUTF-8 \xc3\xa9", "UTF-8 é"},
		{"\x84 \x8d\x8e \xa0 \xe9", "— “” € é"},
	}
	for _, tt := range tests {
		if got := textString(tt.pdf); got != tt.text {
			t.Errorf("textString(%q) = %q; want %q", tt.pdf, got, tt.text)
		}
	}
	for _, s := range []string{"ASCII (1)", "Ana Müller", "😀 – €", ""} {
		enc := encodeText(s)
		v, err := (&lexer{data: []byte(enc)}).object(0)
		if got := textString(v); err != nil || got != s {
			t.Errorf("encodeText(%q) = %s, which decodes to %q, %v", s, enc, got, err)
		}
	}
	if n := len([]rune(pdfDocHigh)); n != 32 {
		t.Errorf("pdfDocHigh has %d runes; want 32 for bytes 0x80-0x9F", n)
	}
}
