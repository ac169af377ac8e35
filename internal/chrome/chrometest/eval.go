package chrometest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/pagewait"
)

// WaitJS evaluates the JavaScript expression expr in the tab of ctx until
// it is true, and fails the test when it is still false after patience.
// The page checks it every 10 ms, a second at a time (see pagewait);
// errors while the page reloads are expected and retried.
func WaitJS(t testing.TB, ctx context.Context, expr string, patience time.Duration) {
	t.Helper()
	deadline := time.Now().Add(patience)
	var last error
	for time.Now().Before(deadline) {
		wait := pagewait.Expr(expr, min(time.Until(deadline), time.Second))
		res, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](wait, chromedp.EvalAwaitPromise))
		if err != nil {
			last = err // the page was replaced while it waited
			time.Sleep(10 * time.Millisecond)
			continue
		}
		ok, err := pagewait.Result(res)
		if ok {
			return
		}
		if err != nil {
			last = err
		}
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
