package frontmatter

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in       string
		fm, body string
		line     int
	}{
		{"---\ntitle: A\n---\n# Body\n", "title: A\n", "# Body\n", 4},
		{"# No front matter\n", "", "# No front matter\n", 1},
		{"---\r\ntitle: A\r\n---\r\nx", "title: A\r\n", "x", 4},
		{"---\n---\nbody", "", "body", 3},
		{"---\na: 1\n...\nbody", "a: 1\n", "body", 4},
		{"\xef\xbb\xbf---\ntitle: A\n---\nbody", "title: A\n", "body", 4},
		{"", "", "", 1},
		// Blank lines before closed front matter, as Pandoc reads them.
		{"\n \r\n---\nedition: facilitator\n---\nbody", "\n\nedition: facilitator\n", "body", 6},
		{"\n---\nA rule, then text.\n", "", "\n---\nA rule, then text.\n", 1},
		{"\n\n# Title\n", "", "\n\n# Title\n", 1},
		{"\n---\nNote: bring a pen\n---\n", "", "\n---\nNote: bring a pen\n---\n", 1},
		{"\n---\n\nText.\n\n---\n", "", "\n---\n\nText.\n\n---\n", 1},
	}
	for _, tt := range tests {
		fm, body, line, err := Split("a.md", []byte(tt.in))
		if err != nil || string(fm) != tt.fm || string(body) != tt.body || line != tt.line {
			t.Errorf("Split(%q) = %q, %q, %d, %v; want %q, %q, %d", tt.in, fm, body, line, err, tt.fm, tt.body, tt.line)
		}
	}
}

func TestSplitUnclosed(t *testing.T) {
	_, _, _, err := Split("content/a.md", []byte("---\ntitle: A\n# Body\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "content/a.md:1:1: front matter starts with --- but is never closed") {
		t.Fatalf("got %v", err)
	}
}

func TestParse(t *testing.T) {
	m, err := Parse("a.md", []byte("title: Hello\nweight: 3\nkind: session\nduration: 60m\ntags: [a, b]\nclient: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != "Hello" || m.Weight != 3 || m.Kind != KindSession || len(m.Tags) != 2 || !m.Client {
		t.Errorf("got %+v", m)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"titel: A\n", `a.md:2:1: unknown key "titel" in front matter (did you mean "title"?)`},
		{"weight: heavy\n", `a.md:2:9: weight must be a whole number, got "heavy"`},
		{"title: A\nkind: sesion\n", `a.md:3:7: kind must be one of [page prompts session], got "sesion" (did you mean "session"?)`},
		{"draft: yes please\n", `a.md:2:8: draft must be true or false, got "yes please"`},
		{"duration: an hour\n", `a.md:2:11: duration must be a length like 60m`},
		{"duration: 99999999999999999h\n", `a.md:2:11: duration "99999999999999999h" is longer than a day; give the session's length, at most 24h`},
		{"duration: 25h\n", `a.md:2:11: duration "25h" is longer than a day`},
		{"title: S\nduration: 1441min\n", `a.md:3:11: duration "1441min" is longer than a day`},
		{"title: [\n", `a.md:`},
		{"tags: x\n", `a.md:2:7: tags must be a list of text, got "x"`},
		{"kind: session\ndate: next week\n", `a.md:3:7: date must be true, false or a day like 2024-05-07, got "next week"`},
		{"kind: session\ndate: 2024-02-30\n", `a.md:3:7: date must be true, false or a day like 2024-05-07, got "2024-02-30"`},
		{"kind: session\ndate: [2024-05-07]\n", `a.md:3:7: date must be true, false or a day like 2024-05-07`},
		{"tilte: A\nteaching: 10\n", `a.md:2:1: unknown key "tilte" in front matter (did you mean "title"?)`},
	}
	for _, tt := range tests {
		_, err := Parse("a.md", []byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q):\ngot  %v\nwant %s", tt.in, err, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]Meta{
		"date: true\n":                          {Kind: KindPage, Date: true},
		"date: false\n":                         {Kind: KindPage},
		"kind: session\ndate: 2024-05-07\n":     {Kind: KindSession, Date: true, Day: "2024-05-07"},
		"kind: session\ndate: \"2024-05-07\"\n": {Kind: KindSession, Date: true, Day: "2024-05-07"},
		"date: today\n":                         {Kind: KindPage}, // Quarto's words, on a page that shows no date
		"date: \"May 7, 2024\"\n":               {Kind: KindPage},
	} {
		m, err := Parse("a.md", []byte(in))
		if err != nil || m.Date != want.Date || m.Day != want.Day || m.Kind != want.Kind {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", in, m, err, want)
		}
	}
}

// TestParseForeignKeys checks that front matter written for Pandoc, Quarto
// or the Carpentries Workbench is read: keys praxis has no use for are left
// alone, unless they are a near miss of one of its own.
func TestParseForeignKeys(t *testing.T) {
	in := "title: \"Introduction\"\nteaching: 10\nexercises: 2\nauthor:\n  - name: A. Coach\nformat: html\neditor: visual\nexecute:\n  echo: false\ncategories: [a, b]\n"
	m, err := Parse("a.md", []byte(in))
	if err != nil || m.Title != "Introduction" {
		t.Fatalf("Parse(%q) = %+v, %v", in, m, err)
	}
}

func TestMinutes(t *testing.T) {
	for in, want := range map[string]int{"60m": 60, "90min": 90, "90 min": 90, "2h": 120, "24h": 1440, "": 0, "x": 0,
		"1441m": 0, "99999999999999999h": 0, "99999999999999999999m": 0} {
		if got := Minutes(in); got != want {
			t.Errorf("Minutes(%q) = %d, want %d", in, got, want)
		}
	}
}

func FuzzSplitParse(f *testing.F) {
	f.Add([]byte("---\ntitle: A\nweight: 2\n---\nbody"))
	f.Add([]byte("---\nkind: session\nduration: 60m\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, line, err := Split("f.md", src)
		if err != nil {
			return
		}
		if line < 1 || len(body) > len(src) {
			t.Fatalf("bad split: line %d", line)
		}
		_, _ = Parse("f.md", fm)
	})
}

// TestSplitAfterBlankLines: front matter after blank lines is read, and its
// problems are reported at their own lines.
func TestSplitAfterBlankLines(t *testing.T) {
	fm, _, _, err := Split("a.md", []byte("\n\n---\nedition: facilitator\ntitel: A\n---\nbody"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse("a.md", fm)
	if m.Edition != "facilitator" || err == nil || !strings.HasPrefix(err.Error(), `a.md:5:1: unknown key "titel"`) {
		t.Errorf("got %+v, %v", m, err)
	}
}

// TestSplitTOML: Hugo's TOML front matter is an error, never text that
// publishes what it says.
func TestSplitTOML(t *testing.T) {
	_, _, _, err := Split("content/a.md", []byte("+++\nedition = \"facilitator\"\n+++\nbody"))
	if err == nil || !strings.HasPrefix(err.Error(), "content/a.md:1:1: front matter in TOML") {
		t.Errorf("got %v", err)
	}
	if fm, body, _, err := Split("a.md", []byte("+++\nA line of pluses, and no more.\n")); err != nil || fm != nil || len(body) == 0 {
		t.Errorf("an unclosed +++: got %q, %q, %v", fm, body, err)
	}
}
