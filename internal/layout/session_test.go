package layout

import (
	"testing"
	"testing/fstest"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/i18n"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

func TestSessionAgenda(t *testing.T) {
	src := "---\nkind: session\nduration: 60m\n---\n## Arrival (10 min)\n\n## Huge (99999999999999999999 min)\n\n" +
		"## Too long (2000 min)\n\n### Detail (5 min)\n\n## Plan (20 minutes)\n"
	sess := sessionPage(t, config.Default(), src)
	if sess == nil || sess.Minutes != 60 {
		t.Fatalf("session %+v, want one of 60 minutes", sess)
	}
	want := []AgendaItem{{ID: "arrival-10-min", Title: "Arrival", Minutes: 10}, {ID: "plan-20-minutes", Title: "Plan", Minutes: 20, Start: 10}}
	if len(sess.Agenda) != len(want) || sess.AgendaTotal != 30 {
		t.Fatalf("agenda %+v (total %d), want %+v (total 30)", sess.Agenda, sess.AgendaTotal, want)
	}
	for i := range want {
		if sess.Agenda[i] != want[i] {
			t.Errorf("agenda item %d = %+v, want %+v", i, sess.Agenda[i], want[i])
		}
	}
}

func TestAgendaClock(t *testing.T) {
	for start, want := range map[int]string{0: "0:00", 5: "0:05", 10: "0:10", 59: "0:59", 65: "1:05", 600: "10:00"} {
		if got := (AgendaItem{Start: start}).Clock(); got != want {
			t.Errorf("a part starting %d minutes in starts at %q; want %q", start, got, want)
		}
	}
}

func TestSessionDate(t *testing.T) {
	for _, tc := range []struct {
		front, language string
		date            bool
		day, text       string
	}{
		{"date: true", "en", true, "", ""},
		{"date: 2024-05-07", "en", true, "2024-05-07", "7 May 2024"},
		{"date: 2024-05-07", "de", true, "2024-05-07", "7. Mai 2024"},
		{"date: 2024-05-07", "fr-CA", true, "2024-05-07", "7 mai 2024"},
		{"date: 2024-05-07", "xx", true, "2024-05-07", "2024-05-07"}, // no month names: ISO 8601
		{"client: true", "en", false, "", ""},
	} {
		src := "---\nkind: session\n" + tc.front + "\n---\nText.\n"
		cfg := config.Default()
		cfg.Language, cfg.Words = tc.language, i18n.For(tc.language)
		sess := sessionPage(t, cfg, src)
		if sess.Date != tc.date || sess.Day != tc.day || sess.DayText != tc.text {
			t.Errorf("%s (%s): session %+v, want date %v, day %q shown as %q", tc.front, tc.language, sess, tc.date, tc.day, tc.text)
		}
	}
}

// sessionPage assembles, with settings cfg, a workbook whose one page has
// the source src, and returns that page's session.
func sessionPage(t *testing.T, cfg *config.Config, src string) *Session {
	t.Helper()
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("# Home\n")}, "content/1-a/s.md": {Data: []byte(src)}}
	wb, err := content.Load(fsys, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	conv := markdown.New(markdown.Options{})
	var sums []*site.Summary
	for _, p := range wb.Pages() {
		sums = append(sums, site.Summarize(conv.Parse(p.Source, p.Body, p.BodyLine)))
	}
	s, err := site.Assemble(cfg, config.Participant, wb, sums)
	if err != nil {
		t.Fatal(err)
	}
	return SessionOf(s.PageOf(wb.Chapters[0].Pages[0]))
}
