package strictyaml

import (
	"strings"
	"testing"
)

// TestSyntaxErrorPosition checks that every syntax error carries a line and
// a column, counted in the file (the YAML starts on line 2, as front
// matter does), and points at the offending byte when there is one.
func TestSyntaxErrorPosition(t *testing.T) {
	tests := []struct{ in, want string }{
		{"title: [\n", "a.md:2:1: invalid YAML in front matter: did not find expected node content"},
		{"title: A\n  bad: [\n", "a.md:3:1: invalid YAML in front matter: mapping values are not allowed in this context"},
		{"title: A\n\tbad: 1\n", "a.md:3:1: invalid YAML in front matter: found a tab character that violates indentation (indent with spaces"},
		{"title: A\nb:\n  \t- x\n", "a.md:4:3: invalid YAML in front matter: found character that cannot start any token (indent with spaces"},
		{"\ttitle: A\n", "a.md:2:1: invalid YAML in front matter: found character that cannot start any token (indent with spaces"},
		{"title: A\nx: b\x07c\n", "a.md:3:5: invalid YAML in front matter: control characters are not allowed (remove the invisible control character U+0007)"},
		{"title: A\nx: \xffb\n", "a.md:3:4: invalid YAML in front matter: invalid leading UTF-8 octet (byte 0xff is not UTF-8 text"},
		{"a: &x 1\nb: [*x, *y]\n", "a.md:3:9: invalid YAML in front matter: unknown anchor 'y' referenced (define it before use with &y"},
		{"a: 1\nb: 'open\n", "a.md:3:1: invalid YAML in front matter: found unexpected end of stream"},
	}
	for _, tt := range tests {
		var s string
		src := Source{File: "a.md", FirstLine: 2, Text: []byte(tt.in), What: "front matter"}
		_, errs := Decode(src, []Field{{Key: "title", Target: &s, Type: "text"}})
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.want) {
			t.Errorf("Decode(%q):\ngot  %v\nwant %s…", tt.in, errs, tt.want)
		}
	}
}

// FuzzDecodePositions checks the rule that every problem has a line and a
// column in the file.
func FuzzDecodePositions(f *testing.F) {
	f.Add([]byte("title: [\n"))
	f.Add([]byte("a: 1\n\tb: 2\n"))
	f.Add([]byte("x: \x01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s string
		src := Source{File: "a.md", FirstLine: 2, Text: data, What: "front matter"}
		_, errs := Decode(src, []Field{{Key: "title", Target: &s, Type: "text"}})
		for _, e := range errs {
			if e.Pos.Line < 2 || e.Pos.Col < 1 {
				t.Fatalf("Decode(%q): %v has no line and column", data, e)
			}
		}
	})
}
