package chrome

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// startTimeout bounds how long NewContext waits for the browser to answer its
// first command. A binary that starts but never speaks the protocol (a wrong
// program, a wrapper script that waits for input) would otherwise hang.
const startTimeout = 30 * time.Second

// closeTimeout bounds the graceful shutdown in the cancel func of NewContext;
// after it, the browser process is killed.
const closeTimeout = 10 * time.Second

// options returns the allocator options praxis starts every browser with:
// chromedp's defaults plus the flags that keep a browser run as root quiet
// and offline. An empty profileDir leaves the profile to chromedp, which
// makes a temporary one and, once the browser exits, kills its leftover
// children and removes the folder, retrying while they still write to it.
func options(execPath, profileDir string) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	if profileDir != "" {
		opts = append(opts, chromedp.UserDataDir(profileDir))
	}
	return opts
}

// NewContext starts the browser at execPath (see [Find]) and returns a
// chromedp context for one tab of it. profileDir is the browser profile
// folder; it should be fresh and is left in place. When it is empty, a
// temporary folder is made and removed when the browser stops.
//
// NewContext returns only after the browser answered, or an error that says
// the browser could not start (with its output) or did not answer within 30
// seconds; it never hangs on a broken binary. The browser lives until the
// returned cancel func is called or parent is done. Cancel closes the browser
// gracefully, waits for it to exit, and may be called more than once.
func NewContext(parent context.Context, execPath, profileDir string) (context.Context, context.CancelFunc, error) {
	return newContext(parent, execPath, profileDir, startTimeout)
}

// NewContextWithin is [NewContext] with start, instead of 30 seconds, as the
// time the browser may take to answer its first command: for tests, which
// may start browsers on a loaded machine.
func NewContextWithin(parent context.Context, execPath, profileDir string, start time.Duration) (context.Context, context.CancelFunc, error) {
	return newContext(parent, execPath, profileDir, start)
}

// newContext is NewContext with the start timeout as a parameter.
func newContext(parent context.Context, execPath, profileDir string, timeout time.Duration) (context.Context, context.CancelFunc, error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, options(execPath, profileDir)...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	cancel := sync.OnceFunc(func() {
		cctx, stop := context.WithTimeout(ctx, closeTimeout)
		defer stop()
		_ = chromedp.Cancel(cctx) // the browser may be gone already; cancelTab below cleans up either way
		cancelTab()
		cancelAlloc()
	})
	if err := start(ctx, cancelTab, timeout); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	return ctx, cancel, nil
}

// start runs the first action on ctx, which launches the browser and opens
// the tab. The launch binds the browser's lifetime to the context of that
// first action, so the timeout cannot be a context deadline: it calls
// cancelTab instead, which kills the process and unblocks the start.
func start(ctx context.Context, cancelTab context.CancelFunc, timeout time.Duration) error {
	timedOut := make(chan struct{})
	timer := time.AfterFunc(timeout, func() {
		close(timedOut)
		cancelTab()
	})
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		<-timedOut
		return fmt.Errorf("the browser did not answer within %s; is it a Chromium or Chrome executable?", timeout)
	}
	return err
}
