package site_test

import (
	"errors"
	"testing"
	"testing/fstest"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// assemble loads, parses and assembles a workbook of the given pages
// (source path → Markdown) with a home page.
func assemble(t *testing.T, pages map[string]string) (*site.Site, error) {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("# Home\n")}}
	for name, src := range pages {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	wb, err := content.Load(fsys, content.Options{})
	if err != nil {
		t.Fatalf("loading %v: %v", pages, err)
	}
	conv := markdown.New(markdown.Options{})
	var sums []*site.Summary
	for _, p := range wb.Pages() {
		sums = append(sums, site.Summarize(conv.Parse(p.Source, p.Body, p.BodyLine)))
	}
	return site.Assemble(config.Default(), config.Participant, wb, sums)
}

func TestReviewErrors(t *testing.T) {
	plans := "::: prompt {#goal}\nWhat?\n:::\n\n::: actions {#first-plan}\n:::\n"
	tests := []struct {
		name  string
		pages map[string]string
		want  string
	}{
		{"unknown id, near a plan", map[string]string{"content/a.md": plans, "content/b.md": "\n::: review {of=frist-plan}\n:::\n"},
			`content/b.md:2:13: review of unknown action plan "frist-plan" (did you mean "first-plan"?)`},
		{"unknown id, far from any plan", map[string]string{"content/a.md": plans, "content/b.md": "::: review {#r of=zzz}\n:::\n"},
			`content/b.md:1:16: review of unknown action plan "zzz"; the action plans are first-plan`},
		{"no plans at all", map[string]string{"content/b.md": "::: review {of=plan}\n:::\n"},
			`content/b.md:1:13: review of unknown action plan "plan"; the workbook has no ::: actions block yet`},
		{"a prompt, not a plan", map[string]string{"content/a.md": plans, "content/b.md": "::: review {of=goal}\n:::\n"},
			`content/b.md:1:13: review of "goal", which is a prompt block at content/a.md:1:1; a review looks back at an action plan (::: actions); the action plans are first-plan`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := assemble(t, tt.pages)
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || list[0].Error() != tt.want {
				t.Fatalf("pages %q: got error %v; want exactly %s", tt.pages, err, tt.want)
			}
		})
	}
}

func TestReviewIsLinkedToItsPlan(t *testing.T) {
	s, err := assemble(t, map[string]string{
		"content/1-a/plan.md":   "::: actions {#first-plan}\n:::\n",
		"content/2-b/review.md": "::: review {#one of=first-plan}\n:::\n\n::: review {#two of=first-plan}\n:::\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	plan := s.Prompt("first-plan")
	var got []string
	for _, r := range s.Reviews("first-plan") {
		if r.Plan != plan {
			t.Errorf("review %s has Plan %v; want the first-plan prompt", r.ID, r.Plan)
		}
		got = append(got, r.ID)
	}
	if len(got) != 2 || got[0] != "one" || got[1] != "two" {
		t.Fatalf("Reviews(first-plan) = %q; want [one two] in reading order", got)
	}
	if r := s.Reviews("nothing"); r != nil {
		t.Fatalf("Reviews of an unknown plan = %v; want none", r)
	}
}
