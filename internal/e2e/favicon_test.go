package e2e

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// TestPagesNameTheirIcon opens built pages from a web server at a sub-path,
// as a workbook is published, and checks that the browser fetches the
// theme's icon the pages link to, relative to them, and never asks for
// /favicon.ico, which no site of praxis has and which a server would log
// as a 404.
func TestPagesNameTheirIcon(t *testing.T) {
	t.Parallel()
	ctx := chrometest.Tab(t)
	site := buildSite(t)
	var mu sync.Mutex
	var asked []string
	files := http.StripPrefix("/wb", http.FileServer(http.Dir(site)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	seen := func(p string) bool {
		mu.Lock()
		defer mu.Unlock()
		return slices.Contains(asked, p)
	}
	for _, page := range []string{"/wb/", "/wb/" + reflectPage, "/wb/print/index.html"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+page)); err != nil {
			t.Fatalf("opening %s: %v", page, err)
		}
		deadline := time.Now().Add(10 * time.Second) // from when the page has loaded
		for !seen("/wb/theme/favicon.svg") && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(asked, "/wb/theme/favicon.svg") {
		t.Errorf("the browser never fetched the theme's icon; it asked for %q", asked)
	}
	for _, p := range asked {
		if p == "/favicon.ico" || p == "/wb/favicon.ico" {
			t.Errorf("the browser asked for %s", p)
		}
	}
}
