package e2e

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// Pages of the test site that the learning loop uses.
const (
	followUpPage = "1-practice/follow-up/index.html"
	actionsPage  = "actions/index.html"
)

// A plan of three steps: one overdue, with words that need escaping and
// folding in a calendar; one due far ahead; one without a date.
var planSteps = []struct{ key, value string }{
	{"plan/r1c1", "Call Sam, my manager; ask about the draft — and book a room für Dienstag before the team meeting"},
	{"plan/r1c2", "2020-01-15"},
	{"plan/r1c3", "A quiet hour"},
	{"plan/r2c1", "Book a quiet room"},
	{"plan/r2c2", "2099-03-01"},
	{"plan/r3c1", "Tell a friend"},
}

// TestLearningLoop follows a client from planning to looking back: steps
// typed into a plan show up in the follow-up review, a step marked done
// there is grouped as done on "My action steps", which links to the plan and
// exports a valid calendar; all answers saved to a file come back after the
// browser's storage is cleared.
func TestLearningLoop(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	downloads := chrometest.CaptureDownloads(t, b.ctx)
	for _, s := range planSteps {
		b.setValue(s.key, s.value)
	}

	b.navigate(followUpPage)
	steps := eval[[]string](b, `[...document.querySelectorAll("#look-back tbody tr")].map(tr =>
		tr.dataset.row + "|" + tr.querySelector(".review-what").textContent + "|" + (tr.querySelector(".review-when")?.getAttribute("datetime") ?? ""))`)
	want := []string{"1|" + planSteps[0].value + "|2020-01-15", "2|Book a quiet room|2099-03-01", "3|Tell a friend|"}
	if !slices.Equal(steps, want) {
		t.Fatalf("review rows = %q; want %q", steps, want)
	}
	b.setValue("look-back/r2/status", "done")
	b.typeInto("look-back/r2/c1", "Booked it for Tuesday")
	if got := b.saved("look-back/r2/status"); got != "done" {
		t.Fatalf("saved status of step 2 = %q; want done", got)
	}

	b.navigate(actionsPage)
	checkStepsPage(t, b)

	b.click(".steps-markdown")
	name, data := downloads.Wait(t, 10*time.Second)
	wantMD := "## Planned\n\n- [ ] " + planSteps[0].value + ", by 2020-01-15 (overdue) (1.3 Reflect and plan)\n" +
		"  Support I need: A quiet hour\n- [ ] Tell a friend (1.3 Reflect and plan)\n\n" +
		"## Done\n\n- [x] Book a quiet room, by 2099-03-01 (1.3 Reflect and plan)\n"
	if name != workbook+"-action-steps.md" || !strings.HasPrefix(string(data), "# My action steps: Browser test workbook\n") ||
		!strings.HasSuffix(string(data), wantMD) {
		t.Fatalf("downloaded %s:\n%s\nwant %s-action-steps.md ending in:\n%s", name, data, workbook, wantMD)
	}

	b.click(".steps-ics")
	name, data = downloads.Wait(t, 10*time.Second)
	if name != workbook+"-action-steps.ics" {
		t.Fatalf("calendar file name = %q; want %q", name, workbook+"-action-steps.ics")
	}
	checkCalendar(t, parseICS(t, data))

	b.click(".save-all-answers")
	name, data = downloads.Wait(t, 10*time.Second)
	saved := checkAnswersFile(t, name, data)
	if saved["look-back/r2/status"] != "done" || saved["plan/r1c1"] != planSteps[0].value {
		t.Fatalf("saved file lacks the status or the first step: %q", saved)
	}

	// Another device: nothing saved. Then the file brings everything back.
	b.do(chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	b.reload()
	if n := eval[int](b, `document.querySelectorAll(".steps-board tr.step").length`); n != 0 {
		t.Fatalf("after clearing storage the page shows %d steps; want none", n)
	}
	b.loadFile(writeAnswersFile(t, data, nil))
	summary := eval[string](b, `document.querySelector(".load-dialog .load-summary").textContent`)
	if want := fmt.Sprintf("%d new answers0 changed answers0 unchanged", len(saved)); summary != want {
		t.Fatalf("load dialog summary = %q; want %q", summary, want)
	}
	b.click(".load-dialog .confirm-load")
	if got := b.allSaved(); !maps.Equal(got, saved) {
		t.Fatalf("after loading the file, storage holds\n%q\nwant every answer of the file\n%q", got, saved)
	}
	checkStepsPage(t, b)
	b.navigate(followUpPage)
	if got := eval[string](b, `document.querySelector('[data-answer="look-back/r2/c1"]').value`); got != "Booked it for Tuesday" {
		t.Fatalf("review answer after loading = %q; want it back", got)
	}
}

// checkStepsPage checks the "My action steps" page after the plan of
// planSteps was typed and its second step marked done.
func checkStepsPage(t *testing.T, b *browser) {
	t.Helper()
	groups := eval[[]string](b, `[...document.querySelectorAll(".steps-group")].map(g => g.dataset.status + ": " +
		[...g.querySelectorAll("tr.step")].map(tr => tr.querySelector(".step-what span").textContent +
			(tr.classList.contains("overdue") ? " (overdue)" : "")).join(" / "))`)
	want := []string{"planned: " + planSteps[0].value + " (overdue) / Tell a friend", "done: Book a quiet room"}
	if !slices.Equal(groups, want) {
		t.Fatalf("groups on %s = %q; want %q", actionsPage, groups, want)
	}
	links := eval[[]string](b, `[...document.querySelectorAll(".steps-board .step-source a")].map(a => a.getAttribute("href") + " " + a.textContent)`)
	for _, l := range links {
		if l != "../1-practice/reflect/index.html#plan 1.3 Reflect and plan" {
			t.Fatalf("step links = %q; want each to lead to the plan, 1.3 on Reflect and plan", links)
		}
	}
	if more := eval[string](b, `document.querySelector(".steps-board tr.step .step-more").textContent`); more != "Support I need: A quiet hour" {
		t.Fatalf("first step's details = %q; want its other column", more)
	}
}

// checkCalendar checks the calendar of planSteps: one all-day event per
// dated step, with escaped text and the link to the plan.
func checkCalendar(t *testing.T, cal *icsComponent) {
	t.Helper()
	for _, name := range []string{"VERSION", "PRODID"} {
		if _, ok := cal.get(name); !ok {
			t.Fatalf("VCALENDAR lacks %s: %+v", name, cal.Props)
		}
	}
	if v, _ := cal.get("VERSION"); v.Value != "2.0" {
		t.Fatalf("VERSION:%s; want 2.0", v.Value)
	}
	var got []string
	for _, ev := range cal.Subs {
		if ev.Name != "VEVENT" && ev.Name != "VTODO" {
			t.Fatalf("unexpected component %s in VCALENDAR", ev.Name)
		}
		for _, name := range []string{"UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL"} {
			if p, ok := ev.get(name); !ok || p.Value == "" {
				t.Fatalf("%s lacks %s: %+v", ev.Name, name, ev.Props)
			}
		}
		start, _ := ev.get("DTSTART")
		sum, _ := ev.get("SUMMARY")
		u, _ := ev.get("URL")
		if start.Params != ";VALUE=DATE" || !strings.HasSuffix(u.Value, "/1-practice/reflect/index.html#plan") {
			t.Fatalf("DTSTART%s:%s, URL %s; want an all-day date and the plan's address", start.Params, start.Value, u.Value)
		}
		got = append(got, start.Value+" "+icsUnescape(t, sum.Value))
	}
	want := []string{"20200115 " + planSteps[0].value, "20990301 Book a quiet room"}
	if !slices.Equal(got, want) {
		t.Fatalf("calendar events = %q; want one per dated step: %q", got, want)
	}
}

// checkAnswersFile checks the frame of a "Save all my answers" file and
// returns its answers.
func checkAnswersFile(t *testing.T, name string, data []byte) map[string]string {
	t.Helper()
	var f struct {
		Format   string            `json:"format"`
		Version  int               `json:"version"`
		Workbook string            `json:"workbook"`
		Title    string            `json:"title"`
		Saved    time.Time         `json:"saved"`
		Answers  map[string]string `json:"answers"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("answers file %s: %v\n%s", name, err, data)
	}
	if name != workbook+"-answers.json" || f.Format != "praxis-answers" || f.Version != 1 || f.Workbook != workbook ||
		f.Title != "Browser test workbook" || time.Since(f.Saved) > time.Hour {
		t.Fatalf("answers file %s: %s", name, data)
	}
	return f.Answers
}

// writeAnswersFile writes an answers file to disk for the page to load,
// changed by edit when it is not nil, and returns its path.
func writeAnswersFile(t *testing.T, data []byte, edit func(f map[string]any)) string {
	t.Helper()
	if edit != nil {
		var f map[string]any
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		edit(f)
		var err error
		if data, err = json.Marshal(f); err != nil {
			t.Fatal(err)
		}
	}
	return writeBytes(t, data)
}

// loadFile gives a file to "Load answers" and waits for the page's answer:
// the dialog of what would change, or a message.
func (b *browser) loadFile(path string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".load-message").hidden = true`),
		chromedp.SetUploadFiles(chromedp.CSS(".load-answers-file"), []string{path}),
		chromedp.Poll[chromedp.Void](`document.querySelector(".load-dialog[open]") !== null || !document.querySelector(".load-message").hidden`,
			chromedp.WithPollingTimeout(5*time.Second)))
}

// allSaved returns every answer the answers store holds for the workbook,
// once it has answered every write of the page.
func (b *browser) allSaved() map[string]string {
	b.t.Helper()
	return evalAwait[map[string]string](b, `praxisAnswers.stored().then(s => s.answers)`)
}

// TestLoadRefusesBadFiles gives "Load answers" files that are damaged, from
// another workbook or from a newer praxis: each is refused with a message,
// and nothing in the browser changes.
func TestLoadRefusesBadFiles(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	downloads := chrometest.CaptureDownloads(t, b.ctx)
	b.typeInto("first-question", "Mine")
	b.click(".save-all-answers")
	_, data := downloads.Wait(t, 10*time.Second)
	b.typeInto("first-question", ", edited") // the file now differs from the browser
	before := b.allSaved()

	tests := []struct {
		name string
		file string
		want string
	}{
		{"damaged JSON", writeBytes(t, data[:len(data)/2]), "it is not valid JSON"},
		{"tampered answer", writeAnswersFile(t, data, func(f map[string]any) {
			f["answers"].(map[string]any)["first-question"] = 42
		}), `the answer saved as “first-question” is not text`},
		{"answers not a list", writeAnswersFile(t, data, func(f map[string]any) { f["answers"] = "all of them" }), "it has no list of answers"},
		{"not an answers file", writeAnswersFile(t, data, func(f map[string]any) { f["format"] = "notes" }), "not a file of answers"},
		{"foreign workbook", writeAnswersFile(t, data, func(f map[string]any) {
			f["workbook"], f["title"] = "someone-else", "Someone else's workbook"
		}), "answers for another workbook, “Someone else's workbook”, not for “Browser test workbook”"},
		{"newer format", writeAnswersFile(t, data, func(f map[string]any) { f["version"] = 2 }), "saved by a newer version of praxis"},
	}
	for _, tt := range tests {
		b.loadFile(tt.file)
		msg := eval[string](b, `document.querySelector(".load-message.error[role=alert]")?.textContent ?? "<no error message>"`)
		if !strings.Contains(msg, tt.want) || !strings.HasSuffix(msg, "Nothing was changed.") {
			t.Errorf("%s: message %q; want it to say %q and that nothing was changed", tt.name, msg, tt.want)
		}
		if eval[bool](b, `document.querySelector(".load-dialog") !== null`) {
			t.Errorf("%s: a dialog offers to load the file; want it refused", tt.name)
		}
		if got := b.allSaved(); !maps.Equal(got, before) {
			t.Errorf("%s: storage changed to %q; want %q", tt.name, got, before)
		}
	}
	if got := eval[string](b, `document.querySelector('[data-answer="first-question"]').value`); got != "Mine, edited" {
		t.Fatalf("answer on the page = %q after refused files; want it unchanged", got)
	}
}

// TestLoadShowsChangesAndKeepsOrphans loads a file with a new, a changed
// and an unchanged answer, and one for a prompt the workbook no longer has:
// the dialog counts them, cancelling changes nothing, and confirming loads
// them all, keeping the orphan for the next saved file.
func TestLoadShowsChangesAndKeepsOrphans(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	downloads := chrometest.CaptureDownloads(t, b.ctx)
	b.typeInto("first-question", "From the other device")
	b.typeInto("plan/r1c1", "Same step")
	b.click(".save-all-answers")
	_, data := downloads.Wait(t, 10*time.Second)
	file := writeAnswersFile(t, data, func(f map[string]any) {
		answers := f["answers"].(map[string]any)
		answers["second-question"] = "Only in the file"
		answers["removed-question"] = "An answer to a prompt that was deleted"
	})
	b.setValue("first-question", "Typed here")
	before := b.allSaved()

	b.loadFile(file)
	summary := eval[[]string](b, `[...document.querySelectorAll(".load-dialog li, .load-dialog .load-orphans")].map(e => e.textContent)`)
	want := []string{"2 new answers", "1 changed answer: the file's version replaces the one in this browser", "1 unchanged"}
	if len(summary) != 4 || !slices.Equal(summary[:3], want) || !strings.Contains(summary[3], "(removed-question)") {
		t.Fatalf("load dialog says %q; want %q and a note about removed-question", summary, want)
	}
	b.click(".load-dialog .cancel-load")
	if got := b.allSaved(); !maps.Equal(got, before) {
		t.Fatalf("after cancelling, storage = %q; want %q", got, before)
	}

	b.loadFile(file)
	b.click(".load-dialog .confirm-load")
	after := b.allSaved()
	if after["first-question"] != "From the other device" || after["second-question"] != "Only in the file" ||
		after["removed-question"] != "An answer to a prompt that was deleted" || after["plan/r1c1"] != "Same step" {
		t.Fatalf("after loading, storage = %q", after)
	}
	if got := eval[string](b, `document.querySelector('[data-answer="second-question"]').value`); got != "Only in the file" {
		t.Fatalf("page shows %q for a loaded answer; want it filled in without a reload", got)
	}
	if msg := eval[string](b, `document.querySelector(".load-message").textContent`); !strings.Contains(msg, "removed-question") {
		t.Fatalf("message after loading = %q; want it to report the answer kept for a removed prompt", msg)
	}
	b.click(".save-all-answers")
	name, data := downloads.Wait(t, 10*time.Second)
	if saved := checkAnswersFile(t, name, data); saved["removed-question"] == "" {
		t.Fatalf("the next saved file drops the orphan answer: %q", saved)
	}
}

// TestProgressCountsAnswers checks the answered-prompt counts in the
// sidebar and on the start page, and that a review without typed steps
// keeps its empty rows for paper.
func TestProgressCountsAnswers(t *testing.T) {
	t.Parallel()
	b := open(t, followUpPage)
	rows := eval[int](b, `document.querySelectorAll("#look-back tbody tr").length`)
	note := eval[string](b, `document.querySelector("#look-back .review-note").textContent`)
	if rows != 3 || !strings.HasPrefix(note, "Nothing is typed into 1.3 (Reflect and plan) yet.") {
		t.Fatalf("review of an empty plan: %d rows, note %q; want the 3 empty rows and a note", rows, note)
	}
	if got := b.progress(); got != "0/5 0/1" {
		t.Fatalf("sidebar progress = %q; want %q", got, "0/5 0/1")
	}
	b.navigate(reflectPage)
	b.typeInto("first-question", "Something")
	b.click(`input[name="confidence"][value="3"]`)
	b.do(chromedp.Poll[chromedp.Void](`document.querySelector(".toc-progress").textContent.startsWith("2/5")`, chromedp.WithPollingTimeout(5*time.Second)))
	b.navigate("index.html")
	got := eval[string](b, `(box => box.querySelector("progress").value + "/" + box.querySelector("progress").max + " " + box.querySelector("p").textContent)(document.querySelector(".progress-overall"))`)
	if want := "2/6 You have answered 2 of the 6 prompts in this workbook."; got != want {
		t.Fatalf("start page progress = %q; want %q", got, want)
	}
}

// progress returns the counts beside the sidebar's chapters.
func (b *browser) progress() string {
	b.t.Helper()
	return eval[string](b, `[...document.querySelectorAll(".toc-progress > [aria-hidden]")].map(s => s.textContent).join(" ")`)
}

// writeBytes writes data to a file named answers.json and returns its path.
func writeBytes(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "answers.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
