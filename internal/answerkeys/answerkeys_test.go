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
		"now a scale":      {index("wb", Prompt{ID: "a", Number: "1.1", Kind: "scale", Page: "1-x/p/index.html"}, q("b", "1.2", "1-x/p/index.html")), []string{"prompt a>scale a"}},
		"now a plan":       {index("wb", q("a", "1.1", "1-x/p/index.html"), Prompt{ID: "b", Number: "1.2", Kind: "actions", Page: "1-x/p/index.html"}), []string{"prompt b>actions b"}},
	} {
		from := before
		if name == "first build" {
			from = &Index{}
		}
		var got []string
		for _, c := range Compare(from, tc.now) {
			if c.Was != "" {
				got = append(got, c.Was+" "+c.Old+">"+c.Prompt.Kind+" "+c.New)
				continue
			}
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

// TestKindChanges checks which changes of a prompt's kind under the same
// id are reported: all but a scale that became a question, whose rating
// shows as the answer's text, and none from an index that did not say.
func TestKindChanges(t *testing.T) {
	for _, tc := range []struct {
		was, now string
		want     bool
	}{
		{"prompt", "scale", true}, {"scale", "prompt", false}, {"prompt", "actions", true},
		{"actions", "review", true}, {"", "prompt", false}, {"", "scale", false}, {"scale", "scale", false},
	} {
		c := Compare(index("wb", Prompt{ID: "x", Number: "1.1", Kind: tc.was, Page: "a/index.html"}),
			index("wb", Prompt{ID: "x", Number: "1.1", Kind: tc.now, Page: "a/index.html"}))
		if got := len(c) == 1; got != tc.want {
			t.Errorf("%q → %q: reported %v (%+v), want %v", tc.was, tc.now, got, c, tc.want)
		}
	}
	p := &Prompt{ID: "energy", Number: "1.2", Kind: "scale", Text: "How much energy do you have?", Page: "1-x/index.html"}
	got := Change{Prompt: p, Old: "energy", New: "energy", Was: "prompt"}.Message("content/1-x/_index.md:9:1")
	want := `content/1-x/_index.md:9:1: scale 1.2 ("How much energy do you have?") was a question in the last build, with the same id "energy": the answers readers typed for the question are kept under it and will not show in the scale, and choosing a rating would replace them. To keep them, give the scale an id of its own: ::: scale {#energy-scale}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
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
