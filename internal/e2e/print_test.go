package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// spaces matches the runs of blanks pdftotext puts between words.
var spaces = regexp.MustCompile(`\s+`)

// squash returns s with every run of white space made one space, so checks
// do not depend on where the PDF breaks lines.
func squash(s string) string { return spaces.ReplaceAllString(s, " ") }

func TestPrintShowsTypedAnswers(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	b.typeInto("first-question", "Typed on screen, kept on paper")
	b.typeInto("plan/r1c1", "Book a quiet room")
	// Longer than its narrow column: it must wrap on paper, not be cut off.
	b.typeInto("plan/r1c3", "Ask Sam from the team to nod at me")
	b.click(`input[name="confidence"][value="4"]`)

	text := squash(pdfText(t, b.printPDF()))
	for _, want := range []string{
		"What did you notice this week?",
		"Typed on screen, kept on paper",
		"Book a quiet room",
		"nod at me",
		"What will you try next?", // unanswered: printed with empty lines
		"the guide (https://example.org/guide)",
		"Page 1 of",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("printed page lacks %q; text:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"Download my answers", "Copy link", "Skip to content", "mm/dd/yyyy", "Previous", "Next"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("printed page shows %q, which belongs on screen only; text:\n%s", unwanted, text)
		}
	}

	// The print book shows the same saved answers.
	b.navigate("print/index.html")
	book := squash(pdfText(t, b.printPDF()))
	for _, want := range []string{"Typed on screen, kept on paper", "Book a quiet room", "Contents", "Page 2 of"} {
		if !strings.Contains(book, want) {
			t.Errorf("print book lacks %q; text:\n%s", want, book)
		}
	}
	if strings.Contains(book, "Use your browser's Print command") {
		t.Errorf("print book shows its on-screen note on paper; text:\n%s", book)
	}
}
