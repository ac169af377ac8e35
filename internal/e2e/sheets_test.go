package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// printedSheets are the pages that print the follow-up review and the
// session sheets: the session page itself, its chapter's handout and the
// print book.
var printedSheets = []string{"4-sessions/follow-up-session/index.html", "4-sessions/print.html", "print/index.html"}

// paperSheet is a paper size with the width between its side margins in
// CSS pixels (18 mm margins, 96 pixels an inch).
type paperSheet struct {
	name  string
	width int64
}

var papers = []paperSheet{{"A4", printableWidthPx}, {"Letter", 680}}

// exampleOnPaper copies the example workbook to a temporary folder with
// base_url set (so printed pages carry a QR code) and the paper size
// given, and returns the folder.
func exampleOnPaper(t *testing.T, paper string) string {
	t.Helper()
	return exampleWith(t, func(yaml []byte) []byte {
		yaml = regexp.MustCompile(`(?m)^paper:.*$`).ReplaceAll(yaml, []byte("paper: "+paper))
		return withSettings("base_url: https://example.org/workbooks/from-insight-to-action/")(yaml)
	})
}

// sheetAudit lists, for the page laid out for print, everything that
// does not stay in its box: text or an element outside the table cell it
// belongs to, a QR code over the session details, a review's step column
// without a number and room to write the step, the screen's note about
// untyped steps, action-plan rows lower than 12 mm.
const sheetAudit = `(() => {
  const out = [];
  const mm = 96 / 25.4;
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
  const where = el => (el.closest("[id]") ? "#" + el.closest("[id]").id + " " : "") + name(el);
  const fmt = r => Math.round(r.left) + ".." + Math.round(r.right) + " × " + Math.round(r.top) + ".." + Math.round(r.bottom);
  const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const seen = el => el.checkVisibility({checkVisibilityCSS: true}) && el.getBoundingClientRect().width > 0;
  for (const cell of document.querySelectorAll(".review-table th, .review-table td, .actions-table th, .actions-table td, .agenda th, .agenda td")) {
    const box = cell.getBoundingClientRect();
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent.trim() || !seen(n.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && !inside(r, box)) out.push("text " + JSON.stringify(n.textContent.trim()) + " (" + fmt(r) + ") runs out of its cell " + where(cell) + " (" + fmt(box) + ")");
      }
    }
    for (const el of cell.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (seen(el) && r.height > 0 && !inside(r, box)) out.push(name(el) + " (" + fmt(r) + ") runs out of its cell " + where(cell) + " (" + fmt(box) + ")");
    }
  }
  for (const qr of document.querySelectorAll(".print-qr")) {
    const section = qr.closest(".print-page, article") || document.body;
    for (const box of section.querySelectorAll(".session-sheet, .session-fields, .session-fields > div, .agenda")) {
      if (overlap(qr.getBoundingClientRect(), box.getBoundingClientRect())) out.push("the QR code " + fmt(qr.getBoundingClientRect()) + " lies over " + where(box) + " " + fmt(box.getBoundingClientRect()));
    }
  }
  for (const th of document.querySelectorAll(".review-table tbody th.review-step")) {
    const text = th.innerText.trim(), typed = th.querySelector(".review-what");
    if (!/^\d+/.test(text)) out.push(where(th) + ": the step column says " + JSON.stringify(text) + ", not the step's number");
    const lines = getComputedStyle(th, "::after");
    if (!typed && (parseFloat(lines.height) < 10 * mm || lines.borderBottomStyle !== "solid")) out.push(where(th) + ": no lines to write the step on");
    if (typed && !seen(typed)) out.push(where(th) + ": the typed step is not printed");
  }
  for (const note of document.querySelectorAll(".review-note")) {
    if (seen(note) && /Nothing is typed/.test(note.innerText)) out.push("the screen's note is printed: " + note.innerText);
  }
  for (const tr of document.querySelectorAll(".actions-table tbody tr")) {
    if (tr.getBoundingClientRect().height < 12 * mm) out.push(where(tr) + ": a plan row " + (tr.getBoundingClientRect().height / mm).toFixed(1) + " mm high, less than 12 mm to write in");
  }
  return out;
})()`

// TestPrintedSheetsStayInTheirBoxes lays the follow-up session, its
// chapter's handout and the print book out for paper, A4 and Letter, with
// a QR code on every page, before and after a step is typed into the
// plan the review looks back at: no text runs out of a table cell (the
// review's status choices did), the QR code stays clear of the session
// details (it broke into them), the step column has the number and lines
// to write on or the typed step, the screen's note about untyped steps is
// not printed, and plan rows are at least 12 mm high. Printed to PDF (on
// the first paper size only), the follow-up session has none of the
// screen's wording.
func TestPrintedSheetsStayInTheirBoxes(t *testing.T) {
	t.Parallel()
	for _, paper := range papers {
		t.Run(paper.name, func(t *testing.T) {
			t.Parallel()
			site := buildWorkbook(t, exampleOnPaper(t, paper.name))
			b := &browser{t: t, site: site, ctx: chrometest.Tab(t)}
			chrometest.ForbidOutside(t, b.ctx, []string{site})
			failOnScriptErrors(t, b.ctx)
			// Which words print does not depend on the paper; one size
			// checks them.
			words := paper.name == papers[0].name
			if words {
				checkSheetsText(t, b, "nothing typed")
			}
			b.do(chromedp.EmulateViewport(paper.width, 1000))
			checkSheetsLayout(t, b, "nothing typed")
			b.emulateMedia("")
			b.navigate("3-action/action-steps/index.html")
			b.typeInto("first-plan/r1c1", "Ask Sam for ten minutes on Monday to talk about the draft, before the team meeting")
			b.setValue("first-plan/r1c2", "2099-05-04")
			checkSheetsLayout(t, b, "a step typed")
			b.emulateMedia("")
			if words {
				checkSheetsText(t, b, "a step typed")
			}
		})
	}
}

// checkSheetsLayout audits each of printedSheets laid out for print at
// the viewport's width.
func checkSheetsLayout(t *testing.T, b *browser, state string) {
	t.Helper()
	for _, rel := range printedSheets {
		b.emulateMedia("")
		b.navigate(rel)
		b.emulateMedia("print")
		for _, o := range eval[[]string](b, chrometest.OverflowScript) {
			t.Errorf("%s, %s: wider than the paper: %s", rel, state, o)
		}
		for _, p := range eval[[]string](b, sheetAudit) {
			t.Errorf("%s, %s: %s", rel, state, p)
		}
	}
}

// checkSheetsText prints the follow-up session and checks its text: the
// review's heading row, no screen wording.
func checkSheetsText(t *testing.T, b *browser, state string) {
	t.Helper()
	b.navigate(printedSheets[0])
	text := squash(pdfText(t, b.printPDF()))
	for _, want := range []string{"Step", "What did I do?", "Status", "planned", "dropped", "CLIENT", "0:05"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s, %s: the printed page lacks %q:\n%s", printedSheets[0], state, want, text)
		}
	}
	for _, unwanted := range []string{"Nothing is typed", "Download", "Save all", "Copy link", "′"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("%s, %s: the printed page says %q, which belongs on screen:\n%s", printedSheets[0], state, unwanted, text)
		}
	}
}

// TestActionPlanGrowsAndFitsAPhone types more into an action plan's cell
// than one line holds: on a desktop screen the cell grows to show all of
// it; on a phone the plan is one card per step, each field under the
// other, and the page does not scroll sideways (TestAccessibility checks
// that of every page).
func TestActionPlanGrowsAndFitsAPhone(t *testing.T) {
	t.Parallel()
	b := &browser{t: t, site: buildWorkbook(t, exampleRoot), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	b.do(chromedp.EmulateViewport(desktopWidth, 900))
	b.navigate(planPage)
	cell := `document.querySelector('[data-answer="first-plan/r1c1"]')`
	before := eval[float64](b, cell+`.getBoundingClientRect().height`)
	b.typeInto("first-plan/r1c1", strings.Repeat("Ask Sam for ten minutes on Monday. ", 6))
	after := eval[float64](b, cell+`.getBoundingClientRect().height`)
	if hidden := eval[bool](b, cell+`.scrollHeight > `+cell+`.clientHeight + 1`); hidden || after < 3*before {
		t.Errorf("a cell with six sentences is %.0fpx high (empty: %.0fpx), text hidden: %v; want it to grow to show them", after, before, hidden)
	}

	b.do(chromedp.EmulateViewport(phoneWidth, 800))
	b.navigate(planPage)
	cards := eval[[]string](b, `(() => {
	  const out = [], table = document.querySelector("#first-plan .actions-table").getBoundingClientRect();
	  for (const tr of document.querySelectorAll("#first-plan tbody tr")) {
	    const r = tr.getBoundingClientRect(), tds = [...tr.cells].map(td => td.getBoundingClientRect());
	    if (r.width < table.width - 2) out.push("row " + tr.dataset.label + " is " + Math.round(r.width) + "px wide in a plan of " + Math.round(table.width) + "px");
	    for (let i = 1; i < tds.length; i++) if (tds[i].top < tds[i - 1].bottom - 1) out.push("row " + tr.dataset.label + ": field " + (i + 1) + " stands beside field " + i + ", not under it");
	  }
	  return out;
	})()`)
	for _, c := range cards {
		t.Errorf("%s at %dpx: %s", planPage, phoneWidth, c)
	}
	checkReflow(t, b, planPage)
}

// planPage is the page of the example with its first action plan.
const planPage = "3-action/action-steps/index.html"
