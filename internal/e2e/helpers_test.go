package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/config"
)

// workbook is the id in testdata/site/praxis.yaml; saved answers are keyed
// by it.
const workbook = "e2e-workbook"

// reflectPage is the page of the test site that holds every kind of field.
const reflectPage = "1-practice/reflect/index.html"

// buildSite builds testdata/site with the built-in templates and theme into
// a temporary folder and returns that folder.
func buildSite(t *testing.T) string {
	t.Helper()
	return buildWorkbook(t, filepath.Join("testdata", "site"))
}

// buildWorkbook builds the workbook in folder root with the built-in
// templates and theme into a temporary folder and returns the folder of
// its first edition: the output folder itself, or its participant/ when
// the workbook builds both editions.
func buildWorkbook(t testing.TB, root string) string {
	t.Helper()
	out, cfg := buildEditions(t, root)
	return filepath.Join(out, filepath.FromSlash(cfg.EditionFolder(cfg.Editions[0])))
}

// buildEditions builds the workbook in folder root like buildWorkbook and
// returns the output folder, which holds every edition, and the settings.
func buildEditions(t testing.TB, root string) (string, *config.Config) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	b := build.New(build.Options{Root: root, Output: out, Defaults: praxis.Defaults})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatalf("loading %s: %v", filepath.Join(root, "praxis.yaml"), err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, _, err := b.Write(ctx, cfg); err != nil {
		t.Fatalf("building %s: %v", root, err)
	}
	return out, cfg
}

// browser is one test's tab on the built site.
type browser struct {
	t    *testing.T
	ctx  context.Context
	site string // the built site's folder
}

// open builds the site, starts a browser that fails the test on any request
// for something that is not a file of the site and on any script error, and
// opens page rel of the site.
func open(t *testing.T, rel string) *browser {
	t.Helper()
	b := &browser{t: t, site: buildSite(t), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	b.navigate(rel)
	return b
}

// navigate opens page rel of the site and waits until the answers script
// has run (it un-hides the copy-link buttons and adds the toolbar).
func (b *browser) navigate(rel string) {
	b.t.Helper()
	b.do(chromedp.Navigate(chrometest.FileURL(b.t, filepath.Join(b.site, rel))))
	b.waitScript()
}

// reload reloads the page, as a reader coming back to it would.
func (b *browser) reload() {
	b.t.Helper()
	b.do(chromedp.Reload())
	b.waitScript()
}

// waitScript waits for answers.js and, on pages that load it (all but the
// print book), loop.js. It asks again after an error rather than using
// chromedp.Poll, whose one evaluation fails when the page's script context
// is replaced while it waits ("Cannot find context with specified id",
// seen on a busy machine right after a navigation).
func (b *browser) waitScript() {
	b.t.Helper()
	chrometest.WaitJS(b.t, b.ctx, `document.querySelector(".answers-toolbar") !== null &&
		(document.querySelector('script[src$="loop.js"]') === null || document.documentElement.dataset.loop === "ready")`,
		10*time.Second)
}

// emulateMedia lays the page out for media ("print" or "" for the screen).
func (b *browser) emulateMedia(media string) {
	b.t.Helper()
	b.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// do runs actions and fails the test on error.
func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// field selects the answer field whose data-answer is key.
func field(key string) chromedp.CSS {
	return chromedp.CSS(fmt.Sprintf(`[data-answer=%q]`, key))
}

// typeInto types text into the field key, key by key, as a reader would.
func (b *browser) typeInto(key, text string) {
	b.t.Helper()
	b.do(chromedp.SendKeys(field(key), text))
}

// setValue sets the field key to value as a date picker or a select would,
// with the events the page listens to.
func (b *browser) setValue(key, value string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(f => {
		f.value = %q;
		f.dispatchEvent(new Event("input", {bubbles: true}));
		f.dispatchEvent(new Event("change", {bubbles: true}));
	})(document.querySelector(%q))`, value, fmt.Sprintf("[data-answer=%q]", key))))
}

// click clicks the element sel.
func (b *browser) click(sel string) {
	b.t.Helper()
	b.do(chromedp.Click(chromedp.CSS(sel)))
}

// saved returns what the answers store holds for answer key, or "<none>",
// once it has answered every write of the page. It asks the store: the
// page's view of the same localStorage in Chromium shows the store frame's
// writes a moment later.
func (b *browser) saved(key string) string {
	b.t.Helper()
	return evalAwait[string](b, fmt.Sprintf(`praxisAnswers.stored().then(s => s.answers[%q] ?? "<none>")`, key))
}

// evalAwait evaluates a JavaScript expression whose value is a promise and
// decodes what it resolves to.
func evalAwait[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// answerDialogs answers the page's next JavaScript dialogs (confirm) in
// order, accepting the i-th one when accept[i] is true, and returns a
// channel of their messages.
func (b *browser) answerDialogs(accept ...bool) <-chan string {
	msgs := make(chan string, len(accept))
	dialogs := chromedp.Events(b.ctx, page.JavascriptDialogOpening)
	go func() {
		i := 0
		for ev, err := range dialogs {
			if err != nil || i >= len(accept) {
				return
			}
			msgs <- ev.Message
			params := page.HandleJavaScriptDialogParams{Accept: accept[i]}
			if _, err := chromedp.Call(b.ctx, page.HandleJavaScriptDialog, params); err != nil {
				b.t.Errorf("answering dialog %q: %v", ev.Message, err)
			}
			i++
		}
	}()
	return msgs
}

// failOnScriptErrors fails the test, when it ends, for every uncaught
// exception, console.error call and browser error log entry (such as a file
// the page links to that is missing) in the tab of ctx.
func failOnScriptErrors(t testing.TB, ctx context.Context) {
	t.Helper()
	var (
		mu   sync.Mutex
		errs []string
	)
	err := chromedp.Listen(ctx, func(ev any) {
		msg := scriptError(ev)
		if msg == "" {
			return
		}
		mu.Lock()
		errs = append(errs, msg)
		mu.Unlock()
	})
	if err != nil {
		t.Fatalf("listening for script errors: %v", err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range errs {
			t.Errorf("page error: %s", e)
		}
	})
}

// scriptError describes ev when it reports an error, and returns "" for
// every other event.
func scriptError(ev any) string {
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		return fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *runtime.EventConsoleAPICalled:
		if e.Type != runtime.ConsoleAPICalledTypeError {
			return ""
		}
		var parts []string
		for _, a := range e.Args {
			parts = append(parts, string(a.Value)+a.Description)
		}
		return "console.error: " + strings.Join(parts, " ")
	case *log.EventEntryAdded:
		if e.Entry == nil || e.Entry.Level != log.EntryLevelError {
			return ""
		}
		return fmt.Sprintf("browser log: %s %s", e.Entry.Text, e.Entry.URL)
	}
	return ""
}

// pdfText returns the text of a PDF, as poppler's pdftotext reads it with
// its physical layout. Without pdftotext the test skips, or fails when
// CI=true.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return poppler(t, "pdftotext", "-layout", writePDF(t, pdf), "-")
}

// pdfPages returns the number of pages of a PDF, as poppler's pdfinfo
// reads it. Without pdfinfo the test skips, or fails when CI=true.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	info := poppler(t, "pdfinfo", writePDF(t, pdf))
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatalf("pdfinfo: %q: %v", line, err)
			}
			return n
		}
	}
	t.Fatalf("pdfinfo says nothing about pages:\n%s", info)
	return 0
}

// writePDF writes pdf to a file for poppler and returns its path.
func writePDF(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// poppler runs the poppler-utils tool name with args and returns its
// output. Without the tool the test skips, or fails when CI=true.
func poppler(t *testing.T, name string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		hint := name + " not found: apt-get install -y poppler-utils"
		if os.Getenv("CI") == "true" {
			t.Fatal(hint)
		}
		t.Skip(hint)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("%s: %v: %s", name, err, stderr.Bytes())
		}
		t.Fatalf("running %s: %v", name, err)
	}
	return stdout.String()
}

// printPDF prints the current page as Chromium's print dialog would, with
// the paper size and margins of the page's CSS.
func (b *browser) printPDF() []byte {
	b.t.Helper()
	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		b.t.Fatalf("printing to PDF: %v", err)
	}
	return pdf
}
