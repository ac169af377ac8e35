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
	"github.com/praxis-workbooks/praxis/internal/testshare"
)

// Runner runs a package's tests and returns their exit code: a
// [*testing.M], or a wrapper of one such as cachetest's.
type Runner = testshare.Runner

// shared is the one browser that [Tab] opens tabs in, for the test binary
// whose TestMain runs through [Sharing]. It is the only state of the
// package that outlives a test: starting Chromium costs about a second of
// both cores, and a package with forty browser tests would spend most of
// its time starting browsers.
var shared = testshare.New("chrometest", (*sharedBrowser).close)

// sharedBrowser is the shared browser and the tabs it keeps for the next
// test.
type sharedBrowser struct {
	ctx     context.Context // the browser's first tab
	cancel  context.CancelFunc
	profile string

	mu   sync.Mutex
	idle []*pooledTab // tabs a test has finished with, scrubbed
}

// Sharing lets the tests run by m open their tabs with [Tab] in one shared
// browser, which it starts when the first test asks for it and closes once
// every test has run. Use it in TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(chrometest.Sharing(m).Run()) }
func Sharing(m Runner) Runner { return shared.Sharing(m) }

// startShared starts the shared browser, at execPath.
func startShared(execPath string) (*sharedBrowser, error) {
	profile, err := os.MkdirTemp("", "praxis-chrometest-")
	if err != nil {
		return nil, err
	}
	ctx, cancel, err := chrome.NewContextWithin(context.Background(), execPath, profile, StartTimeout)
	if err != nil {
		_ = testshare.RemoveAll(profile)
		return nil, err
	}
	return &sharedBrowser{ctx: ctx, cancel: cancel, profile: profile}, nil
}

// close closes the browser and removes its profile folder.
func (b *sharedBrowser) close() {
	b.cancel()
	_ = testshare.RemoveAll(b.profile)
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
	browser, err := shared.Get(func() (*sharedBrowser, error) { return startShared(execPath) })
	if err != nil {
		t.Fatalf("starting the shared browser (allowed %s): %v", StartTimeout, err)
	}
	pt, err := browser.takeTab()
	if err != nil {
		t.Fatalf("opening a tab in the shared browser: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(context.WithValue(pt.ctx, pooledKey{}, pt), timeout)
	t.Cleanup(func() {
		cancelTimeout() // stops the test's listeners
		browser.putTab(t, pt)
	})
	return ctx
}

// takeTab returns a tab of b that no test uses: one a test has finished
// with, or a new one.
func (b *sharedBrowser) takeTab() (*pooledTab, error) {
	b.mu.Lock()
	if n := len(b.idle); n > 0 {
		pt := b.idle[n-1]
		b.idle = b.idle[:n-1]
		b.mu.Unlock()
		return pt, nil
	}
	b.mu.Unlock()
	return newPooledTab(b.ctx)
}

// putTab keeps pt, which test t has finished with, for the next test, or
// closes it when it cannot be made as good as new.
func (b *sharedBrowser) putTab(t testing.TB, pt *pooledTab) {
	if !pt.reusable() {
		pt.cancel()
		return
	}
	if err := pt.scrub(); err != nil {
		t.Logf("closing the tab rather than using it again: %v", err)
		pt.cancel()
		return
	}
	b.mu.Lock()
	b.idle = append(b.idle, pt)
	b.mu.Unlock()
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
