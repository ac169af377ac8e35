package serve

import (
	"bytes"
	"errors"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testSite is a small synthetic site.
func testSite() map[string][]byte {
	return map[string][]byte{
		"index.html":          []byte("<!doctype html><html><head><title>Home</title></head><body><p>home</p></body></html>"),
		"ch1/index.html":      []byte("<html><body>chapter one</body></html>"),
		"ch1/page/index.html": []byte("<html><body>a page</body></html>"),
		"theme/style.css":     []byte("body { color: red }\n"),
		"404.html":            []byte(`<html><head><link rel="stylesheet" href="theme/style.css"></head><body>lost</body></html>`),
		"bare.html":           []byte("<p>no body tag"),
		"answers-store.html":  []byte("<html><body><script src=\"theme/answers-store.js\"></script></body></html>"),
	}
}

// get sends one request to h and returns the recorded response.
func get(t *testing.T, h http.Handler, method, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.Host = "localhost"
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func published(files map[string][]byte) *Server {
	s := New(Options{})
	s.Publish(files, nil)
	return s
}

func TestContentTypes(t *testing.T) {
	tests := []struct{ name, want string }{
		{"a.html", "text/html; charset=utf-8"},
		{"a.css", "text/css; charset=utf-8"},
		{"a.js", "text/javascript; charset=utf-8"},
		{"a.svg", "image/svg+xml"},
		{"a.png", "image/png"},
		{"a.jpg", "image/jpeg"},
		{"a.JPEG", "image/jpeg"},
		{"a.webp", "image/webp"},
		{"a.gif", "image/gif"},
		{"a.pdf", "application/pdf"},
		{"feed.xml", "application/xml; charset=utf-8"},
		{"a.json", "application/json"},
		{"a.txt", "text/plain; charset=utf-8"},
		{"a.ics", "text/calendar; charset=utf-8"},
		{"a.woff2", "font/woff2"},
		{"a.md", "text/markdown; charset=utf-8"},
		{"noext", "text/plain; charset=utf-8"},
	}
	files := map[string][]byte{}
	for _, tt := range tests {
		files["dir/"+tt.name] = []byte("plain text")
	}
	h := published(files).Handler()
	for _, tt := range tests {
		rec := get(t, h, "GET", "/dir/"+tt.name, nil)
		if rec.Code != 200 {
			t.Errorf("GET /dir/%s: status %d, want 200", tt.name, rec.Code)
		}
		if got := rec.Header().Get("Content-Type"); got != tt.want {
			t.Errorf("GET /dir/%s: Content-Type %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestDirectoriesAndRedirects(t *testing.T) {
	h := published(testSite()).Handler()
	tests := []struct {
		target   string
		code     int
		location string // for redirects
		body     string // substring, for 200 and 404
	}{
		{"/", 200, "", "<p>home</p>"},
		{"/index.html", 200, "", "<p>home</p>"},
		{"/ch1/", 200, "", "chapter one"},
		{"/ch1", 302, "./ch1/", ""},
		{"/ch1/page", 302, "./page/", ""},
		{"/ch1/page?x=1", 302, "./page/?x=1", ""},
		{"/ch1/page/", 200, "", "a page"},
		{"/ch1/page/index.html", 200, "", "a page"},
		{"/theme/", 404, "", "lost"},
		{"/theme", 404, "", "lost"},
		{"/nope/", 404, "", "lost"},
	}
	for _, tt := range tests {
		rec := get(t, h, "GET", tt.target, nil)
		if rec.Code != tt.code {
			t.Errorf("GET %s: status %d, want %d", tt.target, rec.Code, tt.code)
			continue
		}
		if got := rec.Header().Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, got, tt.location)
		}
		if !strings.Contains(rec.Body.String(), tt.body) {
			t.Errorf("GET %s: body %q does not contain %q", tt.target, rec.Body, tt.body)
		}
		if tt.location != "" {
			base, _ := url.Parse("http://x" + tt.target)
			loc, _ := url.Parse(tt.location)
			if got := base.ResolveReference(loc).Path; !strings.HasSuffix(got, "/") {
				t.Errorf("GET %s: Location resolves to %q, want a slash form", tt.target, got)
			}
		}
	}
}

// TestRootRedirectsToAnEditionFolder checks a site whose editions are in
// folders of their own: the root address leads to the first home folder
// the site has, and a missing address shows that folder's 404.html with
// its links resolved from there.
func TestRootRedirectsToAnEditionFolder(t *testing.T) {
	files := map[string][]byte{}
	for name, data := range testSite() {
		files["facilitator/"+name] = data
	}
	s := New(Options{Homes: []string{"participant/", "facilitator/"}})
	s.Publish(files, nil)
	h := s.Handler()
	if rec := get(t, h, "GET", "/?x=1", nil); rec.Code != http.StatusFound || rec.Header().Get("Location") != "./facilitator/?x=1" {
		t.Errorf("GET / of a facilitator edition: %d to %q, want 302 to ./facilitator/?x=1", rec.Code, rec.Header().Get("Location"))
	}
	for name, data := range testSite() {
		files["participant/"+name] = data
	}
	s.Publish(files, nil)
	if rec := get(t, h, "GET", "/", nil); rec.Code != http.StatusFound || rec.Header().Get("Location") != "./participant/" {
		t.Errorf("GET / with both editions: %d to %q, want 302 to ./participant/", rec.Code, rec.Header().Get("Location"))
	}
	rec := get(t, h, "GET", "/participant/nope/", nil)
	if body := rec.Body.String(); rec.Code != http.StatusNotFound || !strings.Contains(body, `<head><base href="/participant/"><link`) {
		t.Errorf("GET a missing page: %d %q, want 404 with participant/404.html based at /participant/", rec.Code, body)
	}
	files["index.html"] = []byte("<p>own home</p>")
	s.Publish(files, nil)
	if rec := get(t, h, "GET", "/", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "own home") {
		t.Errorf("GET / of a site with its own index.html: %d %q, want that page", rec.Code, rec.Body)
	}
}

func TestNotFoundServes404Page(t *testing.T) {
	h := published(testSite()).Handler()
	rec := get(t, h, "GET", "/ch9/missing/", nil)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", rec.Code)
	}
	body := rec.Body.String()
	if !strings.Contains(body, "lost") || !strings.Contains(body, liveTag) {
		t.Errorf("body %q: want the site's 404.html with the live script", body)
	}
	// Served at any depth, the page's relative links must resolve from the root.
	if !strings.Contains(body, `<head><base href="/"><link`) {
		t.Errorf("body %q: want <base href=\"/\"> first in head", body)
	}
	if got := rec.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q, want text/html", got)
	}

	h = published(map[string][]byte{"index.html": []byte("hi")}).Handler()
	rec = get(t, h, "GET", "/missing", nil)
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), liveTag) {
		t.Errorf("site without 404.html: got %d %q, want 404 with a page that live-reloads", rec.Code, rec.Body)
	}
}

func TestBeforeFirstPublish(t *testing.T) {
	rec := get(t, New(Options{}).Handler(), "GET", "/", nil)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), liveTag) {
		t.Fatalf("got %d %q, want 503 with a page that reloads itself", rec.Code, rec.Body)
	}
}

func TestETagFollowsBytes(t *testing.T) {
	s := New(Options{})
	h := s.Handler()
	var tags []string
	// Quick successive builds of the same size: a modification time would
	// not tell them apart, a hash does.
	for _, v := range []string{"aaaa", "bbbb", "cccc", "aaaa"} {
		s.Publish(map[string][]byte{"a.txt": []byte(v)}, []string{"a.txt"})
		rec := get(t, h, "GET", "/a.txt", nil)
		if rec.Body.String() != v {
			t.Fatalf("body %q, want %q", rec.Body, v)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("Cache-Control %q, want no-cache", cc)
		}
		tags = append(tags, rec.Header().Get("ETag"))
	}
	if tags[0] == "" || tags[0] == tags[1] || tags[1] == tags[2] || tags[0] == tags[2] {
		t.Errorf("ETags %q: want a different tag for each content", tags)
	}
	if tags[0] != tags[3] {
		t.Errorf("ETags %q: want the same tag for the same bytes", tags)
	}
}

func TestIfNoneMatch(t *testing.T) {
	h := published(testSite()).Handler()
	for _, target := range []string{"/theme/style.css", "/ch1/", scriptPath} {
		tag := get(t, h, "GET", target, nil).Header().Get("ETag")
		tests := []struct {
			inm  string
			want int
		}{
			{tag, http.StatusNotModified},
			{`"other", ` + tag, http.StatusNotModified},
			{"W/" + tag, http.StatusNotModified},
			{"*", http.StatusNotModified},
			{`"other"`, http.StatusOK},
		}
		for _, tt := range tests {
			rec := get(t, h, "GET", target, http.Header{"If-None-Match": {tt.inm}})
			if rec.Code != tt.want {
				t.Errorf("GET %s with If-None-Match %s: status %d, want %d", target, tt.inm, rec.Code, tt.want)
			}
			if tt.want == http.StatusNotModified && rec.Body.Len() != 0 {
				t.Errorf("GET %s: 304 with body %q", target, rec.Body)
			}
		}
	}
}

func TestHeadAndMethods(t *testing.T) {
	h := published(testSite()).Handler()
	full := get(t, h, "GET", "/ch1/", nil)
	head := get(t, h, "HEAD", "/ch1/", nil)
	if head.Code != 200 || head.Body.Len() != 0 {
		t.Errorf("HEAD /ch1/: got %d with %d body bytes, want 200 and none", head.Code, head.Body.Len())
	}
	if got, want := head.Header().Get("Content-Length"), strconv.Itoa(full.Body.Len()); got != want {
		t.Errorf("HEAD /ch1/: Content-Length %q, want %q", got, want)
	}
	if got := get(t, h, "HEAD", "/missing", nil).Code; got != 404 {
		t.Errorf("HEAD /missing: status %d, want 404", got)
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		rec := get(t, h, m, "/", nil)
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /: got %d Allow %q, want 405 Allow \"GET, HEAD\"", m, rec.Code, rec.Header().Get("Allow"))
		}
	}
}

func TestScriptInjectedOnlyIntoHTML(t *testing.T) {
	h := published(testSite()).Handler()
	for _, target := range []string{"/", "/ch1/page/", "/bare.html"} {
		body := get(t, h, "GET", target, nil).Body.String()
		if n := strings.Count(body, liveTag); n != 1 {
			t.Errorf("GET %s: %d live script tags in %q, want 1", target, n, body)
		}
	}
	if body := get(t, h, "GET", "/", nil).Body.String(); !strings.Contains(body, liveTag+"</body></html>") {
		t.Errorf("GET /: script not right before </body>: %q", body)
	}
	if body := get(t, h, "GET", "/theme/style.css", nil).Body.String(); body != "body { color: red }\n" {
		t.Errorf("GET /theme/style.css: body %q, want the file unchanged", body)
	}
	// The answers store runs in a hidden frame of every page: a live
	// script there would open a second event stream per page.
	if body := get(t, h, "GET", "/answers-store.html", nil).Body.String(); strings.Contains(body, liveTag) {
		t.Errorf("GET /answers-store.html: %q; want it without the live script", body)
	}
}

func TestInjectScript(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<body>x</body>", "<body>x" + liveTag + "</body>"},
		{"<BODY>x</BODY>\n", "<BODY>x" + liveTag + "</BODY>\n"},
		{"<p>x", "<p>x" + liveTag},
		{"", liveTag},
		{"<body><pre>&lt;/body></pre></body>", "<body><pre>&lt;/body></pre>" + liveTag + "</body>"},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		if got := string(injectScript(in)); got != tt.want {
			t.Errorf("injectScript(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if string(in) != tt.in {
			t.Errorf("injectScript(%q) modified its input to %q", tt.in, in)
		}
	}
}

func TestInjectBase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<html><head><title>x</title></head>", `<html><head><base href="/"><title>x</title></head>`},
		{"<HEAD lang=en>x", `<HEAD lang=en><base href="/">x`},
		{`<head><base href="/sub/"></head>`, `<head><base href="/sub/"></head>`},
		{"<header>no head</header>", "<header>no head</header>"},
		{"<p>none", "<p>none"},
	}
	for _, tt := range tests {
		if got := string(injectBase([]byte(tt.in), "/")); got != tt.want {
			t.Errorf("injectBase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPathsCannotLeaveTheSite(t *testing.T) {
	// Real files next to and above the working directory: a server that
	// touched the file system could find them.
	root := t.TempDir()
	work := filepath.Join(root, "work")
	for name, body := range map[string]string{
		filepath.Join(root, "secret.txt"):            "SECRET",
		filepath.Join(work, "secret.txt"):            "SECRET",
		filepath.Join(work, "onlyondisk", "x.html"):  "SECRET",
		filepath.Join(work, "onlyondisk/index.html"): "SECRET",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(work)
	h := published(testSite()).Handler()

	tests := []string{
		"/secret.txt",
		"/onlyondisk/",
		"/onlyondisk/x.html",
		"/../secret.txt",
		"/ch1/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/secret.txt",
		"/ch1/%2e%2e%2f%2e%2e%2fsecret.txt",
		"/..%2fsecret.txt",
		"/%2fetc%2fpasswd",
		"//etc/passwd",
		"/..%5csecret.txt",
		"/ch1%5c..%5c..%5csecret.txt",
		"/secret.txt%00.html",
		"/./secret.txt",
		"/ch1/./index.html",
		"/.",
		"/theme//style.css",
	}
	for _, target := range tests {
		rec := get(t, h, "GET", target, nil)
		if rec.Code != http.StatusBadRequest && rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "SECRET") {
			t.Errorf("GET %s: served a file from disk: %q", target, rec.Body)
		}
	}
	// Backslashes and NULs decoded into the path itself.
	for _, p := range []string{`/..\secret.txt`, `\..\secret.txt`, "/secret.txt\x00", "/ch1\\..\\index.html"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Host = "localhost"
		req.URL.Path, req.URL.RawPath = p, ""
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET %q: status %d, want 400", p, rec.Code)
		}
	}
}

// TestNoFileSystemAccess keeps the package honest: the site is a map, and
// nothing here may open files (package mime reads /etc/mime.types).
func TestNoFileSystemAccess(t *testing.T) {
	forbidden := map[string]bool{`"os"`: true, `"path/filepath"`: true, `"mime"`: true, `"io/ioutil"`: true}
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if forbidden[imp.Path.Value] {
				t.Errorf("%s imports %s; the server must serve only from memory", fset.Position(imp.Pos()), imp.Path.Value)
			}
		}
	}
}

func TestSiteKey(t *testing.T) {
	tests := []struct {
		path    string
		key     string
		dir, ok bool
	}{
		{"/", "", true, true},
		{"", "", true, true},
		{"/a.css", "a.css", false, true},
		{"/a/b/", "a/b", true, true},
		{"/a%20b/", "a b", true, true},
		{"/caf%C3%A9/", "café", true, true},
		{"/a/../b", "", false, false},
		{"/a//b", "", false, false},
		{"/a%2fb", "", false, false},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		key, dir, ok := siteKey(u)
		if key != tt.key || dir != tt.dir || ok != tt.ok {
			t.Errorf("siteKey(%q) = %q, %v, %v; want %q, %v, %v", tt.path, key, dir, ok, tt.key, tt.dir, tt.ok)
		}
	}
}

func TestPublishDoesNotAliasCallerMap(t *testing.T) {
	files := map[string][]byte{"a.txt": []byte("one")}
	s := published(files)
	files["b.txt"] = []byte("two")
	delete(files, "a.txt")
	h := s.Handler()
	if rec := get(t, h, "GET", "/a.txt", nil); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), []byte("one")) {
		t.Errorf("GET /a.txt after the caller changed its map: %d %q, want 200 \"one\"", rec.Code, rec.Body)
	}
	if rec := get(t, h, "GET", "/b.txt", nil); rec.Code != 404 {
		t.Errorf("GET /b.txt: status %d, want 404", rec.Code)
	}
}

func TestMissingFileWaitsWhileMoreAreExpected(t *testing.T) {
	first := testSite()
	delete(first, "ch1/page/index.html")
	s := New(Options{})
	s.Expect(true)
	s.Publish(first, nil)
	got := make(chan *httptest.ResponseRecorder)
	go func() { got <- get(t, s.Handler(), "GET", "/ch1/page/", nil) }()
	select {
	case rec := <-got:
		t.Fatalf("a page still being rendered was answered at once with %d", rec.Code)
	case <-time.After(100 * time.Millisecond):
	}
	s.Publish(testSite(), nil) // the rest of the first build
	rec := <-got
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "a page") {
		t.Fatalf("after the rest was published: %d %q, want the page", rec.Code, rec.Body.String())
	}
	// Once nothing more is expected, a missing file is a 404 at once, and
	// so is one still missing when the expected files have come.
	s.Expect(false)
	if rec := get(t, s.Handler(), "GET", "/nope/", nil); rec.Code != http.StatusNotFound {
		t.Errorf("missing page with nothing expected: %d, want 404", rec.Code)
	}
	s.Expect(true)
	go func() { got <- get(t, s.Handler(), "GET", "/nope/", nil) }()
	time.Sleep(50 * time.Millisecond)
	s.Fail(errors.New("broken"))
	if rec := <-got; rec.Code != http.StatusNotFound {
		t.Errorf("missing page after a failed build: %d, want 404", rec.Code)
	}
}
