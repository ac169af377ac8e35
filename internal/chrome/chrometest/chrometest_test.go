package chrometest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	ForbidNetwork(t, ctx)
	u := writePage(t, `<!doctype html><ul><li>a</li><li>b</li></ul>
<script>localStorage.setItem("k", "v"); document.title = "n=" + document.querySelectorAll("li").length</script>`)
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || got != "n=2" {
		t.Fatalf("title of %s = %q, %v; want %q", u, got, err, "n=2")
	}
}

func TestForbidNetworkReportsRequests(t *testing.T) {
	ctx := Context(t)
	rec := &recorder{TB: t}
	ForbidNetwork(rec, ctx, "http://127.0.0.1:9")
	u := writePage(t, `<!doctype html>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<img src="http://127.0.0.1:9/allowed.png">
<img src="http://example.invalid/tracker.png">`)
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	for _, f := range rec.cleanups {
		f()
	}
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "http://example.invalid/tracker.png") {
		t.Fatalf("ForbidNetwork reported %q; want exactly the request to example.invalid", rec.errs)
	}
}

func TestAllowed(t *testing.T) {
	allowed := []string{"http://127.0.0.1:8080/"}
	tests := []struct {
		url  string
		want bool
	}{
		{"file:///tmp/site/index.html", true},
		{"data:text/plain,hi", true},
		{"blob:file:///0b6a", true},
		{"about:blank", true},
		{"http://127.0.0.1:8080/app.js", true},
		{"HTTP://127.0.0.1:8080/x", true},
		{"http://127.0.0.1:8081/app.js", false},
		{"https://fonts.googleapis.com/css", false},
		{"ws://127.0.0.1:9999/live", false},
		{"::not a url", false},
	}
	for _, tt := range tests {
		if got := Allowed(tt.url, allowed); got != tt.want {
			t.Errorf("Allowed(%q, %q) = %v; want %v", tt.url, allowed, got, tt.want)
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
