package chrometest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// WaitJS evaluates the JavaScript expression expr in the tab of ctx until
// it is true, and fails the test when it is still false after patience.
// Errors while the page reloads are expected and retried.
func WaitJS(t testing.TB, ctx context.Context, expr string, patience time.Duration) {
	t.Helper()
	deadline := time.Now().Add(patience)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: still false after %v (last error: %v)", expr, patience, last)
}

// Eval evaluates the JavaScript expression expr once and returns its value,
// failing the test on an error.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}
