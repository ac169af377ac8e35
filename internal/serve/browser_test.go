package serve

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/diag"
)

// browser opens a tab for the test in the package's shared headless
// Chromium, with storage of its own (see chrometest: skipped without
// Chromium, failed under CI=true).
func browser(t *testing.T) context.Context { return chrometest.Tab(t) }

func waitJS(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	chrometest.WaitJS(t, ctx, expr, 10*time.Second)
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return chrometest.Eval[T](t, ctx, expr)
}

// waitConnected waits until the only open event stream of s is the
// opened-th since s started: the page (re)connected and will hear every
// later event.
func waitConnected(t *testing.T, s *Server, opened int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		open, n := s.hub.count()
		if open == 1 && n == opened {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 10s: %d open event streams of %d opened, want 1 of %d", open, n, opened)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// browserSite is a site with a chapter page tall enough to scroll, another
// page and a stylesheet, each with its own version.
func browserSite(page, other, color string) map[string][]byte {
	html := fmt.Sprintf(`<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="../style.css"></head>
<body><h1>version %s</h1><div style="height:5000px"></div></body></html>`, page)
	return map[string][]byte{
		"ch1/index.html": []byte(html),
		"other.html":     []byte("<body>other " + other + "</body>"),
		"style.css":      []byte("body { color: " + color + " }"),
	}
}

const overlayJS = `document.getElementById("praxis-build-errors")`

func TestLiveReloadInBrowser(t *testing.T) {
	ctx := browser(t)
	s := New(Options{})
	s.Publish(browserSite("1", "1", "red"), nil)
	ts := newTestServer(t, s.Handler())
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/ch1/")); err != nil {
		t.Fatal(err)
	}
	waitConnected(t, s, 1)

	t.Run("reload keeps scroll", func(t *testing.T) {
		// Turn off the browser's own restoration so that only live.js can pass.
		eval[int](t, ctx, `history.scrollRestoration = "manual"; window.marker = 1; window.scrollTo(0, 600); window.scrollY`)
		s.Publish(browserSite("2", "1", "red"), nil)
		waitJS(t, ctx, `document.querySelector("h1").textContent === "version 2"`)
		waitJS(t, ctx, `window.scrollY === 600`)
		if eval[bool](t, ctx, `window.marker === 1`) {
			t.Fatalf("page content changed without a reload")
		}
		waitConnected(t, s, 2)
	})

	t.Run("css swaps without reload", func(t *testing.T) {
		eval[int](t, ctx, `window.marker = 1`)
		// Another page changes first: this page must ignore that reload.
		s.Publish(browserSite("2", "2", "red"), []string{"other.html"})
		s.Publish(browserSite("2", "2", "blue"), []string{"style.css"})
		waitJS(t, ctx, `getComputedStyle(document.body).color === "rgb(0, 0, 255)"`)
		waitJS(t, ctx, `document.querySelectorAll('link[rel="stylesheet"]').length === 1`)
		if !eval[bool](t, ctx, `window.marker === 1`) {
			t.Errorf("page reloaded on a stylesheet or other-page change; want only its stylesheet swapped")
		}
		if href := eval[string](t, ctx, `document.querySelector('link[rel="stylesheet"]').href`); !strings.Contains(href, "style.css?praxis=") {
			t.Errorf("stylesheet href %q, want a cache-busting query", href)
		}
	})

	t.Run("error overlay", func(t *testing.T) {
		var list diag.List
		list.Add(diag.Pos{File: "content/a.md", Line: 3, Col: 7}, `<img src=x onerror="window.pwned=1"> is not allowed`)
		s.Fail(list)
		waitJS(t, ctx, overlayJS+` !== null`)
		text := eval[string](t, ctx, overlayJS+`.shadowRoot.textContent`)
		if !strings.Contains(text, "content/a.md:3:7") || !strings.Contains(text, `<img src=x onerror="window.pwned=1"> is not allowed`) {
			t.Errorf("overlay text %q, want the position and the message as text", text)
		}
		if eval[bool](t, ctx, overlayJS+`.shadowRoot.querySelector("img") !== null`) {
			t.Errorf("overlay turned the error message into HTML")
		}
		eval[bool](t, ctx, overlayJS+`.shadowRoot.querySelector("button").click(), true`)
		waitJS(t, ctx, overlayJS+` === null`)

		s.Fail(list)
		waitJS(t, ctx, overlayJS+` !== null`)
		s.Publish(browserSite("2", "2", "blue"), nil)
		waitJS(t, ctx, overlayJS+` === null`)
		if !eval[bool](t, ctx, `window.marker === 1 && window.pwned === undefined`) {
			t.Errorf("page reloaded on ok, or ran the error text as HTML")
		}
	})
}

// TestLiveReloadOfAwkwardNames checks that a page and a stylesheet whose
// names need percent-encoding are found in the reload lists: the server
// names them as the site's links do.
func TestLiveReloadOfAwkwardNames(t *testing.T) {
	ctx := browser(t)
	site := func(version, color string) map[string][]byte {
		return map[string][]byte{
			"c#sharp/a b;1/index.html": []byte(`<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="../50%25%20off.css"></head><body><h1>version ` + version + `</h1></body></html>`),
			"c#sharp/50% off.css": []byte("body { color: " + color + " }"),
			"other.html":          []byte("<body>other " + version + "</body>"),
		}
	}
	s := New(Options{})
	s.Publish(site("1", "red"), nil)
	ts := newTestServer(t, s.Handler())
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/c%23sharp/a%20b%3B1/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.querySelector("h1") !== null && getComputedStyle(document.body).color === "rgb(255, 0, 0)"`)
	waitConnected(t, s, 1)
	eval[int](t, ctx, `window.marker = 1`)
	s.Publish(site("1", "blue"), []string{"c#sharp/50% off.css"})
	waitJS(t, ctx, `getComputedStyle(document.body).color === "rgb(0, 0, 255)"`)
	if !eval[bool](t, ctx, `window.marker === 1`) {
		t.Errorf("the page reloaded for its stylesheet; want the stylesheet swapped")
	}
	s.Publish(site("2", "blue"), []string{"c#sharp/a b;1/index.html"})
	waitJS(t, ctx, `document.querySelector("h1") !== null && document.querySelector("h1").textContent === "version 2"`)
}

func TestPageReloadsAfterServerRestart(t *testing.T) {
	ctx := browser(t)
	first := New(Options{})
	first.Publish(browserSite("1", "1", "red"), nil)
	ln, err := Listen(ctx, "127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	stop := serveInBackground(t, first, ln)
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+addr+"/ch1/")); err != nil {
		t.Fatal(err)
	}
	waitConnected(t, first, 1)
	stop()

	// A new process would build the same site again; here it has changed.
	second := New(Options{})
	second.Publish(browserSite("2", "1", "red"), nil)
	ln, err = Listen(ctx, "127.0.0.1", port(t, ln))
	if err != nil {
		t.Fatal(err)
	}
	if ln.Addr().String() != addr {
		ln.Close()
		t.Skipf("port of %s was taken by someone else during the test", addr)
	}
	defer serveInBackground(t, second, ln)()
	waitJS(t, ctx, `document.querySelector("h1").textContent === "version 2"`)
	waitConnected(t, second, 2)
}

// serveInBackground runs s.Serve on ln and returns a func that stops it and
// waits for it to return.
func serveInBackground(t *testing.T, s *Server, ln net.Listener) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}
}
