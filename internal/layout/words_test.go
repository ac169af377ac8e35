package layout

import (
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// TestAgendaUnits: agenda headings end in a time in the units of any
// language praxis knows, abbreviated or not, with or without a dot.
func TestAgendaUnits(t *testing.T) {
	re := agendaRE(i18n.For("de"))
	for _, tc := range []struct {
		heading, title string
		minutes        int
		ok             bool
	}{
		{"Arrival (10 min)", "Arrival", 10, true},
		{"Arrival (10min)", "Arrival", 10, true},
		{"Arrival (10 minutes)", "Arrival", 10, true},
		{"Arrival (10 m)", "Arrival", 10, true},
		{"Ankommen (20 Min.)", "Ankommen", 20, true},
		{"Ankommen (20 Minuten)", "Ankommen", 20, true},
		{"Planen (1 Std.)", "Planen", 60, true},
		{"Planen (1 Std. 30 Min.)", "Planen", 90, true},
		{"Planen (1 h 30)", "Planen", 90, true},
		{"Planen (1h30)", "Planen", 90, true},
		{"Planen (2 h)", "Planen", 120, true},
		{"Llegada (20 minutos)", "Llegada", 20, true},
		{"Arrivée (15 mn)", "Arrivée", 15, true},
		{"Początek (5 minut)", "Początek", 5, true},
		{"الوصول (10 دقائق)", "الوصول", 10, true},
		{"הגעה (10 דקות)", "הגעה", 10, true},
		{"Part two (of three)", "", 0, false},
		{"Chapter 10", "", 0, false},
		{"Budget (10 €)", "", 0, false},
		{"Timing (10 min) and more", "", 0, false},
	} {
		title, n, ok := agendaTime(re, tc.heading)
		if ok != tc.ok || ok && (title != tc.title || n != tc.minutes) {
			t.Errorf("%q: %q, %d, %v; want %q, %d, %v", tc.heading, title, n, ok, tc.title, tc.minutes, tc.ok)
		}
	}
}

// TestWordsCSS: the print rules carry the page footer, the facilitator
// mark and the word before a prompt's number in the workbook's language,
// with the page counters in place of the fields.
func TestWordsCSS(t *testing.T) {
	css := WordsCSS(i18n.For("de"))
	for _, want := range []string{
		`@bottom-center { content: "Seite " counter(page) " von " counter(pages); }`,
		`@page facilitator { @top-right { content: "Ausgabe für Coaches"; } }`,
		`.prompt-number::before { content: "Frage "; }`,
	} {
		if !strings.Contains(css, want) {
			t.Errorf("WordsCSS(de) lacks %s:\n%s", want, css)
		}
	}
	if got := counterContent("{pages} pages, this is {page}"); got != `counter(pages) " pages, this is " counter(page)` {
		t.Errorf("counterContent = %s", got)
	}
	if got := aroundContent(".n", "{number}번 질문", "{number}"); !strings.Contains(got, `.n::after { content: "번 질문"; }`) {
		t.Errorf("aroundContent = %s, want the words after the number in ::after", got)
	}
}
