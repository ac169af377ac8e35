package chrometest

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ForbidNetwork fails the test if the tab of ctx requests any URL other than
// file://, data:, blob: and about: URLs and the URLs of the allowed origins
// (such as "http://127.0.0.1:8080" for a test server). Call it before
// navigating. Every forbidden request is reported, once, when the test ends,
// so a page that fetches a font from a CDN or phones home is caught even when
// the request happens after the test's last action.
func ForbidNetwork(t testing.TB, ctx context.Context, allowed ...string) {
	t.Helper()
	var (
		mu  sync.Mutex
		bad []string
	)
	err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok || e.Request == nil || Allowed(e.Request.URL, allowed) {
			return
		}
		mu.Lock()
		bad = append(bad, e.Request.URL)
		mu.Unlock()
	})
	if err != nil {
		t.Fatalf("listening for network requests: %v", err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, u := range bad {
			t.Errorf("page made a network request to %s; want only file:// (or %v)", u, allowed)
		}
	})
}

// Allowed reports whether a request for rawURL stays on the machine: a
// file://, data:, blob: or about: URL, or a URL whose origin
// (scheme://host:port) is one of the allowed origins.
func Allowed(rawURL string, allowed []string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "file", "data", "blob", "about":
		return true
	}
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	for _, a := range allowed {
		if strings.ToLower(strings.TrimSuffix(a, "/")) == origin {
			return true
		}
	}
	return false
}
