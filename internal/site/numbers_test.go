package site_test

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// assembleEdition loads, parses and assembles pages (source path →
// Markdown, with a home page) as edition builds them.
func assembleEdition(t *testing.T, edition string, pages map[string]string) (*site.Site, error) {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("# Home\n")}}
	for name, src := range pages {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	wb, err := content.Load(fsys, content.Options{Edition: edition})
	if err != nil {
		t.Fatalf("loading %v: %v", pages, err)
	}
	conv := markdown.New(markdown.Options{Blocks: blocks.Options{Facilitator: edition == config.Facilitator}})
	var sums []*site.Summary
	for _, p := range wb.Pages() {
		sums = append(sums, site.Summarize(conv.Parse(p.Source, p.Body, p.BodyLine)))
	}
	return site.Assemble(config.Default(), edition, wb, sums)
}

func TestFacilitatorPromptsAreNumberedApart(t *testing.T) {
	pages := map[string]string{
		"content/1-a/one.md":   "::: prompt {#a}\nA?\n:::\n\n::: facilitator\n::: prompt {#f}\nF?\n:::\n:::\n\n::: prompt {#b}\nB?\n:::\n",
		"content/1-a/guide.md": "---\nedition: facilitator\n---\n::: prompt {#g}\nG?\n:::\n",
		"content/2-b/two.md":   "::: prompt {#c}\nC?\n:::\n",
	}
	want := map[string]map[string]string{
		config.Participant: {"a": "1.1", "b": "1.2", "c": "2.1"},
		config.Facilitator: {"a": "1.1", "b": "1.2", "c": "2.1", "g": "F1.1", "f": "F1.2"},
	}
	for edition, numbers := range want {
		s, err := assembleEdition(t, edition, pages)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, pr := range s.Prompts {
			got[pr.ID] = pr.Number
		}
		if len(got) != len(numbers) {
			t.Errorf("%s edition: prompts %v, want %v", edition, got, numbers)
		}
		for id, n := range numbers {
			if got[id] != n {
				t.Errorf("%s edition: prompt %s is %q, want %q", edition, id, got[id], n)
			}
		}
	}
}

func TestAutolinkToPromptIsAnError(t *testing.T) {
	_, err := assembleEdition(t, config.Participant, map[string]string{
		"content/1-a/one.md": "::: prompt {#a}\nA?\n:::\n\nSee <prompt:a> again.\n",
	})
	var list diag.List
	const want = "content/1-a/one.md:5:5: <prompt:a> cannot link to a prompt; write [](prompt:a) instead"
	if !errors.As(err, &list) || len(list) != 1 || list[0].Error() != want {
		t.Fatalf("got %v; want exactly %s", err, want)
	}
}
