package site_test

import (
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// TestPromptTextKeepsReferences checks the text of prompts that link to
// other prompts, as the prompt bank and the downloaded answers show it: an
// empty link reads as the page shows it, the question's number and its
// whole words in quotes (or "question N" when the words are many), a link
// of its own words keeps them, and a reference inside a quoted question is
// its number.
func TestPromptTextKeepsReferences(t *testing.T) {
	long := strings.Repeat("word ", 31) + "end?"
	s, err := assembleEdition(t, config.Participant, map[string]string{
		"content/1-a/one.md": "::: prompt {#first}\nWhat did you notice today?\n:::\n\n" +
			"::: prompt {#second}\nLook again at [](prompt:first). Then read [your words](prompt:first).\n:::\n\n" +
			"::: prompt {#third}\nCompare [](prompt:second) with [](prompt:long).\n:::\n\n" +
			"::: prompt {#long}\n" + long + "\n:::\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"first":  "What did you notice today?",
		"second": "Look again at 1.1 “What did you notice today?”. Then read your words.",
		"third":  "Compare 1.2 “Look again at 1.1. Then read your words.” with question 1.4.",
		"long":   strings.TrimSpace(long),
	}
	for _, pr := range s.Prompts {
		if pr.Text != want[pr.ID] {
			t.Errorf("prompt %s text = %q; want %q", pr.ID, pr.Text, want[pr.ID])
		}
	}
	check := func(pr *site.Prompt) {
		if strings.ContainsAny(pr.Text, "\uE000\uE001") {
			t.Errorf("prompt %s keeps a mark: %q", pr.ID, pr.Text)
		}
	}
	for _, pr := range s.Prompts {
		check(pr)
	}
}
