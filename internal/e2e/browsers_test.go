package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/firefox/firefoxtest"
)

// The tests of the answers store run the same steps in Chromium and in
// Firefox, from file:// and over http: where answers are kept differs most
// between those (Firefox keeps each file:// page's storage apart). A tab is
// one browser's page, driven with real mouse clicks and key presses.
type tab interface {
	// open opens page rel of the site and waits until the answers scripts
	// have started (their store answered).
	open(rel string)
	// visit opens page rel of the site and returns once it has loaded,
	// without waiting for the answers scripts.
	visit(rel string)
	// typeInto types text into the field whose data-answer is key.
	typeInto(key, text string)
	// click clicks the middle of the element sel.
	click(sel string)
	// clickAt clicks the point x, y of the viewport.
	clickAt(x, y float64)
	// eval evaluates the expression js, awaiting a promise, and decodes its
	// value as JSON into out (which may be nil).
	eval(js string, out any)
	// waitJS waits until the expression js is true.
	waitJS(js string)
	// download clicks sel and returns the file it downloads.
	download(sel string) (name string, data []byte)
	// chooseFile chooses the file at path in the file input sel.
	chooseFile(sel, path string)
	// another opens a second tab of the same browser.
	another() tab
}

// tabOptions change how a tab starts.
type tabOptions struct {
	preload     string // a JavaScript function run in every document, frames included, before its scripts
	allowErrors bool   // the test causes page errors on purpose (a missing file)
}

// site is a built test site and the address it is opened at.
type site struct {
	dir  string // the built site's folder
	base string // its address, ending in "/": file:///…/ or http://127.0.0.1:port/
	web  bool   // served over http
}

// buildFor builds the test site and returns it as opened from file://, or
// served by a local HTTP server on 127.0.0.1 when web is true.
func buildFor(t *testing.T, web bool) site {
	t.Helper()
	dir := buildSite(t)
	if !web {
		return site{dir: dir, base: chrometest.FileURL(t, dir) + "/"}
	}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/favicon.ico" {
			w.WriteHeader(http.StatusNoContent) // what browsers ask any server for; the site has none
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return site{dir: dir, base: srv.URL + "/", web: true}
}

// eachBrowser runs test in Chromium and in Firefox, each from file:// and
// over http, as parallel subtests. Without fileAndWeb, only from file://.
func eachBrowser(t *testing.T, fileAndWeb bool, opts tabOptions, test func(t *testing.T, b tab, s site)) {
	for _, name := range []string{"chromium", "firefox"} {
		for _, web := range []bool{false, true} {
			if web && !fileAndWeb {
				continue
			}
			via := map[bool]string{false: "file", true: "http"}[web]
			t.Run(name+"/"+via, func(t *testing.T) {
				t.Parallel()
				s := buildFor(t, web)
				test(t, startTab(t, name, s, opts), s)
			})
		}
	}
}

// startTab starts the browser name ("chromium" or "firefox") on site s.
func startTab(t *testing.T, name string, s site, opts tabOptions) tab {
	t.Helper()
	if name == "firefox" {
		ff := firefoxtest.Tab(t)
		if opts.allowErrors {
			ff.AllowErrors("")
		}
		if opts.preload != "" {
			ff.Preload(opts.preload)
		}
		return &firefoxTab{t: t, s: ff, base: s.base}
	}
	b := &browser{t: t, site: s.dir, ctx: chrometest.Tab(t)}
	var origins []string
	if s.web {
		u, _ := url.Parse(s.base)
		origins = append(origins, u.Scheme+"://"+u.Host)
	}
	chrometest.ForbidOutside(t, b.ctx, []string{s.dir}, origins...)
	if !opts.allowErrors {
		failOnScriptErrors(t, b.ctx)
	}
	if opts.preload != "" {
		chrometest.Preload(t, b.ctx, "("+opts.preload+")();")
	}
	return &chromiumTab{b: b, base: s.base, downloads: chrometest.CaptureDownloads(t, b.ctx)}
}

// scriptsReady is true once answers.js has filled the page from its store
// and, where the page has it, loop.js has started.
const scriptsReady = `document.documentElement.dataset.answers === "ready" &&
	(document.querySelector('script[src$="loop.js"]') === null || document.documentElement.dataset.loop === "ready")`

// chromiumTab is a tab of headless Chromium, through chromedp.
type chromiumTab struct {
	b         *browser
	base      string
	downloads *chrometest.Downloads
}

func (c *chromiumTab) open(rel string) {
	c.b.t.Helper()
	c.b.do(chromedp.Navigate(c.base + rel))
	c.waitJS(scriptsReady)
}

func (c *chromiumTab) visit(rel string) {
	c.b.t.Helper()
	c.b.do(chromedp.Navigate(c.base + rel))
}

func (c *chromiumTab) typeInto(key, text string) { c.b.t.Helper(); c.b.typeInto(key, text) }
func (c *chromiumTab) click(sel string)          { c.b.t.Helper(); c.b.click(sel) }

func (c *chromiumTab) clickAt(x, y float64) {
	c.b.t.Helper()
	c.b.do(chromedp.MouseClickXY(x, y))
}

func (c *chromiumTab) eval(js string, out any) {
	c.b.t.Helper()
	text := evalAwait[string](c.b, "(async () => JSON.stringify((await ("+js+")) ?? null))()")
	if out != nil {
		if err := json.Unmarshal([]byte(text), out); err != nil {
			c.b.t.Fatalf("evaluating %s: %v", js, err)
		}
	}
}

func (c *chromiumTab) waitJS(js string) {
	c.b.t.Helper()
	c.b.do(chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(10*time.Second)))
}

func (c *chromiumTab) download(sel string) (string, []byte) {
	c.b.t.Helper()
	c.b.click(sel)
	return c.downloads.Wait(c.b.t, 10*time.Second)
}

func (c *chromiumTab) another() tab {
	ctx, _ := chromedp.NewContext(c.b.ctx) // closed when the test ends, with c.b.ctx
	b := &browser{t: c.b.t, site: c.b.site, ctx: ctx}
	b.do(chromedp.Navigate("about:blank"))
	failOnScriptErrors(b.t, ctx)
	return &chromiumTab{b: b, base: c.base, downloads: c.downloads}
}

func (c *chromiumTab) chooseFile(sel, path string) {
	c.b.t.Helper()
	c.b.do(chromedp.SetUploadFiles(chromedp.CSS(sel), []string{path}))
}

// firefoxTab is a tab of headless Firefox, through WebDriver BiDi.
type firefoxTab struct {
	t    testing.TB
	s    *firefoxtest.Session
	base string
}

func (f *firefoxTab) open(rel string) {
	f.s.Navigate(f.base + rel)
	f.s.WaitJS(scriptsReady, 10*time.Second)
}

func (f *firefoxTab) visit(rel string) { f.s.Navigate(f.base + rel) }

// typeInto focuses the field and types text into it key by key. Focusing
// it from script rather than with a click keeps a page still laying out
// (fonts arriving on a busy machine) from moving the field away from the
// pointer; the keys are real key events.
func (f *firefoxTab) typeInto(key, text string) {
	sel := fmt.Sprintf("[data-answer=%q]", key)
	f.s.Eval(fmt.Sprintf(`(f => { f.scrollIntoView({block: "center"}); f.focus(); })(document.querySelector(%q))`, sel), nil)
	f.s.Keys(text)
	var got struct{ Value, Focused string }
	f.s.Eval(fmt.Sprintf(`({value: document.querySelector(%q).value, focused: document.activeElement?.outerHTML.slice(0, 120) ?? ""})`, sel), &got)
	if !strings.HasSuffix(strings.ReplaceAll(got.Value, "\r\n", "\n"), text) {
		f.t.Helper()
		f.t.Fatalf("typed %q into %s; it holds %q (focus was on %s)", text, sel, got.Value, got.Focused)
	}
}

func (f *firefoxTab) click(sel string)        { f.s.Click(sel) }
func (f *firefoxTab) clickAt(x, y float64)    { f.s.ClickAt(x, y) }
func (f *firefoxTab) eval(js string, out any) { f.s.Eval(js, out) }
func (f *firefoxTab) waitJS(js string)        { f.s.WaitJS(js, 10*time.Second) }
func (f *firefoxTab) chooseFile(sel, path string) {
	f.s.SetFiles(sel, path)
}

func (f *firefoxTab) another() tab { return &firefoxTab{t: f.t, s: f.s.NewTab(), base: f.base} }

func (f *firefoxTab) download(sel string) (string, []byte) {
	f.s.Click(sel)
	return f.s.WaitDownload(10 * time.Second)
}

// storedAnswers returns what the answers store holds for the workbook,
// once every write of the page has been answered.
func storedAnswers(b tab) map[string]string {
	var got map[string]string
	b.eval(`praxisAnswers.stored().then(s => s.answers)`, &got)
	return got
}
