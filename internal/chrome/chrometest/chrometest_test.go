package chrometest

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// writePage writes an HTML file into a temporary folder and returns its
// file:// URL.
func writePage(t *testing.T, html string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	return FileURL(t, p)
}

// recorder is a testing.TB that records errors and cleanups instead of
// acting on them, so a test can check what a helper reports.
type recorder struct {
	testing.TB
	errs     []string
	cleanups []func()
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

func TestContextReadsDOM(t *testing.T) {
	ctx := Context(t)
	u := writePage(t, `<!doctype html><ul><li>a</li><li>b</li></ul>
<script>localStorage.setItem("k", "v"); document.title = "n=" + document.querySelectorAll("li").length</script>`)
	ForbidOutside(t, ctx, []string{dirOf(t, u)})
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || got != "n=2" {
		t.Fatalf("title of %s = %q, %v; want %q", u, got, err, "n=2")
	}
}

// dirOf returns the folder of the file at file:// URL u.
func dirOf(t *testing.T, u string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(filepath.FromSlash(p.Path))
}

// TestForbidOutsideReportsRequests loads a page that requests a file of its
// site, a file outside it, data: URLs, a test server and another host: all
// but the file of the site and the test server are reported, and the date
// field's calendar icon, which Chromium loads as a data: image, is not.
func TestForbidOutsideReportsRequests(t *testing.T) {
	ctx := Context(t)
	rec := &recorder{TB: t}
	outside := writePage(t, `<!doctype html>`)
	u := writePage(t, `<!doctype html>
<img src="inside.gif">
<img src="`+outside+`">
<input type="date">
<iframe src="data:text/html,frame"></iframe>
<script>fetch("data:text/plain,fetched")</script>
<img src="http://127.0.0.1:9/allowed.png">
<img src="http://example.invalid/tracker.png">`)
	ForbidOutside(rec, ctx, []string{dirOf(t, u)}, "http://127.0.0.1:9")
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	for _, f := range rec.cleanups {
		f()
	}
	want := []string{outside, "data:text/html,frame", "data:text/plain,fetched", "http://example.invalid/tracker.png"}
	for _, w := range want {
		if !slices.ContainsFunc(rec.errs, func(e string) bool { return strings.Contains(e, "request to "+w+";") }) {
			t.Errorf("ForbidOutside did not report the request to %s", w)
		}
	}
	if len(rec.errs) != len(want) {
		t.Errorf("ForbidOutside reported %q; want exactly the requests to %q", rec.errs, want)
	}
}

func TestPolicyAllows(t *testing.T) {
	site := policy{roots: []string{"/tmp/site"}, origins: []string{"http://127.0.0.1:8080/"}}
	tests := []struct {
		url  string
		typ  network.ResourceType
		site bool
	}{
		{"file:///tmp/site/index.html", "", true},
		{"file:///tmp/site/theme/style%20sheet.css", "", true},
		{"file:///tmp/site", "", true},
		{"file:///tmp/site-2/index.html", "", false},
		{"file:///tmp/site/../secret.txt", "", false},
		{"file:///etc/passwd", "", false},
		{"file://server/tmp/site/index.html", "", false},
		{"data:text/plain,hi", network.ResourceTypeFetch, false},
		{"data:text/html,frame", network.ResourceTypeDocument, false},
		{"data:image/svg+xml;base64,PHN2Zz4=", network.ResourceTypeImage, true},
		{"blob:file:///0b6a", "", true},
		{"blob:null/0b6a", "", true},
		{"about:blank", "", true},
		{"about:srcdoc", "", false},
		{"http://127.0.0.1:8080/app.js", "", true},
		{"HTTP://127.0.0.1:8080/x", "", true},
		{"http://127.0.0.1:8081/app.js", "", false},
		{"https://fonts.googleapis.com/css", "", false},
		{"ws://127.0.0.1:9999/live", "", false},
		{"::not a url", "", false},
	}
	for _, tt := range tests {
		if got := site.allows(tt.url, tt.typ); got != tt.site {
			t.Errorf("%v allows(%q, %s) = %v; want %v", site, tt.url, tt.typ, got, tt.site)
		}
	}
}

func TestCaptureDownloads(t *testing.T) {
	ctx := Context(t)
	downloads := CaptureDownloads(t, ctx)
	u := writePage(t, `<!doctype html><script>
function save() {
	const a = document.createElement("a");
	a.href = URL.createObjectURL(new Blob(['{"q1":"yes"}'], {type: "application/json"}));
	a.download = "answers.json";
	document.body.append(a);
	a.click();
}
</script>`)
	if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.Evaluate[chromedp.Void](`save()`)); err != nil {
		t.Fatal(err)
	}
	name, data := downloads.Wait(t, 10*time.Second)
	if name != "answers.json" || string(data) != `{"q1":"yes"}` {
		t.Fatalf("download = %q with %q; want answers.json with {\"q1\":\"yes\"}", name, data)
	}
}

// skipRecorder records Skip and Fatal instead of stopping the test.
type skipRecorder struct {
	testing.TB
	skipped, fatal string
}

func (r *skipRecorder) Skip(args ...any)  { r.skipped = fmt.Sprint(args...) }
func (r *skipRecorder) Fatal(args ...any) { r.fatal = fmt.Sprint(args...) }

func TestRequireWithoutBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("PRAXIS_CHROME", "")
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		rec := &skipRecorder{TB: t}
		Require(rec)
		got, other := rec.skipped, rec.fatal
		if ci == "true" {
			got, other = rec.fatal, rec.skipped
		}
		if !strings.Contains(got, "apt-get install -y chromium") || other != "" {
			t.Errorf("CI=%q: Skip(%q), Fatal(%q); want only the CI-dependent one, with the install hint", ci, rec.skipped, rec.fatal)
		}
	}
}

// TestTimeoutStartsOnceTheBrowserRuns starts the browser through a wrapper
// that waits before it launches Chromium, as a loaded machine would: the
// test's deadline must lie a whole Timeout after the browser has started,
// so none of the test's time is lost to the slow start.
func TestTimeoutStartsOnceTheBrowserRuns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the wrapper is a shell script")
	}
	real := Require(t)
	const delay = 2 * time.Second
	wrapper := filepath.Join(t.TempDir(), "slow-chromium")
	script := fmt.Sprintf("#!/bin/sh\nsleep %d\nexec %q \"$@\"\n", int(delay.Seconds()), real)
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PRAXIS_CHROME", wrapper)
	called := time.Now()
	ctx := ContextTimeout(t, 10*time.Second)
	deadline, ok := ctx.Deadline()
	if !ok {
		t.Fatal("the browser context has no deadline")
	}
	if started := deadline.Add(-10 * time.Second); started.Sub(called) < delay {
		t.Errorf("the deadline counts from %v after the call, before the browser could have started (it waited %v)",
			started.Sub(called), delay)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`6*7`)); err != nil {
		t.Errorf("the browser does not answer: %v", err)
	}
}

// fatalRecorder is a recorder that also records Fatalf and then ends the
// goroutine, as testing.T does; run what calls it in a goroutine of its own.
type fatalRecorder struct {
	recorder
	fatals []string
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
	runtime.Goexit()
}

// TestWaitJSWaitsInThePage waits for a flag that a page sets after it has
// replaced itself with another page, so the wait outlives the document it
// began in, and reports a condition that stays false with the error it
// threw.
func TestWaitJSWaitsInThePage(t *testing.T) {
	t.Parallel()
	ctx := Tab(t)
	second := writePage(t, `<!doctype html><script>setTimeout(() => window.ready = true, 300)</script>`)
	first := writePage(t, `<!doctype html><script>setTimeout(() => location.href = `+strconv.Quote(second)+`, 200)</script>`)
	if err := chromedp.Do(ctx, chromedp.Navigate(first)); err != nil {
		t.Fatal(err)
	}
	WaitJS(t, ctx, `window.ready === true && location.href === `+strconv.Quote(second), 10*time.Second)

	rec := &fatalRecorder{recorder: recorder{TB: t}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		WaitJS(rec, ctx, `missing.value === 1`, 300*time.Millisecond)
	}()
	<-done
	if len(rec.fatals) != 1 || !strings.Contains(rec.fatals[0], "ReferenceError: missing is not defined") {
		t.Errorf("waiting for a condition that throws: %q; want one failure naming the ReferenceError", rec.fatals)
	}
}
