package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

func TestTypedAnswerSurvivesReload(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	const answer = "I rush when I am tired.\nI slow down after lunch."
	b.typeInto("first-question", answer)
	if got := b.saved("first-question"); got != answer {
		t.Fatalf("saved answer = %q; want %q", got, answer)
	}

	b.reload()
	if got := eval[string](b, `document.querySelector('[data-answer="first-question"]').value`); got != answer {
		t.Fatalf("textarea after reload = %q; want %q", got, answer)
	}
	// The copy printed on paper follows the textarea.
	typed := eval[string](b, `document.querySelector("#first-question .typed-answer").textContent`)
	hasAnswer := eval[bool](b, `document.querySelector("#first-question .answer").classList.contains("has-answer")`)
	if typed != answer || !hasAnswer {
		t.Fatalf("after reload: .typed-answer = %q, .has-answer = %v; want %q, true", typed, hasAnswer, answer)
	}
	if other := eval[bool](b, `document.querySelector("#second-question .answer").classList.contains("has-answer")`); other {
		t.Fatalf("the unanswered prompt has .has-answer; want it only on answered prompts")
	}
}

func TestTextareaGrowsWithItsText(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	before := eval[int](b, `document.querySelector('[data-answer="second-question"]').offsetHeight`)
	b.typeInto("second-question", strings.Repeat("another line\n", 12))
	after := eval[int](b, `document.querySelector('[data-answer="second-question"]').offsetHeight`)
	hidden := eval[int](b, `(ta => ta.scrollHeight - ta.clientHeight)(document.querySelector('[data-answer="second-question"]'))`)
	if after <= before || hidden > 1 {
		t.Fatalf("textarea height %dpx → %dpx with %dpx of text scrolled out of view; want it to grow to show all 13 lines", before, after, hidden)
	}
}

func TestChecklistAndScaleSurviveReload(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	b.click(`[data-answer="ready/2"]`)
	b.click(`input[name="confidence"][value="7"]`)
	if got := b.saved("ready/2") + " " + b.saved("confidence"); got != "true 7" {
		t.Fatalf("saved ready/2 and confidence = %q; want %q", got, "true 7")
	}

	b.reload()
	got := eval[[]any](b, `[
		document.querySelector('[data-answer="ready/1"]').checked,
		document.querySelector('[data-answer="ready/2"]').checked,
		document.querySelector('input[name="confidence"]:checked')?.value ?? "none"]`)
	want := []any{false, true, "7"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("after reload [ready/1 checked, ready/2 checked, scale value] = %v; want %v", got, want)
		}
	}

	b.click(`[data-answer="ready/2"]`)
	if got := b.saved("ready/2"); got != "false" {
		t.Fatalf("saved ready/2 after unticking = %q; want %q", got, "false")
	}
}

func TestDownloadAnswers(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	downloads := chrometest.CaptureDownloads(t, b.ctx)
	b.typeInto("first-question", "Walk at lunch\nand notice more")
	b.click(`input[name="confidence"][value="7"]`)
	b.typeInto("plan/r1c1", "Book a room")
	b.typeInto("plan/r1c3", "My manager | a friend")
	b.click(`[data-answer="ready/1"]`)
	b.typeInto("promise/name", "Ada")
	b.navigate(followUpPage)
	b.typeInto("look-back/r1/c1", "Booked it")
	b.setValue("look-back/r1/status", "done")
	b.navigate(reflectPage) // labels of checklists and commitments come from their page

	b.click(".download-answers")
	name, data := downloads.Wait(t, 10*time.Second)
	want := `# Browser test workbook

## 1.1 What did you notice this week?

_Reflect and plan_

Walk at lunch
and notice more

## 1.2 How confident are you about the next step?

_Reflect and plan_

7 of 10

## 1.3 Plan your next steps.

_Reflect and plan_

| What | By when | Support I need | How I will know |
| --- | --- | --- | --- |
| Book a room |  | My manager \| a friend |  |

## 1.4 What will you try next?

_Reflect and plan_

_(no answer yet)_

## 1.5 How did your plan go?

_Follow-up_

| Step | What did I do? | What happened? | What did I learn? | What next? | Status |
| --- | --- | --- | --- | --- | --- |
| 1. Book a room | Booked it |  |  |  | done |

## 2.1 What will you keep doing?

_Later_

_(no answer yet)_

## Checklists, commitments and session notes

### Promise

- Signed: Ada

### Ready

- [x] I booked a time.
`
	if name != workbook+"-answers.md" || string(data) != want {
		t.Fatalf("downloaded %q:\n%s\nwant %q:\n%s", name, data, workbook+"-answers.md", want)
	}
}

func TestClearAnswersAsksFirst(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	b.typeInto("first-question", "Something to forget")
	b.typeInto("plan/r2c1", "A step")
	b.click(`[data-answer="ready/1"]`)
	b.click(`input[name="confidence"][value="3"]`)
	// Another workbook's answers share the file:// origin and must survive.
	b.do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem("praxis:other-workbook:q", "keep me")`))

	dialogs := b.answerDialogs(false, true)
	b.click(".clear-answers")
	if msg := <-dialogs; !strings.Contains(msg, "Remove every answer") {
		t.Fatalf("confirm message = %q; want it to ask before removing every answer", msg)
	}
	if got := b.saved("first-question"); got != "Something to forget" {
		t.Fatalf("after declining, saved answer = %q; want it kept", got)
	}

	b.click(".clear-answers")
	<-dialogs
	b.do(chromedp.Poll[chromedp.Void](`document.querySelector('[data-answer="first-question"]').value === ""`, chromedp.WithPollingTimeout(5*time.Second)))
	assertCleared(t, b)
	b.reload()
	assertCleared(t, b)
	if got := eval[string](b, `localStorage.getItem("praxis:other-workbook:q")`); got != "keep me" {
		t.Fatalf("another workbook's answer = %q after clearing; want %q", got, "keep me")
	}
}

// assertCleared checks that no field of the page has a value and nothing of
// the workbook is left in storage.
func assertCleared(t *testing.T, b *browser) {
	t.Helper()
	filled := eval[[]string](b, `[...document.querySelectorAll("[data-answer]")]
		.filter(f => f.type === "checkbox" || f.type === "radio" ? f.checked : f.value !== "")
		.map(f => f.dataset.answer)`)
	keys := evalAwait[[]string](b, `praxisAnswers.stored().then(s => Object.keys(s.answers))`)
	marked := eval[int](b, `document.querySelectorAll(".has-answer").length`)
	if len(filled) > 0 || len(keys) > 0 || marked > 0 {
		t.Fatalf("after clearing: filled fields %q, stored keys %q, %d .has-answer; want none", filled, keys, marked)
	}
}

func TestCopyLinkButtons(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	hidden := eval[int](b, `document.querySelectorAll("button.copy-link[hidden]").length`)
	shown := eval[int](b, `document.querySelectorAll("button.copy-link:not([hidden])").length`)
	if hidden != 0 || shown != 4 {
		t.Fatalf("copy-link buttons: %d hidden, %d shown; want 0 and 4 (one per prompt)", hidden, shown)
	}
	b.click(`#plan .copy-link`)
	b.do(chromedp.Poll[chromedp.Void](`document.querySelector("#plan .copy-link").textContent === "Copied"`, chromedp.WithPollingTimeout(5*time.Second)))
}

func TestStorageFailureShowsOneNotice(t *testing.T) {
	t.Parallel()
	b := open(t, "index.html")
	// A full or disabled storage throws on every write.
	chrometest.Preload(t, b.ctx, `Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };`)
	b.navigate(reflectPage)
	b.typeInto("first-question", "ab")
	b.click(`[data-answer="ready/1"]`)
	notices := eval[[]string](b, `[...document.querySelectorAll(".answers-notice")].map(n => n.textContent)`)
	if len(notices) != 1 || !strings.Contains(notices[0], "cannot be saved") {
		t.Fatalf("notices after failed saves = %q; want exactly one saying answers cannot be saved", notices)
	}
	// The page keeps working: the typed text is still mirrored for print.
	if got := eval[string](b, `document.querySelector("#first-question .typed-answer").textContent`); got != "ab" {
		t.Fatalf(".typed-answer = %q; want %q", got, "ab")
	}
}

func TestEveryPageLoadsCleanly(t *testing.T) {
	t.Parallel()
	b := open(t, "index.html")
	for _, rel := range []string{"1-practice/index.html", reflectPage, followUpPage, "2-later/index.html", actionsPage,
		"prompts/index.html", "print/index.html", "404.html"} {
		b.navigate(rel)
		fields := eval[int](b, `document.querySelectorAll("[data-answer]").length`)
		if rel == reflectPage && fields == 0 {
			t.Fatalf("%s has no answer fields; the test site is broken", rel)
		}
	}
}
