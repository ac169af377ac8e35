package search

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// sectionsOf parses src as a page of the given edition and returns its
// sections.
func sectionsOf(src string, facilitator bool) []Section {
	conv := markdown.New(markdown.Options{Blocks: blocks.Options{Facilitator: facilitator}})
	return Sections(conv.Parse("content/a.md", []byte(src), 1))
}

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Section
	}{
		{"top only", "Write a few lines, *every* evening.\n", []Section{{Words: "write few lines every evening"}}},
		{"headings split sections", "Intro here.\n\n## Small steps\n\nTry one.\n\n### Deeper {#deep}\n\nGo on.\n",
			[]Section{{Words: "intro here"}, {ID: "small-steps", Title: "Small steps", Words: "try one"}, {ID: "deep", Title: "Deeper", Words: "go on"}}},
		{"an empty top", "## First\n\nText.\n", []Section{{}, {ID: "first", Title: "First", Words: "text"}}},
		{"repeated words once, lower-case", "Step by step. STEP by Step!\n", []Section{{Words: "step by"}}},
		{"paragraphs and list items do not run together", "one\n\ntwo\n\n- three\n- four\n", []Section{{Words: "one two three four"}}},
		{"code and raw HTML left out, code spans kept", "Run `praxis build` now.\n\n```go\nfunc secret() {}\n```\n\n    indented code\n\n<div>rawhtml</div>\n",
			[]Section{{Words: "run praxis build now"}}},
		{"prompts left out, other blocks kept", "::: prompt {#q}\nWhat is hidden?\n:::\n\n::: tip\nA useful hint.\n:::\n",
			[]Section{{Words: "useful hint"}}},
		{"link text kept, addresses not", "See [the guide](https://example.org/secret) or <https://example.org/other>.\n",
			[]Section{{Words: "see the guide or"}}},
		{"entities and typographer quotes", "Don't say &quot;never&quot; &amp; mean it.\n",
			[]Section{{Words: "don say never mean it"}}},
		{"accents, Greek and Japanese kept as written", "Réflexion. Κάθε μέρα. 今日の一歩。\n",
			[]Section{{Words: "réflexion κάθε μέρα 今日の一歩"}}},
		{"nested headings are text", "> ## Quoted heading\n", []Section{{Words: "quoted heading"}}},
	}
	for _, tt := range tests {
		if got := sectionsOf(tt.src, false); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Sections(%q) = %+v, want %+v", tt.name, tt.src, got, tt.want)
		}
	}
}

func TestSectionsHoldFacilitatorTextOnlyInItsEdition(t *testing.T) {
	src := "Shared text.\n\n::: facilitator\nWatch for the quokkaberry moment.\n:::\n"
	if got := sectionsOf(src, false)[0].Words; strings.Contains(got, "quokkaberry") || got != "shared text" {
		t.Errorf("participant edition: words %q; want the shared text only", got)
	}
	if got := sectionsOf(src, true)[0].Words; !strings.Contains(got, "quokkaberry") {
		t.Errorf("facilitator edition: words %q; want the facilitator note's too", got)
	}
}

func TestWriter(t *testing.T) {
	var b strings.Builder
	x := NewWriter(&b, "wb", "participant")
	x.Page(Page{URL: "index.html", Title: "Home", Description: "A start, and more.", Sections: []Section{{Words: "start here"}}})
	x.Page(Page{URL: "1-one/a/index.html", Title: "A", Chapter: "One <&>",
		Sections: []Section{{}, {ID: "why", Title: "Why", Words: "because start"}},
		Prompts:  []Prompt{{ID: "q", Number: "1.1", Text: "What\u2028now?"}}})
	x.Page(Page{URL: "1-one/b/index.html", Title: "B", Chapter: "One <&>", Sections: []Section{{Words: "here"}}})
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	data, ok := strings.CutPrefix(s, "window.praxisSearch = ")
	if !ok || !strings.HasSuffix(data, ";\n") {
		t.Fatalf("the index is %q; want window.praxisSearch = {…};", s)
	}
	if strings.Contains(s, "\u2028") || !strings.Contains(s, "One <&>") {
		t.Errorf("the index is %q; want U+2028 escaped (it ends a line in older JavaScript) and <&> as they are", s)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSuffix(data, ";\n")), &got); err != nil {
		t.Fatal(err)
	}
	// Words are numbered as they first come, in base 36; chapters too.
	want := map[string]any{"workbook": "wb", "edition": "participant", "chapters": []any{"One <&>"},
		"words": []any{"start", "and", "more", "here", "because"},
		"pages": []any{
			[]any{"index.html", "Home", -1.0, "0 1 2 3", []any{}, []any{}},
			[]any{"1-one/a/index.html", "A", 0.0, "", []any{[]any{"why", "Why", "4 0"}}, []any{[]any{"q", "1.1", "What\u2028now?"}}},
			[]any{"1-one/b/index.html", "B", 0.0, "3", []any{}, []any{}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the index holds %v\nwant %v", got, want)
	}
}

func TestWriterReportsWriteErrors(t *testing.T) {
	x := NewWriter(failingWriter{}, "wb", "participant")
	x.Page(Page{URL: "index.html", Title: strings.Repeat("long ", 2000)})
	if err := x.Close(); err == nil {
		t.Error("Close after failed writes returned no error")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
