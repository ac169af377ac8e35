package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// openLanguage builds testdata/lang, a German workbook, after edit has
// changed a copy of it, and opens page rel in a browser that fails the
// test on any script error or request outside the site.
func openLanguage(t *testing.T, rel string, edit func(root string)) *browser {
	t.Helper()
	root := filepath.Join(t.TempDir(), "workbook")
	if err := os.CopyFS(root, os.DirFS(filepath.Join("testdata", "lang"))); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(root)
	}
	b := &browser{t: t, site: buildWorkbook(t, root), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	b.navigate(rel)
	return b
}

// TestScriptWordsInGerman: what answers.js, loop.js and search.js write
// into the page is in the workbook's language.
func TestScriptWordsInGerman(t *testing.T) {
	t.Parallel()
	b := openLanguage(t, "1-start/plan/index.html", nil)
	downloads := chrometest.CaptureDownloads(t, b.ctx)
	buttons := eval[[]string](b, `[...document.querySelectorAll(".answers-toolbar button")].map(e => e.textContent)`)
	want := []string{"Meine Antworten herunterladen", "Meine Antworten löschen", "Alle Antworten speichern", "Antworten laden"}
	if strings.Join(buttons, "|") != strings.Join(want, "|") {
		t.Errorf("toolbar buttons %q, want %q", buttons, want)
	}
	if note := eval[string](b, `document.querySelector(".review-note").textContent`); !strings.Contains(note, "ist noch nichts eingetragen") {
		t.Errorf("review note %q is not German", note)
	}
	b.typeInto("plan/r1c1", "Sam anrufen")
	b.setValue("plan/r1c2", "2020-01-02") // "Bis wann" is a date column, and this step is overdue
	b.saved("plan/r1c2")
	b.click(".download-answers")
	if name, _ := downloads.Wait(t, 10*time.Second); name != "e2e-sprache-antworten.md" {
		t.Errorf("downloaded answers are named %q, want e2e-sprache-antworten.md", name)
	}
	b.reload()
	chrometest.WaitJS(t, b.ctx, `document.querySelector(".review-note").textContent.includes("geplant haben")`, 5*time.Second)
	label := eval[string](b, `document.querySelector('[data-answer="rueckschau/r1/c1"]').getAttribute("aria-label")`)
	if label != "Was habe ich getan?, Schritt 1" {
		t.Errorf("review field label %q", label)
	}

	b.navigate("actions/index.html")
	chrometest.WaitJS(t, b.ctx, `document.querySelector(".steps-summary") !== null`, 5*time.Second)
	if s := eval[string](b, `document.querySelector(".steps-summary").textContent`); s != "1 Schritt: 1 geplant. 1 überfällig." {
		t.Errorf("steps summary %q, want %q", s, "1 Schritt: 1 geplant. 1 überfällig.")
	}
	if h := eval[string](b, `document.querySelector(".steps-group h2").textContent`); h != "Geplant (1)" {
		t.Errorf("steps group heading %q", h)
	}
	if m := eval[string](b, `document.querySelector(".overdue-mark").textContent`); m != "überfällig" {
		t.Errorf("overdue mark %q", m)
	}
	b.click(".steps-markdown")
	if name, _ := downloads.Wait(t, 10*time.Second); name != "e2e-sprache-aktionsschritte.md" {
		t.Errorf("downloaded steps are named %q, want e2e-sprache-aktionsschritte.md", name)
	}

	b.do(chromedp.Focus(chromedp.CSS("#search-input")), chromedp.KeyEvent("Plan"))
	chrometest.WaitJS(t, b.ctx, `/Treffer$/.test(document.querySelector(".search-status").textContent)`, 10*time.Second)
}

// TestScriptWordsComeFromTheCatalogue builds the workbook in a
// pseudo-language whose every interface word is its id in marks (see
// i18n.Pseudo) and reads the text of pages after the scripts ran: every
// word outside marks must be the workbook's own. A word a script writes
// without the catalogue, like an English "Copied", fails the test.
func TestScriptWordsComeFromTheCatalogue(t *testing.T) {
	t.Parallel()
	var own map[string]bool
	b := openLanguage(t, "1-start/plan/index.html", func(root string) {
		cfg := filepath.Join(root, "praxis.yaml")
		data, err := os.ReadFile(cfg)
		if err == nil {
			err = os.WriteFile(cfg, []byte(strings.Replace(string(data), "language: de", "language: xx", 1)), 0o644)
		}
		if err == nil {
			err = os.MkdirAll(filepath.Join(root, "i18n"), 0o755)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(root, "i18n", "xx.yaml"), i18n.Pseudo(), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
		own = workbookWords(t, root)
	})
	check := func(where string) {
		t.Helper()
		text := eval[string](b, `document.body.innerText + " " + [...document.querySelectorAll("[aria-label],[title],[placeholder]")]
			.map(e => [e.getAttribute("aria-label"), e.getAttribute("title"), e.getAttribute("placeholder")].join(" ")).join(" ")`)
		for _, w := range pageWords(text) {
			if !own[strings.ToLower(w)] {
				t.Errorf("%s shows %q, which is neither the workbook's nor from the catalogue", where, w)
			}
		}
	}
	check("the plan page")
	b.typeInto("plan/r1c1", "Sam anrufen")
	b.setValue("plan/r1c2", "2020-01-02")
	b.saved("plan/r1c2")
	b.reload()
	chrometest.WaitJS(t, b.ctx, `document.querySelector(".review-note a") !== null && document.querySelector(".review-what")?.textContent === "Sam anrufen"`, 5*time.Second)
	// The page may not write to the clipboard: say it did, for the
	// button's "Copied".
	b.do(chromedp.Evaluate[chromedp.Void](`navigator.clipboard.writeText = () => Promise.resolve()`))
	b.click(".copy-link")
	chrometest.WaitJS(t, b.ctx, `document.querySelector(".copy-link.copied") !== null`, 5*time.Second)
	check("the plan page with a step")
	b.navigate("index.html")
	check("the home page")
	b.navigate("actions/index.html")
	chrometest.WaitJS(t, b.ctx, `document.querySelector(".steps-summary") !== null`, 5*time.Second)
	check("the action steps page")
	b.do(chromedp.Focus(chromedp.CSS("#search-input")), chromedp.KeyEvent("Plan"))
	chrometest.WaitJS(t, b.ctx, `document.querySelector(".search-status").textContent !== ""`, 10*time.Second)
	check("the search box")
}

var marks = regexp.MustCompile(`⟦[^⟧]*⟧`)

// pageWords returns the words of two or more letters in text outside marks.
func pageWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(marks.ReplaceAllString(text, " "), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

// workbookWords returns the words of the workbook's pages and settings, in
// lower case, and those of the program's name.
func workbookWords(t *testing.T, root string) map[string]bool {
	t.Helper()
	own := map[string]bool{"praxis": true, "sam": true, "anrufen": true} // and what the test types
	for _, f := range []string{"praxis.yaml", "content/_index.md", "content/1-start/_index.md", "content/1-start/plan.md"} {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range pageWords(string(data)) {
			own[strings.ToLower(w)] = true
		}
	}
	return own
}
