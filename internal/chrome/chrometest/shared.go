package chrometest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome"
)

// Runner runs a package's tests and returns their exit code: a
// [*testing.M], or a wrapper of one such as cachetest's.
type Runner interface{ Run() int }

// shared is the one browser that [Tab] opens tabs in, for the test binary
// whose TestMain runs through [Sharing]. It is the only state of the
// package that outlives a test: starting Chromium costs about a second of
// both cores, and a package with forty browser tests would spend most of
// its time starting browsers.
var shared struct {
	mu      sync.Mutex
	enabled bool // Sharing is running the tests
	started bool
	ctx     context.Context // the browser's first tab; nil when it failed to start
	cancel  context.CancelFunc
	profile string
	err     error
	idle    []*pooledTab // tabs a test has finished with, scrubbed
}

// sharing is the Runner that [Sharing] returns.
type sharing struct{ m Runner }

// Sharing lets the tests run by m open their tabs with [Tab] in one shared
// browser, which it starts when the first test asks for it and closes once
// every test has run. Use it in TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(chrometest.Sharing(m).Run()) }
func Sharing(m Runner) Runner { return sharing{m} }

// Run runs the tests and then closes the shared browser, if one started.
func (s sharing) Run() int {
	shared.mu.Lock()
	shared.enabled = true
	shared.mu.Unlock()
	code := s.m.Run()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	shared.enabled = false
	if shared.cancel != nil {
		shared.cancel()
		removeProfile(shared.profile)
	}
	shared.started, shared.ctx, shared.cancel, shared.err, shared.idle = false, nil, nil, nil, nil
	return code
}

// removeProfile removes the shared browser's profile folder, retrying for
// a few seconds while its helper processes exit.
func removeProfile(dir string) {
	deadline := time.Now().Add(5 * time.Second)
	for os.RemoveAll(dir) != nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
}

// sharedBrowser returns the shared browser's context, starting the browser
// at execPath on the first call.
func sharedBrowser(execPath string) (context.Context, error) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.enabled {
		return nil, fmt.Errorf("chrometest.Tab needs the package's TestMain to run the tests through chrometest.Sharing")
	}
	if shared.started {
		return shared.ctx, shared.err
	}
	shared.started = true
	shared.profile, shared.err = os.MkdirTemp("", "praxis-chrometest-")
	if shared.err != nil {
		return nil, shared.err
	}
	shared.ctx, shared.cancel, shared.err = chrome.NewContextWithin(context.Background(), execPath, shared.profile, StartTimeout)
	return shared.ctx, shared.err
}

// Tab is [Context] in the browser that the package's tests share (see
// [Sharing]): it returns a chromedp context for a tab in a browser context
// of its own, Chromium's incognito profile, which has its own storage,
// cookies, cache and download folder. So tests see nothing of each other,
// as with a browser each, and may run in parallel. The context ends
// [Timeout] after the tab has opened.
//
// In t.Cleanup the tab is made as good as new (see pooledTab.scrub) and
// kept for the next test that asks for one; when that fails, or the test
// added scripts to run in every document (which only [Preload] may do),
// it is closed, with all its browser context holds. A test that changes
// its tab in any other way that scrub does not undo must undo it in
// t.Cleanup.
//
// A test that needs a browser's own profile on disk, such as one that
// restarts the browser, uses [Context].
func Tab(t testing.TB) context.Context {
	t.Helper()
	return TabTimeout(t, Timeout)
}

// TabTimeout is [Tab] with a tab that stops after timeout instead of
// [Timeout], for tests that check many pages in one tab. The timeout
// counts from when the tab has opened.
func TabTimeout(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	execPath := Require(t)
	browser, err := sharedBrowser(execPath)
	if err != nil {
		t.Fatalf("starting the shared browser (allowed %s): %v", StartTimeout, err)
	}
	pt, err := takeTab(browser)
	if err != nil {
		t.Fatalf("opening a tab in the shared browser: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(context.WithValue(pt.ctx, pooledKey{}, pt), timeout)
	t.Cleanup(func() {
		cancelTimeout() // stops the test's listeners
		putTab(t, pt)
	})
	return ctx
}

// takeTab returns a tab of the shared browser that no test uses: one a
// test has finished with, or a new one.
func takeTab(browser context.Context) (*pooledTab, error) {
	shared.mu.Lock()
	if n := len(shared.idle); n > 0 {
		pt := shared.idle[n-1]
		shared.idle = shared.idle[:n-1]
		shared.mu.Unlock()
		return pt, nil
	}
	shared.mu.Unlock()
	return newPooledTab(browser)
}

// putTab keeps pt, which test t has finished with, for the next test, or
// closes it when it cannot be made as good as new.
func putTab(t testing.TB, pt *pooledTab) {
	if !pt.reusable() {
		pt.cancel()
		return
	}
	if err := pt.scrub(); err != nil {
		t.Logf("closing the tab rather than using it again: %v", err)
		pt.cancel()
		return
	}
	shared.mu.Lock()
	shared.idle = append(shared.idle, pt)
	shared.mu.Unlock()
}

// openTab opens the tab of ctx, within StartTimeout. The tab lives as long
// as the context of its first action, so the limit cannot be a deadline on
// ctx: it calls cancelTab instead.
func openTab(ctx context.Context, cancelTab context.CancelFunc) error {
	timedOut := make(chan struct{})
	timer := time.AfterFunc(StartTimeout, func() {
		close(timedOut)
		cancelTab()
	})
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		<-timedOut
		return fmt.Errorf("the browser did not open a tab within %s", StartTimeout)
	}
	return err
}
