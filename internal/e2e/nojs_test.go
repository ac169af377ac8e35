package e2e

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// exampleRoot is the example workbook, From insight to action: the
// repository's own content/ and praxis.yaml.
var exampleRoot = filepath.Join("..", "..")

// desktopWidth is wide enough (60em and more) for the sidebar to stand open
// beside the text.
const desktopWidth = 1280

// openNoJS builds the example workbook and starts a browser with
// JavaScript disabled that fails the test on any request for something
// that is not a file of the site and on any browser error (a missing
// stylesheet, say). It opens no page yet.
func openNoJS(t *testing.T) *browser {
	t.Helper()
	b := &browser{t: t, site: buildWorkbook(t, exampleRoot), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	b.do(chromedp.EmulateViewport(desktopWidth, 900), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	return b
}

// sitePages returns the HTML pages of the built site, relative to it,
// without the redirects that aliases leave at old addresses and without
// answers-store.html, which is no page to read (it keeps the answers).
func sitePages(t *testing.T, site string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(site, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.Contains(string(data), `http-equiv="refresh"`) && d.Name() != "answers-store.html" {
			rel, _ := filepath.Rel(site, path)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing the pages of %s: %v", site, err)
	}
	return pages
}

// linkTarget returns the file that href, a link on page rel of site, leads
// to, or "" when it leads off the site.
func linkTarget(site, rel, href string) string {
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return ""
	}
	return filepath.Join(site, filepath.Dir(filepath.FromSlash(rel)), filepath.FromSlash(u.Path))
}

// audit is what noJSAudit finds on a page.
type audit struct {
	Problems  []string `json:"problems"`  // content that is missing or hidden
	Links     []string `json:"links"`     // the hrefs of the navigation
	Sidebar   int      `json:"sidebar"`   // visible links in the sidebar
	Pager     int      `json:"pager"`     // visible previous and next links
	SiteLinks int      `json:"siteLinks"` // visible links in the header
	PrintBook bool     `json:"printBook"` // the print book or a chapter handout
}

// TestWithoutJavaScript opens every page of the example workbook with
// JavaScript disabled: every question, answer area, scale choice, plan row,
// checklist item and navigation link must be there and visible, no content
// may stay hidden for a script to reveal, the navigation must lead to files
// of the site, and laid out for print every prompt has its ruled lines and
// the navigation is gone.
func TestWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := openNoJS(t)
	checkWithoutJavaScript(t, b)
	checkPhoneContents(t, b, "3-action/action-steps/index.html")
}

// phoneWidth is narrower than 60em: the sidebar folds into a Contents
// toggle above the text.
const phoneWidth = 400

// checkPhoneContents opens page rel on a phone: the contents start folded
// without JavaScript, and the Contents toggle, which needs no script,
// unfolds them.
func checkPhoneContents(t *testing.T, b *browser, rel string) {
	t.Helper()
	b.do(chromedp.EmulateViewport(phoneWidth, 800), chromedp.Navigate(chrometest.FileURL(t, filepath.Join(b.site, rel))))
	const visibleLinks = `[...document.querySelectorAll(".sidebar .toc a")].filter(a => a.checkVisibility()).length`
	if folded := eval[int](b, visibleLinks); folded != 0 {
		t.Errorf("%s at %dpx: %d contents links visible before tapping Contents; want them folded", rel, phoneWidth, folded)
	}
	if !eval[bool](b, `document.querySelector(".sidebar-toggle > summary")?.checkVisibility() ?? false`) {
		t.Fatalf("%s at %dpx: no visible Contents toggle", rel, phoneWidth)
	}
	b.click(".sidebar-toggle > summary")
	if open := eval[int](b, visibleLinks); open < 5 {
		t.Errorf("%s at %dpx: %d contents links visible after tapping Contents; want at least one for each of the 5 chapters", rel, phoneWidth, open)
	}
}

// checkWithoutJavaScript opens every page of the site of b and checks it
// on screen and laid out for print.
func checkWithoutJavaScript(t *testing.T, b *browser) {
	t.Helper()
	pages := sitePages(t, b.site)
	if len(pages) < 20 {
		t.Fatalf("the example has %d pages: %q; want all of them", len(pages), pages)
	}
	for _, rel := range pages {
		b.do(chromedp.Navigate(chrometest.FileURL(t, filepath.Join(b.site, rel))))
		if eval[bool](b, `document.querySelector(".answers-toolbar") !== null || "loop" in document.documentElement.dataset`) {
			t.Fatalf("%s: the answers toolbar is there: JavaScript ran", rel)
		}
		checkScreen(t, b, rel, eval[audit](b, noJSAudit+"(false)"))
		b.emulateMedia("print")
		for _, p := range eval[audit](b, noJSAudit+"(true)").Problems {
			t.Errorf("%s, printed without JavaScript: %s", rel, p)
		}
		b.emulateMedia("")
	}
}

// checkScreen checks the audit of page rel on screen: no problems, and the
// navigation a page of its kind has, leading to files of the site.
func checkScreen(t *testing.T, b *browser, rel string, a audit) {
	t.Helper()
	for _, p := range a.Problems {
		t.Errorf("%s, without JavaScript: %s", rel, p)
	}
	generated := rel == "404.html" || rel == "prompts/index.html" || rel == actionsPage
	switch {
	case a.PrintBook:
	case a.Sidebar < 5 || a.SiteLinks != 3:
		t.Errorf("%s: %d visible links in the sidebar and %d in the header; want one for each of the 5 chapters and 3", rel, a.Sidebar, a.SiteLinks)
	case a.Pager == 0 && !generated:
		t.Errorf("%s: no visible previous or next link", rel)
	}
	for _, href := range a.Links {
		target := linkTarget(b.site, rel, href)
		if _, err := os.Stat(target); target == "" || err != nil {
			t.Errorf("%s: navigation link %q leads to no file of the site", rel, href)
		}
	}
}

// noJSAudit is a function of one argument, print (whether the page is laid
// out for paper), that returns an audit of the page.
//
// On screen, no text may be invisible except where the page means it: the
// copy-link buttons (copying needs the script; the prompt number is the
// link), the sidebar's toggle beside the open contents and the pages of the
// other chapters, the review status as printed circles, and the review
// table's head (each field shows its column's name). Nothing else may carry
// the hidden attribute but an empty "My action steps" board, which the
// script fills.
const noJSAudit = `(print => {
  const problems = [];
  const need = (ok, what) => { if (!ok) problems.push(what); };
  const all = (root, sel) => [...root.querySelectorAll(sel)];
  const text = el => el.innerText.trim();
  const where = el => el.closest("[id]") ? "#" + el.closest("[id]").id : el.tagName.toLowerCase();
  const seen = el => !!el && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) &&
    el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;

  // answer: a box to type in on screen, ruled lines of its height on paper.
  function answer(b, id) {
    const lines = b.querySelector(".answer-lines"), height = lines ? lines.getBoundingClientRect().height : 0;
    const want = (+b.querySelector(".answer").dataset.lines || 1) * 8 * 96 / 25.4 - 2; // 8 mm a line
    if (!print) need(seen(b.querySelector(".answer textarea")), id + ": no visible box to type the answer in");
    else need(seen(lines) && height >= want && !seen(b.querySelector("textarea")), id + ": no ruled lines to write on (" + Math.round(height) + "px)");
  }
  function scale(b, id) {
    const choices = all(b, ".scale-options label").filter(l => seen(l) && /^\d+$/.test(text(l)));
    const want = +b.dataset.max - +b.dataset.min + 1;
    need(choices.length === want, id + ": " + choices.length + " visible choices; want " + want);
    for (const e of all(b, ".scale-low, .scale-high")) need(seen(e), id + ": " + e.className + " is not visible");
  }
  function rows(b, id) {
    const rows = all(b, "tbody tr");
    need(rows.length > 0 && rows.every(seen), id + ": " + rows.filter(seen).length + " of " + rows.length + " rows visible");
    need(print || all(b, "tbody input, tbody textarea, tbody select").some(seen), id + ": no visible field to plan in");
  }
  function checklist(c) {
    const items = all(c, "li");
    need(items.length > 0 && items.every(li => seen(li) && text(li) !== "" && seen(li.querySelector("input[type=checkbox]"))),
      where(c) + ": " + items.filter(seen).length + " of " + items.length + " checklist items visible with their box");
  }
  // hidden: text that is not shown, and elements that wait for a script.
  function hidden() {
    const meant = "button.copy-link, .sidebar-toggle > summary, .toc-chapter:not(.open) > ol, .status-choices, option, .review-table thead";
    for (const el of all(document, "body *")) {
      const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
      need(!own || seen(el) || el.closest(meant), "invisible text in " + where(el) + " " + el.tagName.toLowerCase() + ": " + own.slice(0, 60));
    }
    for (const el of all(document, "[hidden]")) {
      need(el.matches("button.copy-link, .steps-board:empty"), "hidden until a script shows it: " + where(el) + " " + el.outerHTML.slice(0, 80));
    }
  }

  for (const b of all(document, ".block.prompt, .block.scale, .block.actions, .block.review")) {
    const id = "#" + b.id, body = b.querySelector(".block-body");
    need(seen(body) && text(body) !== "", id + ": the question is not visible");
    if (b.matches(".prompt")) answer(b, id);
    if (b.matches(".scale")) scale(b, id);
    if (b.matches(".actions, .review")) rows(b, id);
  }
  all(document, ".block.checklist").forEach(checklist);
  if (print) {
    for (const el of all(document, ".sidebar, .pager, .site-links, .breadcrumbs")) need(!seen(el), "the navigation " + el.className + " is printed");
    return {problems};
  }
  hidden();
  return {
    problems,
    links: all(document, ".sidebar a, .pager a, .site-links a, .site-title, .breadcrumbs a").map(a => a.getAttribute("href")),
    sidebar: all(document, ".sidebar .toc a").filter(seen).length,
    pager: all(document, ".pager a").filter(seen).length,
    siteLinks: all(document, ".site-links a").filter(seen).length,
    printBook: document.body.matches(".print-book"),
  };
})`
