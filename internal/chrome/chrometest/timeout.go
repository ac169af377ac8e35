package chrometest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome"
	"github.com/praxis-workbooks/praxis/internal/testshare"
)

// StartTimeout bounds how long the browser may take to start and answer its
// first command. It is generous, and apart from the test's own [Timeout], so
// that a test queued behind others on a loaded machine does not lose its
// time to a slow start.
const StartTimeout = 3 * time.Minute

// ContextTimeout is [Context] with a browser that stops after timeout
// instead of [Timeout], for benchmarks that keep one page open for longer
// than a test may, such as the serve latency benchmark at 10,000 pages.
// It skips, or fails on CI, the same way when no browser is installed.
//
// The timeout counts from when the browser has started and answered, not
// from the call: starting has its own limit, [StartTimeout].
func ContextTimeout(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	execPath := Require(t)
	profile := filepath.Join(t.TempDir(), "profile")
	browser, cancel, err := chrome.NewContextWithin(context.Background(), execPath, profile, StartTimeout)
	if err != nil {
		t.Fatalf("starting the browser (allowed %s): %v", StartTimeout, err)
	}
	ctx, cancelTimeout := context.WithTimeout(browser, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		// Chromium's helper processes can write to the profile for a moment
		// after the browser exits; remove it before t.TempDir's own cleanup
		// fails with "directory not empty".
		if err := testshare.RemoveAll(profile); err != nil {
			t.Errorf("removing the browser profile: %v", err)
		}
	})
	return ctx
}
