// Package chrometest starts a real headless Chromium for tests and offers the
// checks browser tests share: no requests outside the site, captured
// downloads.
//
// [Context] starts a browser of the test's own with a fresh profile in
// t.TempDir(). [Tab] opens a tab in the one browser that the package's tests
// share (its TestMain runs them through [Sharing]), in a browser context of
// its own, cleared before another test uses the tab, so tests cannot see
// each other's localStorage either way, and a test spends no second
// starting Chromium. A test skips when no
// browser is installed, unless CI=true, where a missing browser is a
// failure:
//
//	func TestMain(m *testing.M) { os.Exit(chrometest.Sharing(m).Run()) }
//
//	func TestAnswersPersist(t *testing.T) {
//		ctx := chrometest.Tab(t)
//		chrometest.ForbidOutside(t, ctx, []string{"out"})
//		if err := chromedp.Do(ctx, chromedp.Navigate(chrometest.FileURL(t, "out/index.html"))); err != nil {
//			t.Fatal(err)
//		}
//	}
package chrometest

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome"
)

// Timeout is how long one test may use its browser, counted from when the
// browser has started and answered. After it, every browser action of the
// test fails with context.DeadlineExceeded.
const Timeout = 60 * time.Second

// installHint is the advice a test gives when no browser is installed.
const installHint = "chromium not found: apt-get install -y chromium"

// Context starts a headless browser for the test and returns a chromedp
// context for one tab of it. The browser uses a fresh profile under
// t.TempDir(), and is closed in t.Cleanup. The context ends [Timeout] after
// the browser has started; starting may take up to [StartTimeout].
//
// When no browser is found (see [chrome.Find]; PRAXIS_CHROME is honoured) the
// test is skipped, or fails when the environment variable CI is "true".
func Context(t testing.TB) context.Context {
	t.Helper()
	return ContextTimeout(t, Timeout)
}

// Require returns the browser executable, or skips the test (fails it when
// CI=true) when there is none. Use it for tests that run the browser through
// another package, such as the praxis pdf command.
func Require(t testing.TB) string {
	t.Helper()
	execPath, err := chrome.Find("", os.Getenv)
	var nf *chrome.NotFoundError
	switch {
	case errors.As(err, &nf):
		missing(t, installHint+" ("+err.Error()+")")
	case err != nil:
		t.Fatalf("finding the browser: %v", err)
	}
	return execPath
}

// missing skips the test with hint, or fails it on CI, where a missing tool
// means the CI image is broken and the test must not silently pass.
func missing(t testing.TB, hint string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(hint)
		return
	}
	t.Skip(hint)
}

// FileURL returns the file:// URL of path, made absolute first.
func FileURL(t testing.TB, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatalf("FileURL(%q): %v", path, err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
