package chrometest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// Downloads captures the files that the tab of one context downloads, such
// as the answers a workbook page exports. Make one with [CaptureDownloads].
type Downloads struct {
	// Dir is the folder the browser saves downloads in.
	Dir string

	mu    sync.Mutex
	names map[string]string // download GUID → suggested file name
	done  chan string       // GUIDs of completed downloads, in order
}

// CaptureDownloads makes the browser context of ctx's tab save downloads,
// under the file names the page suggests, into a fresh folder under
// t.TempDir(), and starts recording them. Call it before the action that
// downloads.
func CaptureDownloads(t testing.TB, ctx context.Context) *Downloads {
	t.Helper()
	d := &Downloads{
		Dir:   t.TempDir(),
		names: make(map[string]string),
		done:  make(chan string, 64),
	}
	if err := chromedp.Listen(ctx, d.record); err != nil {
		t.Fatalf("listening for downloads: %v", err)
	}
	_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:      browser.SetDownloadBehaviorBehaviorAllow,
		DownloadPath:  d.Dir,
		EventsEnabled: new(true),
		// The tab's own browser context (see [Tab]); empty, the browser's
		// default one.
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
	})
	if err != nil {
		t.Fatalf("setting the download folder: %v", err)
	}
	return d
}

// record is the event listener. It runs in chromedp's read loop, so it only
// notes the event and never blocks: done has room for more downloads than a
// test makes.
func (d *Downloads) record(ev any) {
	switch e := ev.(type) {
	case *browser.EventDownloadWillBegin:
		d.mu.Lock()
		d.names[e.GUID] = e.SuggestedFilename
		d.mu.Unlock()
	case *browser.EventDownloadProgress:
		if e.State == browser.DownloadProgressStateCompleted {
			select {
			case d.done <- e.GUID:
			default:
			}
		}
	}
}

// Wait waits until the next download completes and its file is on disk, and
// returns the file's name (as the page suggested it) and contents. It fails
// the test after timeout.
func (d *Downloads) Wait(t testing.TB, timeout time.Duration) (name string, data []byte) {
	t.Helper()
	deadline := time.After(timeout)
	var guid string
	select {
	case guid = <-d.done:
	case <-deadline:
		t.Fatalf("no download completed within %s", timeout)
	}
	d.mu.Lock()
	name = d.names[guid]
	d.mu.Unlock()
	path := filepath.Join(d.Dir, name)
	for {
		data, err := os.ReadFile(path)
		if err == nil {
			return name, data
		}
		select {
		case <-deadline:
			t.Fatalf("download %q completed but %s did not appear: %v", name, path, err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
