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

// onePagePlan is a plan of three steps, typed into the plan of reflectPage.
var onePagePlan = []struct{ key, value string }{
	{"plan/r1c1", "Ask Priya for feedback on the draft"},
	{"plan/r1c2", "2099-05-04"},
	{"plan/r1c3", "Twenty quiet minutes"},
	{"plan/r1c4", "She has read it"},
	{"plan/r2c1", "Speak first in the Tuesday meeting"},
	{"plan/r2c2", "2099-05-06"},
	{"plan/r3c1", "Write three lines each evening"},
}

// TestActionStepsPrintOnOnePage types a plan of three steps and prints
// "My action steps": one page with every step, and none of what the
// screen has around them (header, sidebar, pager, toolbars, the list of
// plans).
func TestActionStepsPrintOnOnePage(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	for _, s := range onePagePlan {
		if strings.HasSuffix(s.key, "c2") {
			b.setValue(s.key, s.value) // a date picker cannot be typed into key by key
		} else {
			b.typeInto(s.key, s.value)
		}
	}
	b.navigate(actionsPage)
	if n := eval[int](b, `document.querySelectorAll(".steps-board tr.step").length`); n != 3 {
		t.Fatalf("%s shows %d steps; want the 3 typed", actionsPage, n)
	}
	pdf := b.printPDF()
	text := squash(pdfText(t, pdf))
	if n := pdfPages(t, pdf); n != 1 {
		t.Errorf("%s prints on %d pages; want one; text:\n%s", actionsPage, n, text)
	}
	for _, s := range onePagePlan {
		if !strings.HasSuffix(s.key, "c2") && !strings.Contains(text, s.value) {
			t.Errorf("printed plan lacks %q; text:\n%s", s.value, text)
		}
	}
	if n := strings.Count(text, "2099"); n != 2 {
		t.Errorf("printed plan shows %d dates in 2099; want the 2 typed; text:\n%s", n, text)
	}
	for _, unwanted := range []string{"Skip to content", "All prompts", "Print the workbook", "Contents", "Later",
		"Follow-up", "Made with praxis", "Download", "Save all my answers", "Load answers", "Action plans in this workbook"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("printed plan shows %q, which belongs on screen only; text:\n%s", unwanted, text)
		}
	}
}
