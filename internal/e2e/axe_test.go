package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// axeEnv names the axe-core script (axe.min.js), or a folder holding it as
// node_modules/axe-core/axe.min.js, for TestAccessibility.
const axeEnv = "PRAXIS_AXE"

// axeInstallHint says how to get axe-core where the test looks first.
const axeInstallHint = `axe-core not found: npm install --prefix "$HOME/.cache/praxis-ci/axe" axe-core@4 (or set ` + axeEnv + ` to axe.min.js)`

// axeScript returns the source of axe-core's axe.min.js, or skips the test
// (fails it when CI=true) when it is not installed.
func axeScript(t *testing.T) string {
	t.Helper()
	var candidates []string
	if p := os.Getenv(axeEnv); p != "" {
		candidates = append(candidates, p, filepath.Join(p, "node_modules", "axe-core", "axe.min.js"), filepath.Join(p, "axe.min.js"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		candidates = append(candidates, filepath.Join(home, ".cache", "praxis-ci", "axe", "node_modules", "axe-core", "axe.min.js"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			src, err := os.ReadFile(c)
			if err != nil {
				t.Fatal(err)
			}
			return string(src)
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal(axeInstallHint)
	}
	t.Skip(axeInstallHint)
	return ""
}

// bothEditions copies the example workbook to a temporary folder with
// both editions switched on and returns the folder.
func bothEditions(t *testing.T) string {
	t.Helper()
	return exampleWith(t, withSettings("editions: [participant, facilitator]"))
}

// exampleWith copies the example workbook's content/ and praxis.yaml to a
// temporary folder, the settings changed by edit, and returns the folder.
func exampleWith(t *testing.T, edit func(yaml []byte) []byte) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS(filepath.Join(exampleRoot, "content"))); err != nil {
		t.Fatal(err)
	}
	yaml, err := os.ReadFile(filepath.Join(exampleRoot, "praxis.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "praxis.yaml"), edit(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// withSettings is an edit for exampleWith that adds lines to praxis.yaml.
func withSettings(lines string) func([]byte) []byte {
	return func(yaml []byte) []byte { return append(bytes.TrimRight(yaml, "\n"), "\n"+lines+"\n"...) }
}

// axeRun runs axe-core, already in the page, over the whole document and
// returns one line per violation: the rule, its impact, what it is about
// and the first elements it found.
const axeRun = `axe.run(document, {resultTypes: ["violations"], preload: false}).then(` + axeReport + `)`

// axeColourRun is axeRun with only the rules about colour: whether text
// stands out from its background, and links from the text around them.
const axeColourRun = `axe.run(document, {resultTypes: ["violations"], preload: false,
  runOnly: {type: "rule", values: ["color-contrast", "link-in-text-block"]}}).then(` + axeReport + `)`

// axeReport turns the results of axe.run into one line per violation.
const axeReport = `r => r.violations.map(v =>
  v.id + " (" + v.impact + "): " + v.help + ": " + v.nodes.slice(0, 5).map(n => n.target.join(" ")).join(", ") +
  (v.nodes.length > 5 ? " and " + (v.nodes.length - 5) + " more" : ""))`

// TestAccessibility runs axe-core (https://github.com/dequelabs/axe-core)
// over every page of both editions of the example workbook, on a desktop
// screen, after a step was typed into the first action plan (so reviews
// show it), and fails on any violation, or when a page laid out on a
// phone scrolls sideways (checkReflow). axe is injected into each page as
// source: the page may load nothing from outside the site. Each edition
// has its own tab (and storage), and the two run in parallel.
//
// A page of a later edition whose <main> is byte for byte the first
// edition's is checked there: it differs only in the header and contents
// around it, which are the same on every page of its edition and are
// checked on its start page and on each page whose text differs. Of the
// chapters' handouts, the first is checked; the print book holds the
// text of all (see editionPages).
func TestAccessibility(t *testing.T) {
	t.Parallel()
	src := axeScript(t)
	site, cfg := buildEditions(t, bothEditions(t))
	pages := sitePages(t, site)
	if len(pages) < 40 {
		t.Fatalf("both editions of the example have %d pages: %q; want all of them", len(pages), pages)
	}
	for _, rel := range pages {
		if !slices.ContainsFunc(cfg.Editions, func(e string) bool { return strings.HasPrefix(rel, cfg.EditionFolder(e)) }) {
			t.Errorf("page %s is in no edition's folder, and axe would not check it", rel)
		}
	}
	first := cfg.EditionFolder(cfg.Editions[0])
	for i, edition := range cfg.Editions {
		folder := cfg.EditionFolder(edition)
		t.Run(edition, func(t *testing.T) {
			t.Parallel()
			mine := editionPages(t, site, pages, folder, first, i == 0)
			checkAccessibility(t, site, folder, src, mine)
		})
	}
}

// editionPages returns the pages of pages in the edition folder that axe
// checks. Of the chapters' handouts (a chapter's print.html) it keeps the
// first: the others are made by the same layout from pages that the print
// book (print/index.html), which is checked, holds all of. Unless all is
// set, a page whose <main> element is the same as that of the page at the
// same place in the edition folder first is left out, but for the
// edition's start page. It fails the test when the edition has fewer than
// 15 pages or no print book, or when a later edition would have fewer
// than 5 to check.
func editionPages(t *testing.T, site string, pages []string, folder, first string, all bool) []string {
	t.Helper()
	var mine, checked []string
	handouts := 0
	for _, rel := range pages {
		if !strings.HasPrefix(rel, folder) {
			continue
		}
		mine = append(mine, rel)
		if chapterHandout.MatchString(strings.TrimPrefix(rel, folder)) {
			if handouts++; handouts > 1 {
				continue
			}
		}
		inFirst := first + strings.TrimPrefix(rel, folder)
		if all || rel == folder+"index.html" || mainElement(t, site, rel) != mainElement(t, site, inFirst) {
			checked = append(checked, rel)
		}
	}
	if len(mine) < 15 || !slices.Contains(mine, folder+"print/index.html") {
		t.Fatalf("the edition in %q has %d pages, and should have at least 15 and the print book: %q", folder, len(mine), mine)
	}
	if len(checked) < 5 {
		t.Fatalf("of the edition in %q axe would check only %q: its pages hardly differ from the first edition's; is its text missing?", folder, checked)
	}
	return checked
}

// chapterHandout matches the address of a chapter's handout within its
// edition.
var chapterHandout = regexp.MustCompile(`^[^/]+/print\.html$`)

// mainElement returns the <main> element of the built page rel of site:
// "" when the page is missing, and for a page without one a text that
// differs from any other page's.
func mainElement(t *testing.T, site, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(data), "<main")
	main, _, found := strings.Cut(after, "</main>")
	if !found {
		return "no <main> in " + rel
	}
	return main
}

// checkAccessibility runs axe, whose source is src, over pages of site in
// a tab of their own, after typing a step into the first action plan
// of the edition in folder, and checks each page at a phone's width too
// (see checkReflow).
func checkAccessibility(t *testing.T, site, folder, src string, pages []string) {
	b := &browser{t: t, site: site, ctx: chrometest.TabTimeout(t, 4*time.Minute)}
	chrometest.ForbidOutside(t, b.ctx, []string{site})
	failOnScriptErrors(t, b.ctx)
	b.do(chromedp.EmulateViewport(desktopWidth, 900))
	b.navigate(folder + "3-action/action-steps/index.html")
	b.typeInto("first-plan/r1c1", "Ask Sam for ten minutes on Monday")
	for _, rel := range pages {
		b.navigate(rel)
		b.do(chromedp.Evaluate[chromedp.Void](src))
		violations, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: running axe: %v", rel, err)
		}
		for _, v := range violations {
			t.Errorf("%s: %s", rel, v)
		}
		checkReflow(t, b, rel)
	}
	t.Logf("axe checked %d pages", len(pages))
}

// checkReflow lays the open page of b out on a phone, phoneWidth wide,
// and fails the test when it scrolls sideways there (WCAG's reflow: text
// that needs no scrolling in two directions), then lays it out on the
// desktop again. Changing the width lays the page out anew; it need not
// load again.
func checkReflow(t *testing.T, b *browser, rel string) {
	t.Helper()
	b.do(chromedp.EmulateViewport(phoneWidth, 800))
	chrometest.WaitJS(t, b.ctx, fmt.Sprintf("innerWidth === %d", phoneWidth), 5*time.Second)
	if w := eval[[]int](b, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
		t.Errorf("%s at %dpx: the page is %dpx wide and scrolls sideways", rel, phoneWidth, w[0])
	}
	b.do(chromedp.EmulateViewport(desktopWidth, 900))
	chrometest.WaitJS(t, b.ctx, fmt.Sprintf("innerWidth === %d", desktopWidth), 5*time.Second)
}
