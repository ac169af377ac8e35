package chrome

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// realBrowser returns the installed browser or skips (fails on CI). It
// cannot use package chrometest, which imports this package.
func realBrowser(t *testing.T) string {
	t.Helper()
	p, err := Find("", os.Getenv)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium not found: apt-get install -y chromium")
		}
		t.Skip("chromium not found: apt-get install -y chromium")
	}
	return p
}

func TestNewContextReadsFilePage(t *testing.T) {
	execPath := realBrowser(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	html := `<!doctype html><title>smoke</title><p id="p">hello from file</p>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	parent, cancelParent := context.WithTimeout(context.Background(), time.Minute)
	defer cancelParent()
	ctx, cancel, err := NewContext(parent, execPath, "")
	if err != nil {
		t.Fatalf("NewContext(%s): %v", execPath, err)
	}
	defer cancel()

	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatalf("navigating to %s: %v", page, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Text("#p"))
	if err != nil || got != "hello from file" {
		t.Fatalf("text of #p = %q, %v; want %q", got, err, "hello from file")
	}
	ua, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`))
	if err != nil || !strings.Contains(ua, "Headless") {
		t.Fatalf("userAgent = %q, %v; want a headless browser", ua, err)
	}
	cancel()
	cancel() // a second call must be harmless
}

func TestNewContextBrokenBinary(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, script string }{
		{"exits at once", "#!/bin/sh\necho 'libfoo.so: cannot open shared object file' >&2\nexit 127\n"},
		{"exits without speaking the protocol", "#!/bin/sh\nexit 0\n"},
		{"hangs", "#!/bin/sh\nexec sleep 60\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exe := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			if err := os.WriteFile(exe, []byte(tt.script), 0o755); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, cancel, err := newContext(context.Background(), exe, t.TempDir(), 2*time.Second)
				if cancel != nil {
					cancel()
				}
				done <- err
			}()
			select {
			case err := <-done:
				t.Logf("error: %v", err)
				if err == nil || !strings.Contains(err.Error(), exe) {
					t.Fatalf("NewContext(%q) error = %v; want an error naming the binary", exe, err)
				}
			case <-time.After(15 * time.Second):
				t.Fatalf("NewContext(%q) hung", exe)
			}
		})
	}
}
