package serve

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// bigSite is a site of n pages of about 20 KB each and one stylesheet.
func bigSite(n int, version string) map[string][]byte {
	files := map[string][]byte{"theme/style.css": []byte("body { color: black }")}
	body := strings.Repeat("<p>Reflect on what happened and what you learned.</p>\n", 380)
	for i := range n {
		files[fmt.Sprintf("ch%d/p%d/index.html", i/20, i)] = []byte("<html><body>" + version + body + "</body></html>")
	}
	return files
}

// BenchmarkPublishOnePageChanged measures a typical rebuild: 500 pages, one
// of them edited.
func BenchmarkPublishOnePageChanged(b *testing.B) {
	s := New(Options{})
	base := bigSite(500, "v")
	s.Publish(base, nil)
	edited := bigSite(500, "v")
	edited["ch0/p0/index.html"] = []byte("<html><body>edited</body></html>")
	sites := []map[string][]byte{edited, base}
	for i := 0; b.Loop(); i++ {
		s.Publish(sites[i%2], nil)
	}
}

// BenchmarkServePage measures serving one 20 KB page with the live script.
func BenchmarkServePage(b *testing.B) {
	s := New(Options{})
	s.Publish(bigSite(20, "v"), nil)
	h := s.Handler()
	req := httptest.NewRequest("GET", "/ch0/p3/", nil)
	req.Host = "localhost"
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("GET /ch0/p3/: status %d", rec.Code)
		}
	}
}
