package site_test

import (
	"errors"
	"maps"
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

// mustAssemble is assembleEdition, failing the test on an error.
func mustAssemble(t *testing.T, edition string, pages map[string]string) *site.Site {
	t.Helper()
	s, err := assembleEdition(t, edition, pages)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// promptNumbers maps the id of every prompt of s to its number.
func promptNumbers(s *site.Site) map[string]string {
	got := map[string]string{}
	for _, pr := range s.Prompts {
		got[pr.ID] = pr.Number
	}
	return got
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
		s := mustAssemble(t, edition, pages)
		got := promptNumbers(s)
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

// TestFacilitatorChaptersAreNumberedAfterTheOthers puts a chapter only
// facilitators see first: the chapters participants see keep their
// numbers in both editions, and so do their prompts, while the
// facilitators' chapter is numbered after them, its prompts apart.
func TestFacilitatorChaptersAreNumberedAfterTheOthers(t *testing.T) {
	pages := map[string]string{
		"content/0-trainers/_index.md": "---\nedition: facilitator\n---\n# Trainers\n",
		"content/0-trainers/prep.md":   "::: prompt {#prep}\nPrepared?\n:::\n",
		"content/1-a/one.md":           "::: prompt {#a}\nA?\n:::\n",
		"content/2-b/two.md":           "::: prompt {#c}\nC?\n:::\n",
	}
	want := map[string]map[string]string{
		config.Participant: {"a": "1.1", "c": "2.1"},
		config.Facilitator: {"prep": "F3.1", "a": "1.1", "c": "2.1"},
	}
	for edition, numbers := range want {
		s := mustAssemble(t, edition, pages)
		got := promptNumbers(s)
		if !maps.Equal(got, numbers) {
			t.Errorf("%s edition: prompts %v, want %v", edition, got, numbers)
		}
		chapters := map[string]int{}
		for _, c := range s.Workbook.Chapters {
			chapters[c.Dir] = c.Number
		}
		wantChapters := map[string]int{"1-a": 1, "2-b": 2}
		if edition == config.Facilitator {
			wantChapters["0-trainers"] = 3
		}
		if !maps.Equal(chapters, wantChapters) {
			t.Errorf("%s edition: chapters numbered %v, want %v", edition, chapters, wantChapters)
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

func TestIDsUsedTwiceOnAPage(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"two headings", "## A {#x}\n\n## B {#x}\n", "content/1-a/one.md:3:4: id \"x\" is already used on this page at content/1-a/one.md:1:4; give one of them another id with {#...}"},
		{"heading and prompt", "## Goal\n\n::: prompt {#goal}\nWhat?\n:::\n", "content/1-a/one.md:3:1: id \"goal\" is already used on this page at content/1-a/one.md:1:4; give one of them another id with {#...}"},
		{"prompt and heading", "::: prompt {#goal}\nWhat?\n:::\n\n## Goal {#goal}\n", "content/1-a/one.md:5:4: id \"goal\" is already used on this page at content/1-a/one.md:1:1; give one of them another id with {#...}"},
		{"two prompts", "::: prompt {#p}\nA?\n:::\n\n::: prompt {#p}\nB?\n:::\n", "content/1-a/one.md:5:1: id \"p\" is already used at content/1-a/one.md:1:1; ids must be unique across the workbook, so give this block another #id"},
		{"the layout's id", "## Start {#main}\n", "content/1-a/one.md:1:4: the id \"main\" is used by the page layout; give this heading another id, like {#main-section}"},
		{"heading and span", "## Goal\n\nSee [here]{#goal}.\n", "content/1-a/one.md:3:5: id \"goal\" is already used on this page at content/1-a/one.md:1:4; give one of them another id with {#...}"},
		{"span and link", "[a]{#x} [b](#x){#x}\n", "content/1-a/one.md:1:9: id \"x\" is already used on this page at content/1-a/one.md:1:1; give one of them another id with {#...}"},
		{"span with the layout's id", "[start]{#main}\n", "content/1-a/one.md:1:1: the id \"main\" is used by the page layout; give this element another id, like {#main-section}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := assembleEdition(t, config.Participant, map[string]string{"content/1-a/one.md": tt.src})
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || list[0].Error() != tt.want {
				t.Fatalf("got %v; want exactly %s", err, tt.want)
			}
		})
	}
}

func TestHeadingNamedLikeTheLayoutGetsAnotherID(t *testing.T) {
	s, err := assembleEdition(t, config.Participant, map[string]string{"content/1-a/one.md": "## Main\n"})
	if err != nil {
		t.Fatal(err)
	}
	if hs := s.PageOf(s.Workbook.Chapters[0].Pages[0]).Headings(); len(hs) != 1 || hs[0].ID != "main-1" {
		t.Errorf("headings %+v, want one with the id main-1", hs)
	}
}
