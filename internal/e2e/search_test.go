package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// result is one line of the search results, as a reader sees it.
type result struct {
	Hit   string `json:"hit"`   // what was found
	Marks string `json:"marks"` // the marked words of it, joined by "|"
	Where string `json:"where"` // chapter · page · prompt
	Href  string `json:"href"`  // as written in the page
	URL   string `json:"url"`   // where it leads
}

// openSearch builds the search test workbook (both editions), starts a
// browser that fails the test on any request outside the built site and
// on any script error, and opens page rel of it.
func openSearch(t *testing.T, rel string) *browser {
	t.Helper()
	out, _ := buildEditions(t, filepath.Join("testdata", "search")) // participant/ and facilitator/
	b := &browser{t: t, site: out, ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	b.openSearchPage(rel)
	return b
}

// openSearchPage opens page rel and waits for search.js to put the box in
// place.
func (b *browser) openSearchPage(rel string) {
	b.t.Helper()
	b.do(chromedp.Navigate(chrometest.FileURL(b.t, filepath.Join(b.site, rel))))
	chrometest.WaitJS(b.t, b.ctx, `document.querySelector(".site-search .search-input") !== null`, 10*time.Second)
}

// search empties the search box, types query into it key by key and
// returns the results once the index has answered.
func (b *browser) search(query string) []result {
	b.t.Helper()
	b.do(chromedp.Focus(chromedp.CSS("#search-input")),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#search-input").value = ""`),
		chromedp.KeyEvent(query))
	chrometest.WaitJS(b.t, b.ctx, fmt.Sprintf(`(() => {
		const s = document.querySelector(".search-status").textContent;
		return document.querySelector("#search-input").value === %q && s !== "" && !s.startsWith("Loading");
	})()`, query), 10*time.Second)
	return eval[[]result](b, `[...document.querySelectorAll(".search-results a")].map(a => ({
		hit: a.querySelector(".search-hit").textContent,
		marks: [...a.querySelectorAll("mark")].map(m => m.textContent).join("|"),
		where: a.querySelector(".search-where")?.textContent ?? "",
		href: a.getAttribute("href"),
		url: a.href,
	}))`)
}

// TestSearchFromFile searches the workbook opened from disk: the index is
// loaded only when the box is used; "/" and Ctrl+K focus the box; a query
// finds a page title without its accent, a heading in Greek without its
// accent, Japanese text inside a word, and a prompt with its number; a
// result leads to its anchor; Escape closes the list; facilitator text is
// found in the facilitator edition only.
func TestSearchFromFile(t *testing.T) {
	t.Parallel()
	b := openSearch(t, "participant/2-later/notes/index.html")
	if eval[bool](b, `"praxisSearch" in window || document.querySelector('script[src$="search-index.js"]') !== null`) {
		t.Fatal("the search index was loaded before the box was used")
	}

	b.do(pressSlash)
	if got := eval[string](b, `document.activeElement.id + "|" + document.activeElement.value`); got != "search-input|" {
		t.Fatalf(`after "/": focus and value %q; want the empty search box focused`, got)
	}

	checkFirst(t, b, "reflexion", result{Hit: "Réflexion journal", Marks: "Réflexion", Where: "Reflect",
		Href: "../../1-reflect/journal/index.html"})
	checkFirst(t, b, "βηματα", result{Hit: "Μικρά βήματα", Marks: "βήματα", Where: "Reflect · Réflexion journal"})
	checkFirst(t, b, "一歩", result{Hit: "小さな一歩", Marks: "一歩", Where: "Reflect · Réflexion journal"})
	checkFirst(t, b, "turning point", result{Hit: "What was the turning point of your week?", Marks: "turning|point",
		Where: "Reflect · Réflexion journal · Prompt 1.1", Href: "../../1-reflect/journal/index.html#turning-point"})
	for _, q := range []string{"quokkaberry", "zebrafinch"} {
		if got := b.search(q); len(got) != 0 {
			t.Errorf("participant edition: %q found %+v; facilitator text must not be in its index", q, got)
		}
	}

	checkFirst(t, b, "small exp", result{Hit: "Small experiments", Marks: "Small|exp",
		Where: "Reflect · Réflexion journal", Href: "../../1-reflect/journal/index.html#small-experiments"})
	b.do(chromedp.KeyEvent(kb.ArrowDown))
	if got := eval[string](b, `document.activeElement.closest(".search-results") ? document.activeElement.getAttribute("href") : "not a result"`); !strings.HasSuffix(got, "#small-experiments") {
		t.Fatalf("after ArrowDown the focus is on %q; want the first result", got)
	}
	b.do(chromedp.KeyEvent(kb.Enter))
	chrometest.WaitJS(t, b.ctx, `location.pathname.endsWith("/1-reflect/journal/index.html") && location.hash === "#small-experiments" &&
		document.querySelector(":target")?.id === "small-experiments" && document.querySelector(".site-search") !== null`, 10*time.Second)

	b.do(chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	if got := eval[string](b, `document.activeElement.id`); got != "search-input" {
		t.Fatalf("after Ctrl+K the focus is on %q; want the search box", got)
	}
	if got := b.search("harvest"); len(got) == 0 || got[0].Hit != "Harvest" {
		t.Fatalf(`"harvest" found %+v; want the heading Harvest first`, got)
	}
	b.do(chromedp.KeyEvent(kb.Escape))
	if eval[bool](b, `document.querySelector(".search-results").checkVisibility()`) {
		t.Error("the results are still shown after Escape")
	}

	b.emulateMedia("print")
	if eval[bool](b, `document.querySelector(".site-search").checkVisibility()`) {
		t.Error("the search box is printed")
	}
	b.emulateMedia("")

	b.openSearchPage("facilitator/2-later/notes/index.html")
	checkFirst(t, b, "quokkaberry", result{Hit: "Small experiments", Marks: "", Where: "Reflect · Réflexion journal",
		Href: "../../1-reflect/journal/index.html#small-experiments"})
	checkFirst(t, b, "zebrafinch", result{Hit: "Trainer page", Where: "Later", Href: "../../2-later/trainer/index.html"})
}

// pressSlash presses "/" as a keyboard does, in one keyDown event with its
// text, which Chromium types unless a keydown listener prevents it.
// (chromedp.KeyEvent sends the text as an event of its own, which a
// listener cannot prevent.)
var pressSlash = chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
	key := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", UnmodifiedText: "/",
		WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
	if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, key); err != nil {
		return err
	}
	key.Type, key.Text, key.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, key)
	return err
})

// checkFirst searches for query and checks its first result against want;
// an empty Href in want is not checked, and every result must lead to a
// file of the site.
func checkFirst(t *testing.T, b *browser, query string, want result) {
	t.Helper()
	got := b.search(query)
	if len(got) == 0 {
		t.Errorf("%q found nothing; want %+v first", query, want)
		return
	}
	first := got[0]
	if want.Href == "" {
		want.Href = first.Href
	}
	want.URL = first.URL
	if first != want {
		t.Errorf("%q: first result %+v; want %+v", query, first, want)
	}
	for _, r := range got {
		if !strings.HasPrefix(r.URL, "file://") || !strings.Contains(r.URL, "/public/") {
			t.Errorf("%q: result %q leads to %s, outside the site", query, r.Hit, r.URL)
		}
	}
}

// TestNoSearchBoxWithoutJavaScript opens a page with JavaScript disabled:
// the search box, which cannot work then, is not shown at all; only its
// template is in the page, which shows nothing.
func TestNoSearchBoxWithoutJavaScript(t *testing.T) {
	t.Parallel()
	b := openNoJS(t)
	b.do(chromedp.Navigate(chrometest.FileURL(t, filepath.Join(b.site, "3-action/action-steps/index.html"))))
	got := eval[string](b, `(document.querySelector("template#search-box") ? "template" : "no template") + ", " +
		[...document.querySelectorAll("input, .site-search")].filter(el => el.closest(".site-header") && el.checkVisibility()).length + " visible in the header"`)
	if got != "template, 0 visible in the header" {
		t.Errorf("without JavaScript: %s; want the template and no visible search box", got)
	}
}
