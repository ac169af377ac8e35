package chrometest

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// ForbidOutside fails the test if the tab of ctx requests anything but
//
//   - a file:// URL of a file inside one of the folders roots (the built
//     site: a page that reaches out of it breaks once the site is zipped or
//     uploaded),
//   - a URL of one of the origins (scheme://host:port, such as
//     "http://127.0.0.1:8080" for a test server),
//   - about:blank, and blob: URLs, which the page makes itself from what it
//     holds in memory (a download of the answers).
//
// Everything else is reported: other hosts, ws:, data: URLs that are
// fetched, framed or navigated to (content that is not a file of the site)
// and file:// URLs outside roots. data: images are allowed: Chromium's own
// controls load their icons so (the calendar of a date field), while the
// images a page inlines as data: are decoded without a request, so there is
// nothing to see of them either way. Call it before
// navigating. Every forbidden request is reported, once, when the test ends,
// so a page that fetches a font from a CDN or phones home is caught even when
// the request happens after the test's last action.
func ForbidOutside(t testing.TB, ctx context.Context, roots []string, origins ...string) {
	t.Helper()
	p := policy{origins: origins}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			t.Fatalf("ForbidOutside: root %q: %v", r, err)
		}
		p.roots = append(p.roots, abs)
	}
	forbid(t, ctx, p)
}

// forbid reports, when the test ends, every request of the tab of ctx that
// p does not allow.
func forbid(t testing.TB, ctx context.Context, p policy) {
	t.Helper()
	var (
		mu  sync.Mutex
		bad []string
	)
	err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok || e.Request == nil || p.allows(e.Request.URL, e.Type) {
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
			t.Errorf("page made a request to %s; want only %s", u, p)
		}
	})
}

// policy is what a page may request.
type policy struct {
	roots   []string // absolute folders whose files may be loaded
	origins []string // scheme://host:port of test servers
}

// allows reports whether a request for rawURL, of a resource of type typ,
// is allowed.
func (p policy) allows(rawURL string, typ network.ResourceType) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	switch scheme := strings.ToLower(u.Scheme); {
	case scheme == "blob", rawURL == "about:blank", scheme == "data" && typ == network.ResourceTypeImage:
		return true
	case scheme == "file":
		return u.Host == "" && p.inRoots(u.Path)
	}
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	for _, o := range p.origins {
		if strings.ToLower(strings.TrimSuffix(o, "/")) == origin {
			return true
		}
	}
	return false
}

// inRoots reports whether the path of a file:// URL names a file inside one
// of the roots. The path is cleaned first, so "/site/../etc" is outside
// "/site".
func (p policy) inRoots(urlPath string) bool {
	path := urlPath
	if len(path) > 1 && filepath.VolumeName(path[1:]) != "" {
		path = path[1:] // file:///C:/... on Windows
	}
	path = filepath.Clean(filepath.FromSlash(path))
	for _, root := range p.roots {
		rel, err := filepath.Rel(root, path)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// String describes p for failure messages.
func (p policy) String() string {
	var what []string
	for _, r := range p.roots {
		what = append(what, "files under "+r)
	}
	what = append(what, p.origins...)
	return strings.Join(append(what, "blob: URLs, data: images and about:blank"), ", ")
}
