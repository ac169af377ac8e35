package chrometest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome"
)

// ContextTimeout is [Context] with a browser that stops after timeout
// instead of [Timeout], for benchmarks that keep one page open for longer
// than a test may, such as the serve latency benchmark at 10,000 pages.
// It skips, or fails on CI, the same way when no browser is installed.
func ContextTimeout(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	execPath := Require(t)
	profile := filepath.Join(t.TempDir(), "profile")
	parent, cancelTimeout := context.WithTimeout(context.Background(), timeout)
	ctx, cancel, err := chrome.NewContext(parent, execPath, profile)
	if err != nil {
		cancelTimeout()
		t.Fatalf("starting the browser: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cancelTimeout()
		// Chromium's helper processes can write to the profile for a moment
		// after the browser exits; remove it before t.TempDir's own cleanup
		// fails with "directory not empty".
		removeAll(t, profile)
	})
	return ctx
}
