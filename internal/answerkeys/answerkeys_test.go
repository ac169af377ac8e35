package answerkeys

import (
	"strings"
	"testing"
)

func index(workbook string, prompts ...Prompt) *Index {
	return &Index{Workbook: workbook, Edition: "participant", Prompts: prompts}
}

func TestCompare(t *testing.T) {
	q := func(id, number, page string) Prompt {
		return Prompt{ID: id, Number: number, Kind: "prompt", Text: "Words of " + id, Page: page}
	}
	before := index("wb", q("a", "1.1", "1-x/p/index.html"), q("b", "1.2", "1-x/p/index.html"), q("c", "2.1", "2-y/index.html"))
	for name, tc := range map[string]struct {
		now  *Index
		want []string // "old>new"
	}{
		"same":             {index("wb", before.Prompts...), nil},
		"reworded":         {index("wb", q("a2", "1.1", "1-x/p/index.html"), q("b", "1.2", "1-x/p/index.html"), q("c", "2.1", "2-y/index.html")), []string{"a>a2"}},
		"retitled":         {index("wb2", before.Prompts...), []string{"wb>wb2"}},
		"removed first":    {index("wb", q("b", "1.1", "1-x/p/index.html"), q("c", "2.1", "2-y/index.html")), nil},
		"moved elsewhere":  {index("wb", q("x", "1.1", "1-x/p/index.html"), q("b", "1.2", "1-x/p/index.html"), q("a", "2.1", "2-y/index.html")), nil},
		"other kind":       {index("wb", Prompt{ID: "s", Number: "1.1", Kind: "scale", Page: "1-x/p/index.html"}, q("b", "1.2", "1-x/p/index.html")), nil},
		"first build":      {index("wb", q("z", "1.1", "1-x/p/index.html")), nil},
		"all reworded too": {index("wb3", q("a3", "1.1", "1-x/p/index.html"), q("b", "1.2", "1-x/p/index.html")), []string{"wb>wb3", "a>a3"}},
	} {
		from := before
		if name == "first build" {
			from = &Index{}
		}
		var got []string
		for _, c := range Compare(from, tc.now) {
			got = append(got, c.Old+">"+c.New)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: changes %q, want %q", name, got, tc.want)
		}
	}
}

func TestMessage(t *testing.T) {
	p := &Prompt{ID: "new", Number: "2.1", Kind: "actions", Text: strings.Repeat("word ", 20), Page: "2-y/index.html"}
	got := Change{Prompt: p, Old: "old", New: "new"}.Message("content/2-y/_index.md:7:1")
	want := `content/2-y/_index.md:7:1: action plan 2.1 ("word word word word word word word word word word word word…") has the id "new"; in the last build it was "old", and answers readers typed are kept under it: they will not show. To keep them, give it its old id: ::: actions {#old}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := (Change{Prompt: p, Old: "old", New: "new"}).Message(""); !strings.HasPrefix(got, "2-y/index.html: ") {
		t.Errorf("without a place: %s; want the page's address first", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`window.praxisPromptIndex = {"edition":"participant","prompts":[{"id":"a","number":"1.1","kind":"prompt","text":"Q?","page":"a/index.html"}],"workbook":"wb"};`))
	f.Add([]byte(`x = ;`))
	f.Add([]byte(`nothing`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := Parse(data)
		if err == nil {
			if c := Compare(ix, ix); len(c) != 0 {
				t.Errorf("an index compared with itself has changes: %+v", c)
			}
			Compare(&Index{Workbook: "x"}, ix)
		}
	})
}
