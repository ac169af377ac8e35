package chrometest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// A pooledTab is a tab of the shared browser in a browser context of its
// own, which tests take turns to use (see [Tab]). Opening a tab starts a
// renderer process: with its first page about 0.7 CPU-seconds; a tab used
// again keeps its process, and the next test's first page costs about a
// third of that.
type pooledTab struct {
	ctx    context.Context    // the tab's own chromedp context
	cancel context.CancelFunc // closes the tab and throws its browser context away

	mu        sync.Mutex
	origins   map[string]bool // whose storage the tab's pages may have used
	preloaded bool            // a test added scripts to run in every document (see Preload)
}

// reusable reports whether scrub can make the tab as good as new: not
// after Preload, whose scripts CDP cannot list to remove.
func (pt *pooledTab) reusable() bool {
	pt.mu.Lock()
	defer pt.mu.Unlock()
	return !pt.preloaded
}

// scrubTimeout bounds making a used tab as good as new; a tab that takes
// longer (a dialog left open, say) is closed instead.
const scrubTimeout = 5 * time.Second

// newPooledTab opens a tab in a new browser context of the browser of
// parent, within StartTimeout.
func newPooledTab(parent context.Context) (*pooledTab, error) {
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	pt := &pooledTab{ctx: ctx, cancel: cancel, origins: map[string]bool{}}
	if err := openTab(ctx, cancel); err != nil {
		cancel()
		return nil, err
	}
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*page.EventFrameNavigated); ok {
			pt.mu.Lock()
			pt.origins[e.Frame.SecurityOrigin] = true
			pt.mu.Unlock()
		}
	})
	if err != nil {
		cancel()
		return nil, err
	}
	return pt, nil
}

// scrub undoes what a test can have done to the tab, so that the next
// test finds it as a new one: it closes the other tabs of its browser
// context, opens about:blank, forgets the history, clears the storage,
// cookies and permissions of every origin the tab has shown, and drops
// the viewport, media and script settings and the download folder. A
// test that changes anything else of its tab must undo it itself, in
// t.Cleanup; a tab that ran scripts added with Preload is not scrubbed
// but closed.
func (pt *pooledTab) scrub() error {
	ctx, cancel := context.WithTimeout(pt.ctx, scrubTimeout)
	defer cancel()
	c := chromedp.FromContext(pt.ctx)
	if err := closeOthers(ctx, c); err != nil {
		return err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return err
	}
	pt.mu.Lock()
	origins := pt.origins
	pt.origins = map[string]bool{}
	pt.mu.Unlock()
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, history := cdp.Call(ctx, tg, page.ResetNavigationHistory, cdp.Empty{})
		_, viewport := cdp.Call(ctx, tg, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
		_, media := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		_, scripts := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
		_, downloads := cdp.Call(ctx, c.Browser, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorDefault, BrowserContextID: c.BrowserContextID})
		_, permissions := cdp.Call(ctx, c.Browser, browser.ResetPermissions, browser.ResetPermissionsParams{BrowserContextID: c.BrowserContextID})
		_, cookies := cdp.Call(ctx, c.Browser, storage.ClearCookies, storage.ClearCookiesParams{BrowserContextID: c.BrowserContextID})
		errs := []error{history, viewport, media, scripts, downloads, permissions, cookies}
		for origin := range origins {
			if origin == "" || origin == "null" || origin == "://" {
				continue // about:blank's
			}
			_, err := cdp.Call(ctx, tg, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: origin, StorageTypes: "all"})
			if err != nil {
				errs = append(errs, fmt.Errorf("clearing the storage of %s: %w", origin, err))
			}
		}
		return errors.Join(errs...)
	}))
}

// closeOthers closes the tabs of c's browser context but c's own, such as
// a second tab that a test opened.
func closeOthers(ctx context.Context, c *chromedp.Context) error {
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		return err
	}
	for _, info := range infos {
		if info.BrowserContextID != c.BrowserContextID || info.TargetID == c.Target.TargetID || info.Type != "page" {
			continue
		}
		if _, err := cdp.Call(ctx, c.Browser, target.CloseTarget, target.CloseTargetParams{TargetID: info.TargetID}); err != nil {
			return err
		}
	}
	return nil
}

// pooledKey is the context key under which Tab keeps its pooledTab.
type pooledKey struct{}

// Preload has the tab of ctx run the script js in every document it
// loads, frames included, before the document's own scripts, for the rest
// of the test. A tab of [Tab] that ran scripts this way is closed when the
// test ends rather than used again.
func Preload(t testing.TB, ctx context.Context, js string) {
	t.Helper()
	if pt, ok := ctx.Value(pooledKey{}).(*pooledTab); ok {
		pt.mu.Lock()
		pt.preloaded = true
		pt.mu.Unlock()
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		t.Fatalf("adding a script to run in every document: %v", err)
	}
}
