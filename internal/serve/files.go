package serve

import (
	"bytes"
	"html"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/urlpath"
)

// liveTag is what the server adds to every HTML response.
const liveTag = `<script src="/_praxis/live.js" defer></script>`

// buildingPage is served before the first Publish. Its live script reloads
// it as soon as the site is there.
const buildingPage = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Building…</title>
<body><p>praxis is building the site; this page reloads when it is ready.</p></body></html>
`

// missingPage is the 404 page of a site that has no 404.html.
const missingPage = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Not found</title>
<body><p>There is no page at this address.</p></body></html>
`

// serveSite serves one file of the current snapshot.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	key, dir, ok := siteKey(r.URL)
	if !ok {
		http.Error(w, "400 bad request: the path leaves the site or is malformed", http.StatusBadRequest)
		return
	}
	site := s.site.Load()
	if site == nil {
		w.Header().Set("Retry-After", "1")
		serveStatus(w, r, http.StatusServiceUnavailable, []byte(buildingPage))
		return
	}
	if home := s.home(site); key == "" && home != "" {
		redirectTo(w, r, "./"+home)
		return
	}
	if dir {
		key = path.Join(key, "index.html")
	}
	site = s.waitFor(r, site, key)
	if _, found := site.files[key]; !found && !dir {
		if _, isDir := site.files[key+"/index.html"]; isDir {
			redirectToDir(w, r, key)
			return
		}
	}
	body, found := site.files[key]
	if !found {
		notFound(w, r, site, s.home(site))
		return
	}
	serveBytes(w, r, contentType(key, body), site.etags[key], body, path.Base(key) != storeFile)
}

// storeFile is the page in which the answers script keeps the answers
// (build.StoreFile). It runs in a hidden frame of every page and gets no
// live script: the page around it reloads already, and a second event
// stream per page would only use up the browser's connections.
const storeFile = addresses.AnswersStore

// expectWait is how long a request for a missing file waits for files
// that are still being rendered.
const expectWait = 2 * time.Minute

// waitFor returns the site once it has key (or key/index.html), or once no
// more files are expected, the request is gone or expectWait has passed.
func (s *Server) waitFor(r *http.Request, site *snapshot, key string) *snapshot {
	deadline := time.NewTimer(expectWait)
	defer deadline.Stop()
	for !site.has(key) {
		more := s.expected()
		if more == nil {
			return s.site.Load()
		}
		select {
		case <-more:
			site = s.site.Load()
		case <-r.Context().Done():
			return site
		case <-deadline.C:
			return site
		}
	}
	return site
}

// has reports whether the site has key as a file or a folder with an index.
func (sn *snapshot) has(key string) bool {
	_, file := sn.files[key]
	_, dir := sn.files[key+"/index.html"]
	return file || dir
}

// siteKey turns a URL into a snapshot key ("" for the root) and whether
// the URL named a directory (ended in a slash). It refuses anything that is
// not a plain relative path once decoded: "..", ".", empty segments, and
// encoded slashes, backslashes or NULs.
func siteKey(u *url.URL) (key string, dir bool, ok bool) {
	raw := strings.ToLower(u.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false, false
	}
	p, found := strings.CutPrefix(u.Path, "/")
	if !found && u.Path != "" {
		return "", false, false
	}
	if strings.ContainsAny(p, "\\\x00") {
		return "", false, false
	}
	if p == "" {
		return "", true, true
	}
	p, dir = strings.CutSuffix(p, "/")
	if p == "." || !fs.ValidPath(p) {
		return "", false, false
	}
	return p, dir, true
}

// home is the folder the site's root redirects to: "" when the site has an
// index.html of its own, else the first of the server's homes it has.
func (s *Server) home(site *snapshot) string {
	if _, ok := site.files["index.html"]; ok {
		return ""
	}
	for _, h := range s.homes {
		if _, ok := site.files[h+"index.html"]; ok {
			return h
		}
	}
	return ""
}

// redirectToDir sends a browser from "/dir" to "/dir/" with a relative
// Location, which works under any mount point. The "./" keeps a first
// segment like "a:b" from reading as a URL scheme.
func redirectToDir(w http.ResponseWriter, r *http.Request, key string) {
	redirectTo(w, r, "./"+urlpath.Escape(path.Base(key))+"/")
}

// redirectTo sends a browser to the relative address loc, with the query.
func redirectTo(w http.ResponseWriter, r *http.Request, loc string) {
	if r.URL.RawQuery != "" {
		loc += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusFound)
}

// notFound serves the site's 404.html, or that of its home folder (see
// Server.home), or a plain page, with status 404.
func notFound(w http.ResponseWriter, r *http.Request, site *snapshot, home string) {
	body, ok := site.files[home+"404.html"]
	if !ok {
		serveStatus(w, r, http.StatusNotFound, []byte(missingPage))
		return
	}
	serveStatus(w, r, http.StatusNotFound, injectBase(body, "/"+home))
}

// serveBytes serves a 200 response (or 304, or a range) for body. HTML
// gets the live script when live is true; tag is the ETag of the stored
// bytes, which stands for the served bytes too because the injection is
// always the same.
func serveBytes(w http.ResponseWriter, r *http.Request, ctype, tag string, body []byte, live bool) {
	if live && isHTML(ctype) {
		body = injectScript(body)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", tag)
	// ServeContent answers If-None-Match with 304, HEAD and Range requests.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// serveStatus serves an HTML page with a status other than 200.
func serveStatus(w http.ResponseWriter, r *http.Request, code int, page []byte) {
	body := injectScript(page)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// injectScript returns page with liveTag before its last "</body>" (in any
// case), or at the end when there is none. page itself is not modified.
func injectScript(page []byte) []byte {
	i := lastIndexFold(page, "</body")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(liveTag))
	out = append(out, page[:i]...)
	out = append(out, liveTag...)
	return append(out, page[i:]...)
}

// injectBase adds <base href="HREF"> right after <head> of a page that has
// no base yet. The 404 page is served at any depth, and without it the
// page's relative links (written for the root of its edition, at href)
// would point nowhere.
func injectBase(page []byte, href string) []byte {
	if indexFold(page, "<base") >= 0 {
		return page
	}
	i := indexFold(page, "<head")
	if i < 0 || i+5 >= len(page) || !strings.ContainsRune("> \t\r\n", rune(page[i+5])) {
		return page
	}
	end := bytes.IndexByte(page[i:], '>')
	if end < 0 {
		return page
	}
	end += i + 1
	base := `<base href="` + html.EscapeString(href) + `">`
	out := make([]byte, 0, len(page)+len(base))
	out = append(out, page[:end]...)
	out = append(out, base...)
	return append(out, page[end:]...)
}

// indexFold and lastIndexFold find ASCII needle in b ignoring case.
func indexFold(b []byte, needle string) int {
	return bytes.Index(bytes.ToLower(b), []byte(needle))
}

func lastIndexFold(b []byte, needle string) int {
	return bytes.LastIndex(bytes.ToLower(b), []byte(needle))
}

func isHTML(ctype string) bool {
	return strings.HasPrefix(ctype, "text/html")
}

// contentType returns the media type for a site file, by its extension
// first. A table in code, rather than package mime, because mime reads the
// system's mime.types files and this server never touches the file system.
func contentType(name string, body []byte) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".ics":
		return "text/calendar; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".webp":
		return "image/webp"
	case ".gif":
		return "image/gif"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".pdf":
		return "application/pdf"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	}
	return http.DetectContentType(body)
}
