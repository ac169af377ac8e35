package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// FuzzSections reads any Markdown for search and writes it into an index:
// the top comes first, every other section has its heading's id, words are
// lower-case and listed once, separated by single spaces, and the index is
// a script that sets window.praxisSearch to valid JSON.
func FuzzSections(f *testing.F) {
	for _, s := range []string{"", "Intro.\n\n## A\n\nText *b*.\n", "::: prompt {#q}\nWhy?\n:::\n", "# Réflexion\n\n今日の一歩。 &amp; `x`\n",
		"- a\n- B b\n\n> ## Quoted\n", "::: facilitator\nHidden.\n:::\n\n```\ncode\n```\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		secs := sectionsOf(src, false)
		if len(secs) == 0 || secs[0].ID != "" || secs[0].Title != "" {
			t.Fatalf("Sections(%q) = %+v; want the top first", src, secs)
		}
		for i, s := range secs {
			if i > 0 && s.ID == "" {
				t.Errorf("Sections(%q): section %d has no id: %+v", src, i, s)
			}
			words := strings.Fields(s.Words)
			if strings.Join(words, " ") != s.Words {
				t.Errorf("Sections(%q): words %q are not separated by single spaces", src, s.Words)
			}
			sorted := slices.Clone(words)
			slices.Sort(sorted)
			if len(slices.Compact(sorted)) != len(words) {
				t.Errorf("Sections(%q): words %q repeat", src, s.Words)
			}
			for _, w := range words {
				if strings.ToLower(w) != w {
					t.Errorf("Sections(%q): word %q is not lower-case", src, w)
				}
			}
		}
		var b strings.Builder
		x := NewWriter(&b, "wb", "participant")
		x.Page(Page{URL: "a/index.html", Title: src, Chapter: src, Description: src, Sections: secs})
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		data := strings.TrimSuffix(strings.TrimPrefix(b.String(), "window.praxisSearch = "), ";\n")
		if !json.Valid([]byte(data)) {
			t.Errorf("the index of %q is not valid JSON: %s", src, b.String())
		}
	})
}
