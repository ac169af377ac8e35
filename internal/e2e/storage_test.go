package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/chromedp"
)

// TestAnswersReachEveryPage types answers on one page and finds them on the
// others: in "My action steps", in the review of the follow-up page, in
// the progress counts and in the "Save all my answers" file. In Firefox
// from file:// each page has its own localStorage, so this holds only
// because every page keeps its answers in the one store of the workbook.
func TestAnswersReachEveryPage(t *testing.T) {
	t.Parallel()
	eachBrowser(t, true, tabOptions{}, func(t *testing.T, b tab, s site) {
		b.open(reflectPage)
		b.typeInto("first-question", "Walk at lunch\nand notice more")
		b.typeInto("plan/r1c1", "Call Sam")
		b.click(`input[name="confidence"][value="7"]`)

		b.open(actionsPage)
		var steps []string
		b.eval(`[...document.querySelectorAll(".steps-board tr.step .step-what > span:first-child")].map(s => s.textContent)`, &steps)
		if !slices.Equal(steps, []string{"Call Sam"}) {
			t.Errorf("My action steps lists %q; want the step typed on another page", steps)
		}
		var progress string
		b.eval(`[...document.querySelectorAll(".toc-progress > [aria-hidden]")].map(s => s.textContent).join(" ")`, &progress)
		if progress != "3/5 0/1" {
			t.Errorf("progress on %s = %q; want 3/5 0/1 (three prompts answered on another page)", actionsPage, progress)
		}
		if !s.web && strings.Contains(t.Name(), "firefox") {
			// The reason for the store: this page's own storage is not the
			// reflect page's.
			var own *string
			b.eval(`localStorage.getItem("praxis:`+workbook+`:first-question")`, &own)
			if own != nil {
				t.Fatalf("Firefox shares localStorage between file:// pages (%q); the test does not run with Firefox's defaults", *own)
			}
		}
		name, data := b.download(".save-all-answers")
		saved := checkAnswersFile(t, name, data)
		want := map[string]string{"first-question": "Walk at lunch\nand notice more", "plan/r1c1": "Call Sam", "confidence": "7"}
		if !maps.Equal(saved, want) {
			t.Errorf("saved file from %s holds %q; want %q", actionsPage, saved, want)
		}

		b.open(followUpPage)
		var rows []string
		b.eval(`[...document.querySelectorAll("#look-back tbody tr .review-what")].map(e => e.textContent)`, &rows)
		if !slices.Equal(rows, []string{"Call Sam"}) {
			t.Errorf("review rows = %q; want the step planned on the reflect page", rows)
		}
		b.open(reflectPage)
		var back string
		b.eval(`document.querySelector('[data-answer="first-question"]').value`, &back)
		if back != want["first-question"] {
			t.Errorf("answer back on its page = %q; want %q", back, want["first-question"])
		}
	})
}

// TestPerPageAnswersMoveToTheStore starts from answers that an earlier
// praxis kept in one page's own localStorage (as in Firefox from file://):
// visiting that page moves them into the store, where every page sees
// them, and removes the page's copy once the store has them. An earlier
// answer that differs from the one in the store is not overwritten: the
// reader chooses. In Chromium the page's storage is the store's, and
// nothing is moved or removed.
func TestPerPageAnswersMoveToTheStore(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, b tab, _ site) {
		firefox := strings.Contains(t.Name(), "firefox")
		b.open(reflectPage)
		b.typeInto("second-question", "Typed now")
		b.eval(`praxisAnswers.settled()`, nil)
		// What an earlier praxis left in this page's own storage.
		b.eval(`localStorage.setItem("praxis:`+workbook+`:first-question", "Typed before the store") ??
			(`+strconv.FormatBool(firefox)+` && localStorage.setItem("praxis:`+workbook+`:second-question", "Typed earlier"))`, nil)

		b.open(reflectPage)
		var field string
		b.eval(`document.querySelector('[data-answer="first-question"]').value`, &field)
		if field != "Typed before the store" {
			t.Fatalf("first-question after the visit = %q; want the page's earlier answer", field)
		}
		if got := storedAnswers(b)["first-question"]; got != "Typed before the store" {
			t.Fatalf("the store holds %q for first-question; want the page's earlier answer moved in", got)
		}
		if firefox {
			var notice string
			b.eval(`document.querySelector(".answers-conflict")?.textContent ?? ""`, &notice)
			if !strings.Contains(notice, "“Typed earlier” (now “Typed now”)") {
				t.Fatalf("notice = %q; want it to show the earlier and the current answer", notice)
			}
			b.click(".answers-conflict .use-earlier")
			b.eval(`praxisAnswers.settled()`, nil)
			var own []string
			b.eval(`Object.keys(localStorage).filter(k => k.startsWith("praxis:`+workbook+`:"))`, &own)
			if len(own) != 0 {
				t.Fatalf("the page's own storage still holds %q; want its copies removed once the store has them", own)
			}
		}

		b.open(actionsPage)
		got := storedAnswers(b)
		want := map[string]string{"first-question": "Typed before the store", "second-question": "Typed now"}
		if firefox {
			want["second-question"] = "Typed earlier" // the reader chose it
		}
		if got["first-question"] != want["first-question"] || got["second-question"] != want["second-question"] {
			t.Fatalf("from another page the store holds %q; want %q", got, want)
		}
	})
}

// TestMissingStoreFallsBack opens a page whose site lacks
// answers-store.html (as a page saved on its own would): the page keeps
// its answers in its own storage, without a warning, and moves them into
// the store on a visit once the store is there.
func TestMissingStoreFallsBack(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{allowErrors: true}, func(t *testing.T, b tab, s site) {
		store := filepath.Join(s.dir, "answers-store.html")
		if err := os.Rename(store, store+".away"); err != nil {
			t.Fatal(err)
		}
		b.open(reflectPage)
		b.typeInto("first-question", "Typed without the store")
		var state struct {
			Mode   string `json:"mode"`
			Own    string `json:"own"`
			Notice bool   `json:"notice"`
		}
		b.eval(`praxisAnswers.settled().then(() => ({mode: praxisAnswers.storage(),
			own: localStorage.getItem("praxis:`+workbook+`:first-question"), notice: !!document.querySelector(".answers-notice")}))`, &state)
		if state.Mode != "local" || state.Own != "Typed without the store" || state.Notice {
			t.Fatalf("without the store: %+v; want the answer in the page's own storage, and no warning", state)
		}

		if err := os.Rename(store+".away", store); err != nil {
			t.Fatal(err)
		}
		b.open(reflectPage)
		b.eval(`praxisAnswers.settled()`, nil)
		b.open(actionsPage)
		var got string
		b.eval(`praxisAnswers.load("first-question")`, &got)
		if got != "Typed without the store" {
			t.Fatalf("another page reads %q; want the answer typed while the store was missing", got)
		}
	})
}

// quota makes the answers store's storage hold at most about 2,000
// characters of answers: a full browser storage, in every frame.
const quota = `() => {
	if (!location.pathname.endsWith("answers-store.html")) return;
	const setItem = Storage.prototype.setItem;
	Storage.prototype.setItem = function (k, v) {
		if (k.startsWith("praxis:")) {
			let used = k.length + String(v).length;
			for (let i = 0; i < this.length; i++) {
				const o = this.key(i);
				if (o.startsWith("praxis:") && o !== k) used += o.length + this.getItem(o).length;
			}
			if (used > 2000) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
		}
		return setItem.call(this, k, v);
	};
}`

// TestLoadMoreThanFits loads a file of answers bigger than the browser's
// storage allows: the page says how many answers were loaded and names
// those that were not, never that everything was loaded.
func TestLoadMoreThanFits(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{preload: quota}, func(t *testing.T, b tab, _ site) {
		b.open(reflectPage)
		answers := map[string]string{}
		for i := 1; i <= 12; i++ {
			answers[fmt.Sprintf("note-%02d", i)] = strings.Repeat(strconv.Itoa(i%10), 400)
		}
		file, err := json.Marshal(map[string]any{"format": "praxis-answers", "version": 1, "workbook": workbook,
			"title": "Browser test workbook", "saved": "2026-12-01T10:00:00Z", "answers": answers})
		if err != nil {
			t.Fatal(err)
		}
		b.chooseFile(".load-answers-file", writeBytes(t, file))
		b.waitJS(`document.querySelector(".load-dialog[open]") !== null`)
		b.click(".load-dialog .confirm-load")
		b.waitJS(`document.querySelector(".load-message").textContent.startsWith("Loaded")`)
		var msg string
		b.eval(`document.querySelector(".load-message").textContent`, &msg)
		stored := storedAnswers(b)
		m := regexp.MustCompile(`^Loaded (\d+) new answers? and 0 changed answers\. (\d+) answers? of the file could not be loaded, because this browser has no more room for this workbook: ([^.]*)\. Keep the file`).FindStringSubmatch(msg)
		if m == nil {
			t.Fatalf("message after loading = %q; want how many were loaded and which were not", msg)
		}
		loaded, _ := strconv.Atoi(m[1])
		failed, _ := strconv.Atoi(m[2])
		if loaded != len(stored) || loaded+failed != len(answers) || loaded == 0 || failed == 0 {
			t.Fatalf("message %q; the store holds %d answers of the file's %d", msg, len(stored), len(answers))
		}
		for _, k := range strings.Split(m[3], ", ") {
			if _, ok := stored[k]; ok || answers[k] == "" {
				t.Errorf("the message names %q as not loaded; the store holds %v of it", k, ok)
			}
		}
		var shown string
		b.eval(`document.querySelector(".load-message").getAttribute("role")`, &shown)
		if shown != "alert" {
			t.Errorf("the message's role = %q; want alert, since answers were left out", shown)
		}
	})
}

// TestSaveReminder drives the reminder to save the answers to a file by the
// times the store notes: answers unsaved for 8 days bring it, "Remind me
// later" puts it off for a day, and saving the file ends it.
func TestSaveReminder(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, b tab, _ site) {
		const day = 24 * 60 * 60 * 1000
		b.open(reflectPage)
		b.typeInto("first-question", "Something worth keeping")
		if reminder(b) != "" {
			t.Fatal("a reminder right after typing; want none for 7 days")
		}
		b.eval(fmt.Sprintf(`praxisAnswers.setMeta("changed", Date.now() - 8 * %d) ?? praxisAnswers.settled()`, day), nil)
		b.open(actionsPage)
		if r := reminder(b); !strings.Contains(r, "not been saved to a file for 8 days") {
			t.Fatalf("reminder = %q; want one saying 8 days", r)
		}
		b.click(".save-reminder .remind-later")
		b.eval(`praxisAnswers.settled()`, nil)
		b.open(reflectPage)
		if r := reminder(b); r != "" {
			t.Fatalf("reminder = %q right after 'Remind me later'; want none for a day", r)
		}
		b.eval(fmt.Sprintf(`praxisAnswers.setMeta("remind-later", Date.now() - 2 * %d) ?? praxisAnswers.settled()`, day), nil)
		b.open(reflectPage)
		if reminder(b) == "" {
			t.Fatal("no reminder two days after 'Remind me later'")
		}
		name, data := b.download(".save-reminder .remind-save")
		if saved := checkAnswersFile(t, name, data); saved["first-question"] != "Something worth keeping" {
			t.Fatalf("the reminder's button saved %q", saved)
		}
		b.eval(`praxisAnswers.settled()`, nil)
		b.open(followUpPage)
		if r := reminder(b); r != "" {
			t.Fatalf("reminder = %q after saving the file; want none", r)
		}
	})
}

// reminder returns the text of the page's reminder to save, or "".
func reminder(b tab) string {
	var r string
	b.eval(`document.querySelector(".save-reminder p")?.textContent ?? ""`, &r)
	return r
}

// TestChecklistWordsTickTheBox clicks the words of a checklist item, not
// its box: the box is ticked and saved, and the words are the box's name.
func TestChecklistWordsTickTheBox(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, b tab, _ site) {
		b.open(reflectPage)
		var at struct{ X, Y float64 }
		b.eval(`(() => {
			const label = document.querySelector('[data-answer="ready/2"]').closest("label");
			label.scrollIntoView({block: "center"});
			const r = document.createRange();
			r.selectNodeContents(label.lastChild);
			const box = r.getBoundingClientRect();
			return {X: box.left + box.width / 2, Y: box.top + box.height / 2};
		})()`, &at)
		b.clickAt(at.X, at.Y)
		var state struct {
			Checked bool   `json:"checked"`
			Name    string `json:"name"`
		}
		b.eval(`(f => ({checked: f.checked, name: [...f.labels].map(l => l.textContent.trim()).join("|")}))(document.querySelector('[data-answer="ready/2"]'))`, &state)
		if !state.Checked || state.Name != "I told someone about it." {
			t.Fatalf("after clicking the words: %+v; want the box ticked and labelled by them", state)
		}
		if got := storedAnswers(b)["ready/2"]; got != "true" {
			t.Fatalf("stored ready/2 = %q; want true", got)
		}
		if c, ok := b.(*chromiumTab); ok {
			if n := axNodes(c, "checkbox", "I told someone about it."); n != 1 {
				t.Fatalf("Chromium's accessibility tree has %d checkboxes named %q; want 1", n, "I told someone about it.")
			}
		}
	})
}

// axNodes returns how many nodes of the page Chromium's accessibility tree
// has with role and name: what a screen reader is told.
func axNodes(c *chromiumTab, role, name string) int {
	c.b.t.Helper()
	n := 0
	c.b.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		doc, err := cdp.Call(ctx, tg, dom.GetDocument, dom.GetDocumentParams{})
		if err != nil {
			return err
		}
		res, err := cdp.Call(ctx, tg, accessibility.QueryAXTree, accessibility.QueryAXTreeParams{
			NodeID: doc.Root.NodeID, Role: role, AccessibleName: name})
		if err != nil {
			return err
		}
		for _, node := range res.Nodes {
			if !node.Ignored {
				n++
			}
		}
		return nil
	}))
	return n
}

// TestTwoTabsKeepEachOthersAnswers types in two tabs of the workbook at
// once: each tab's answers stay, and what one tab types shows in the other
// (its progress and its fields) without a reload.
func TestTwoTabsKeepEachOthersAnswers(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, one tab, _ site) {
		one.open(reflectPage)
		two := one.another()
		two.open(reflectPage)
		one.typeInto("first-question", "From tab one")
		two.typeInto("second-question", "From tab two")
		two.waitJS(`document.querySelector('[data-answer="first-question"]').value === "From tab one"`)
		one.waitJS(`document.querySelector('[data-answer="second-question"]').value === "From tab two"`)
		one.typeInto("plan/r1c1", "Step from tab one")
		two.waitJS(`document.querySelector(".toc-progress > [aria-hidden]").textContent === "3/5"`)
		want := map[string]string{"first-question": "From tab one", "second-question": "From tab two", "plan/r1c1": "Step from tab one"}
		for i, b := range []tab{one, two} {
			if got := storedAnswers(b); !maps.Equal(got, want) {
				t.Fatalf("tab %d: the store holds %q; want %q", i+1, got, want)
			}
		}
	})
}

// TestAnswersUnderTheFormerIDMove checks a workbook whose id changed with
// this version of praxis (prompts.js names the former one, as for a title
// with accents): answers saved under the former id are moved to the new
// one, and a file saved with the former id still loads.
func TestAnswersUnderTheFormerIDMove(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, b tab, s site) {
		js := filepath.Join(s.dir, "prompts.js")
		data, err := os.ReadFile(js)
		if err != nil {
			t.Fatal(err)
		}
		from := `{"workbook":"` + workbook + `",`
		if !strings.Contains(string(data), from) {
			t.Fatalf("prompts.js does not start as expected: %.80s", data)
		}
		if err := os.WriteFile(js, []byte(strings.Replace(string(data), from, from+`"formerly":"old-id",`, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		b.open(reflectPage)
		b.eval(`localStorage.setItem("praxis:old-id:first-question", "Saved under the old id")`, nil)
		b.open(reflectPage)
		var field string
		b.eval(`document.querySelector('[data-answer="first-question"]').value`, &field)
		if got := storedAnswers(b)["first-question"]; got != "Saved under the old id" || field != got {
			t.Fatalf("store holds %q, the field shows %q; want the answer saved under the former id", got, field)
		}
		file, err := json.Marshal(map[string]any{"format": "praxis-answers", "version": 1, "workbook": "old-id",
			"title": "Browser test workbook", "saved": "2026-12-01T10:00:00Z", "answers": map[string]string{"second-question": "From an old file"}})
		if err != nil {
			t.Fatal(err)
		}
		b.chooseFile(".load-answers-file", writeBytes(t, file))
		b.waitJS(`document.querySelector(".load-dialog[open]") !== null`)
		b.click(".load-dialog .confirm-load")
		b.waitJS(`document.querySelector(".load-message").textContent.startsWith("Loaded")`)
		if got := storedAnswers(b)["second-question"]; got != "From an old file" {
			t.Fatalf("a file saved under the former id loaded %q; want its answer", got)
		}
	})
}

// persistSpy answers the store's request to keep its storage as a browser
// that grants it would, and counts the requests.
const persistSpy = `() => {
	if (!location.pathname.endsWith("answers-store.html") || !navigator.storage) return;
	window.persistAsked = 0;
	navigator.storage.persisted = () => Promise.resolve(false);
	navigator.storage.persist = () => { window.persistAsked++; return Promise.resolve(true); };
}`

// TestAsksToKeepTheStorage checks that typing an answer makes the store
// ask the browser to keep its storage (navigator.storage.persist), and
// that the page notes the browser's yes, so it does not ask again.
func TestAsksToKeepTheStorage(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{preload: persistSpy}, func(t *testing.T, b tab, _ site) {
		b.open(reflectPage)
		var before map[string]string
		b.eval(`praxisAnswers.stored().then(s => s.meta)`, &before)
		if before["persisted"] != "" {
			t.Fatalf("asked before anything was typed: %q", before)
		}
		b.typeInto("first-question", "Keep this")
		b.waitJS(`praxisAnswers.meta("persisted") === "true"`)
		b.eval(`praxisAnswers.settled()`, nil)
		var after map[string]string
		b.eval(`praxisAnswers.stored().then(s => s.meta)`, &after)
		if after["persisted"] != "true" {
			t.Fatalf("the store's notes after the browser said yes: %q; want persisted true", after)
		}
	})
}

// TestTwoTabsOneField edits one answer in two tabs, one after the other:
// the tab whose field still has the focus from its own typing shows what
// the other tab typed, so typing on there adds to the other tab's answer
// instead of writing the old text back over it.
func TestTwoTabsOneField(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, one tab, _ site) {
		one.open(reflectPage)
		two := one.another()
		two.open(reflectPage)
		two.typeInto("first-question", "Draft")
		one.waitJS(`document.querySelector('[data-answer="first-question"]').value === "Draft"`)
		one.typeInto("first-question", " from tab one")
		two.waitJS(`praxisAnswers.load("first-question") === "Draft from tab one"`)
		var shown string
		two.eval(`document.querySelector('[data-answer="first-question"]').value`, &shown)
		if shown != "Draft from tab one" {
			t.Fatalf("the tab still in the field shows %q; want what the other tab typed since", shown)
		}
		two.typeInto("first-question", ", then more")
		if got := storedAnswers(two)["first-question"]; got != "Draft from tab one, then more" {
			t.Fatalf("the store holds %q; want both tabs' typing", got)
		}
	})
}

// holdHello keeps the answers store from answering a page's first hello
// while it holds an answer to first-question, until the page posts it
// {e2e: "release"}: a store slow to answer, as on a busy computer.
const holdHello = `() => {
	if (!location.pathname.endsWith("answers-store.html")) return;
	const add = window.addEventListener, held = [];
	let released = false;
	window.addEventListener = function (type, fn, opts) {
		if (type !== "message") return add.call(this, type, fn, opts);
		return add.call(this, type, e => {
			if (e.data && e.data.e2e === "release") {
				released = true;
				return held.splice(0).forEach(fn);
			}
			if (!released && e.data && e.data.op === "hello" && localStorage.getItem("praxis:e2e-workbook:first-question") !== null) return held.push(e);
			fn(e);
		}, opts);
	};
}`

// TestTypingBeforeTheStoreAnswers types into a field before the store has
// answered, so before the field shows the answer saved for it: the saved
// answer is kept, with what was typed after it, and neither replaces the
// other unseen.
func TestTypingBeforeTheStoreAnswers(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{preload: holdHello}, func(t *testing.T, b tab, _ site) {
		b.open(reflectPage)
		b.typeInto("first-question", "Saved before")
		b.eval(`praxisAnswers.settled()`, nil)

		b.visit(reflectPage)
		b.typeInto("first-question", "Typed early")
		b.eval(`document.querySelector('iframe[src$="answers-store.html"]').contentWindow.postMessage({e2e: "release"}, "*")`, nil)
		b.waitJS(scriptsReady)
		const want = "Saved before\nTyped early"
		var shown string
		b.eval(`new Promise(res => {
			const end = Date.now() + 5000;
			(function poll() {
				if (praxisAnswers.load("first-question") === `+strconv.Quote(want)+` || Date.now() > end) {
					praxisAnswers.settled().then(() => res(document.querySelector('[data-answer="first-question"]').value));
				} else setTimeout(poll, 50);
			})();
		})`, &shown)
		if got := storedAnswers(b)["first-question"]; got != want || shown != want {
			t.Fatalf("the store holds %q and the field shows %q; want %q, the saved answer and what was typed", got, shown, want)
		}
	})
}

// dropAcks keeps a page from hearing that the store saved its answers
// while window.e2eDropAcks is true: as for a page closed right after
// typing, the store has the answer but the page's note of it stays.
const dropAcks = `() => {
	if (location.pathname.endsWith("answers-store.html")) return;
	const add = window.addEventListener;
	window.addEventListener = function (type, fn, opts) {
		if (type !== "message") return add.call(this, type, fn, opts);
		return add.call(this, type, e => {
			if (!(window.e2eDropAcks && e.data && e.data.op === "ack")) fn(e);
		}, opts);
	};
}`

// TestOldNoteKeepsNewerAnswer types an answer on a page, leaves it for the
// chapter's handout and writes another answer to the same question there,
// then comes back. A page notes each answer in its own storage until the
// store says it has it (in Firefox from file://, storage of that page
// alone), and sends a note still there again when it starts: the note left
// by leaving the page (the text area's change event as it lost the focus)
// must not replace what the handout wrote since. Nor must a note whose
// answer the store had but whose reply the page missed, as when it closes
// right after typing (dropAcks): then both answers are kept.
func TestOldNoteKeepsNewerAnswer(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{preload: dropAcks}, func(t *testing.T, b tab, _ site) {
		firefox := strings.Contains(t.Name(), "firefox")
		for _, c := range []struct {
			key  string
			drop bool
			want string
		}{
			{"first-question", false, "Rewritten on the handout"},
			{"second-question", true, map[bool]string{false: "Rewritten on the handout", true: "Rewritten on the handout\nTyped, then the page closed"}[firefox]},
		} {
			b.open(reflectPage)
			b.eval(`window.e2eDropAcks = `+strconv.FormatBool(c.drop), nil)
			b.typeInto(c.key, "Typed, then the page closed")
			b.open("1-practice/print.html")
			b.waitJS(fmt.Sprintf(`praxisAnswers.load(%q) === "Typed, then the page closed"`, c.key))
			b.eval(fmt.Sprintf(`(f => {
				f.value = "Rewritten on the handout";
				f.dispatchEvent(new Event("input", {bubbles: true}));
			})(document.querySelector('[data-answer=%q]'))`, c.key), nil)
			b.eval(`praxisAnswers.settled()`, nil)

			b.open(reflectPage)
			b.eval(`praxisAnswers.settled()`, nil)
			if got := storedAnswers(b)[c.key]; got != c.want {
				t.Errorf("%s (replies dropped: %v): after coming back to the page, the store holds %q; want %q", c.key, c.drop, got, c.want)
			}
		}
	})
}

// TestTextInADateColumnStays loads a plan whose second column held words
// when they were typed (the coach has since made it "By when", a date
// column, or reordered the columns): the words show in the field and can
// be edited, instead of an empty date field that a picked date would
// silently replace them through.
func TestTextInADateColumnStays(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, b tab, _ site) {
		b.open(reflectPage)
		b.eval(`new Promise(res => praxisAnswers.saveMany({"plan/r1c1": "Call Sam", "plan/r1c2": "After the holidays"}, res))`, nil)
		b.open(reflectPage)
		var shown string
		b.eval(`document.querySelector('[data-answer="plan/r1c2"]').value`, &shown)
		if shown != "After the holidays" {
			t.Fatalf("the plan's date field shows %q; want the words saved for it", shown)
		}
		b.typeInto("plan/r1c2", ", or sooner")
		if got := storedAnswers(b)["plan/r1c2"]; got != "After the holidays, or sooner" {
			t.Fatalf("after typing on, the store holds %q", got)
		}
	})
}

// TestTypingBeforeTheStoreAnswersThenLeaving types into a field before the
// store has answered and leaves the page before it does: the page's note
// of what was typed, sent again by the next page that starts (in Firefox
// from file://, the same page), keeps the answer saved for the field too.
func TestTypingBeforeTheStoreAnswersThenLeaving(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{preload: holdHello}, func(t *testing.T, b tab, _ site) {
		release := func() {
			b.eval(`document.querySelector('iframe[src$="answers-store.html"]').contentWindow.postMessage({e2e: "release"}, "*")`, nil)
			b.waitJS(scriptsReady)
			b.eval(`praxisAnswers.settled()`, nil)
		}
		b.open(reflectPage)
		b.typeInto("first-question", "Saved before")
		b.eval(`praxisAnswers.settled()`, nil)

		b.visit(reflectPage)
		b.typeInto("first-question", "Typed early")
		b.visit(actionsPage)
		release()
		b.visit(reflectPage)
		release()
		const want = "Saved before\nTyped early"
		if got := storedAnswers(b)["first-question"]; got != want {
			t.Fatalf("the store holds %q; want %q, the saved answer and what was typed", got, want)
		}
	})
}

// TestStepsBeyondThePlansRows opens a plan with a step saved in a row the
// plan no longer has (it had five rows when the step was typed, three
// now): the plan shows a row for it, where the step can be read and
// edited, instead of hiding it.
func TestStepsBeyondThePlansRows(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, b tab, _ site) {
		b.open(reflectPage)
		b.eval(`new Promise(res => praxisAnswers.saveMany({"plan/r1c1": "Call Sam", "plan/r5c1": "A fifth step", "plan/r5c3": "My team"}, res))`, nil)
		b.open(reflectPage)
		var rows struct {
			Rows  int    `json:"rows"`
			Fifth string `json:"fifth"`
			Label string `json:"label"`
		}
		b.eval(`(f => ({rows: document.querySelectorAll("#plan tbody tr").length, fifth: f?.value ?? "(no field)", label: f?.getAttribute("aria-label") ?? ""}))(
			document.querySelector('[data-answer="plan/r5c1"]'))`, &rows)
		if rows.Rows != 5 || rows.Fifth != "A fifth step" || rows.Label != "What, step 5" {
			t.Fatalf("the plan shows %d rows, the fifth step's field %q labelled %q; want 5 rows and the step, labelled What, step 5", rows.Rows, rows.Fifth, rows.Label)
		}
		b.typeInto("plan/r5c1", ", soon")
		if got := storedAnswers(b)["plan/r5c1"]; got != "A fifth step, soon" {
			t.Fatalf("after typing on, the store holds %q", got)
		}
	})
}

// TestReviewRowsWithoutAStep opens a review whose plan has one step typed,
// while the review holds answers for another row: typed when the plan had
// no steps online and the review showed its empty rows (the plan was on
// paper). That row stays in the review, with its answers, and is not
// hidden because the plan has no step in it.
func TestReviewRowsWithoutAStep(t *testing.T) {
	t.Parallel()
	eachBrowser(t, false, tabOptions{}, func(t *testing.T, b tab, _ site) {
		b.open(followUpPage)
		b.typeInto("look-back/r2/c1", "Did it anyway")
		b.open(reflectPage)
		b.typeInto("plan/r1c1", "Call Sam")
		b.open(followUpPage)
		var rows struct {
			Rows   []string `json:"rows"`
			Second string   `json:"second"`
		}
		b.eval(`({rows: [...document.querySelectorAll("#look-back tbody tr")].map(r => r.dataset.row),
			second: document.querySelector('[data-answer="look-back/r2/c1"]')?.value ?? "(no field)"})`, &rows)
		if !slices.Equal(rows.Rows, []string{"1", "2"}) || rows.Second != "Did it anyway" {
			t.Fatalf("the review shows rows %q and %q in row 2; want rows 1 and 2, with what was typed in row 2", rows.Rows, rows.Second)
		}
	})
}
