package serve

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/praxis-workbooks/praxis/internal/urlpath"
)

// Paths the server owns. They shadow any file of the same name in a site.
const (
	eventsPath = "/_praxis/events"
	scriptPath = "/_praxis/live.js"
)

// liveJS is the live-reload client, served at scriptPath.
//
//go:embed live.js
var liveJS string

// maxListed is the longest reload list sent to browsers; a bigger change is
// sent as an empty list, which means "reload everything".
const maxListed = 1000

// Options configures a Server. The zero value is ready to use.
type Options struct {
	// Logf, when set, receives a line for things worth knowing that are not
	// errors of a request, such as a live-reload client dropped for being
	// too slow. Nil means silent.
	Logf func(format string, args ...any)

	// BuildID, when set, is called once for each Publish that changes the
	// site and returns the id of the new build. Pages remember the id they
	// last heard and reload when they reconnect to a server with another
	// one. The default is a random per-Server id plus a counter, so open
	// pages reload once after the server restarts.
	BuildID func() string

	// Hosts are names the server answers requests for besides localhost,
	// names under .localhost and IP addresses, such as this computer's
	// name; a request for any other Host gets 403 (see hosts). A port in a
	// name is ignored.
	Hosts []string

	// Homes are folders of the site, like "participant/", that the root
	// address redirects to when the site has no index.html of its own:
	// the first of them the site has.
	Homes []string
}

// Server serves the last published site from memory and pushes live-reload
// events to open pages. Create one with New; its methods are safe for
// concurrent use.
type Server struct {
	logf      func(format string, args ...any)
	buildID   func() string
	heartbeat time.Duration // between SSE comment lines; tests shorten it
	timeouts  timeouts      // of connections; tests shorten them
	hosts     *hosts

	site      atomic.Pointer[snapshot] // nil until the first Publish
	mu        sync.Mutex               // orders Publish, Expect and Fail
	hub       *hub
	expecting bool          // more files are being rendered (see Expect)
	more      chan struct{} // closed by the next Publish, Expect or Fail; nil when not expecting

	scriptTag string   // ETag of the live script
	homes     []string // see Options.Homes
}

// snapshot is one published site. It is never modified after Publish.
type snapshot struct {
	files map[string][]byte
	etags map[string]string // quoted hash of each file's bytes
}

// New returns a Server with no site yet: until the first Publish it answers
// every page with 503 and a page that reloads itself once the site is there.
func New(opts Options) *Server {
	s := &Server{
		logf:      opts.Logf,
		buildID:   opts.BuildID,
		heartbeat: 15 * time.Second,
		timeouts:  defaultTimeouts,
		scriptTag: etag([]byte(liveJS)),
		homes:     opts.Homes,
	}
	if s.logf == nil {
		s.logf = func(string, ...any) {}
	}
	s.hosts = newHosts(opts.Hosts, s.logf)
	if s.buildID == nil {
		s.buildID = counterID(rand.Text()[:8])
	}
	s.hub = newHub(s.logf)
	return s
}

// counterID returns build ids "prefix-1", "prefix-2", ….
func counterID(prefix string) func() string {
	var n atomic.Int64
	return func() string { return prefix + "-" + strconv.FormatInt(n.Add(1), 10) }
}

// Publish replaces the served site with files and tells open pages what
// changed. Keys are slash paths relative to the site root. changed lists
// the keys whose bytes changed since the previous Publish (nil on the
// first); the server also compares the bytes itself, so added, removed and
// modified files are noticed even when changed is incomplete. Publish clears
// the error shown by a previous Fail. The caller must not modify files or
// its byte slices afterwards.
func (s *Server) Publish(files map[string][]byte, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.site.Load()
	next, diff := newSnapshot(old, files)
	s.store(old, next, mergeKeys(diff, changed))
}

// PublishDiff is Publish for a site whose files differ from the last
// published ones in exactly those named in changed, as a live rebuild
// knows: it hashes only those, where Publish compares every file, which at
// 20,000 files took a rebuild's time twice over. files must not be
// modified afterwards. Before the first Publish it is Publish.
func (s *Server) PublishDiff(files map[string][]byte, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.site.Load()
	if old == nil {
		next, _ := newSnapshot(nil, files)
		s.store(nil, next, nil)
		return
	}
	next := &snapshot{files: files, etags: maps.Clone(old.etags)}
	for _, key := range changed {
		if b, ok := files[key]; ok {
			next.etags[key] = etag(b)
		} else {
			delete(next.etags, key)
		}
	}
	s.store(old, next, mergeKeys(changed, nil))
}

// store serves next instead of old and tells open pages which keys
// changed: all of them after the first publish. s.mu must be held.
func (s *Server) store(old, next *snapshot, keys []string) {
	defer s.wake()
	s.site.Store(next)
	if old == nil {
		build := s.buildID()
		s.hub.publish(build, changeEvents(build, nil, true))
		return
	}
	if len(keys) == 0 {
		s.hub.publish("", nil)
		return
	}
	build := s.buildID()
	s.hub.publish(build, changeEvents(build, keys, false))
}

// Fail reports a failed rebuild: the last good site stays online and every
// open page (and every page opened later) shows err until the next Publish.
// A diag.List or *diag.Error inside err gives each entry its position;
// errors.Join trees are flattened. A nil err is ignored.
func (s *Server) Fail(err error) {
	if err == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expect(false)
	s.hub.fail(errorItems(err))
}

// Expect says whether more files of the site are being rendered, for a
// first build that published the pages a reader opens first: while they
// are, a request for a file the site lacks waits (up to expectWait) for the
// next Publish instead of getting the 404 page. Fail ends the wait.
func (s *Server) Expect(more bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expect(more)
}

func (s *Server) expect(more bool) {
	s.expecting = more
	s.wake()
}

// wake lets the requests waiting for more files look again.
func (s *Server) wake() {
	if s.more != nil {
		close(s.more)
		s.more = nil
	}
	if s.expecting {
		s.more = make(chan struct{})
	}
}

// expected returns a channel closed when more files may have come, or nil
// when none are expected.
func (s *Server) expected() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.more
}

// Handler returns the handler for the site, the live script and the event
// stream. Only GET and HEAD are allowed, and only for the Host names the
// server answers (see Options.Hosts).
func (s *Server) Handler() http.Handler {
	return s.hosts.check(http.HandlerFunc(s.serveHTTP))
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: the preview server only serves GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.serveEvents(w, r)
	case scriptPath:
		serveBytes(w, r, "text/javascript; charset=utf-8", s.scriptTag, []byte(liveJS), false)
	default:
		s.serveSite(w, r)
	}
}

// newSnapshot copies files into a snapshot, reusing the hashes of unchanged
// files from old, and returns the keys that were added, modified or removed.
func newSnapshot(old *snapshot, files map[string][]byte) (*snapshot, []string) {
	next := &snapshot{files: maps.Clone(files), etags: make(map[string]string, len(files))}
	if next.files == nil {
		next.files = map[string][]byte{}
	}
	var diff []string
	for key, b := range next.files {
		if old != nil {
			if prev, ok := old.files[key]; ok && bytes.Equal(prev, b) {
				next.etags[key] = old.etags[key]
				continue
			}
		}
		next.etags[key] = etag(b)
		diff = append(diff, key)
	}
	if old != nil {
		for key := range old.files {
			if _, ok := next.files[key]; !ok {
				diff = append(diff, key)
			}
		}
	}
	return next, diff
}

// etag returns a strong, quoted entity tag for b.
func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// mergeKeys returns the sorted union of a and b without duplicates.
func mergeKeys(a, b []string) []string {
	keys := slices.Concat(a, b)
	slices.Sort(keys)
	return slices.Compact(keys)
}

// changeEvents turns changed site keys into the events for open pages:
// css for stylesheets, then reload for everything else, as URL paths. With
// all set, it is a single reload with an empty list.
func changeEvents(build string, keys []string, all bool) []event {
	if all {
		return []event{newEvent("reload", changeData{Build: build, Paths: []string{}})}
	}
	var reload, css []string
	for _, key := range keys {
		if strings.HasSuffix(key, ".css") {
			css = append(css, urlPath(key))
		} else {
			reload = append(reload, urlPath(key))
		}
	}
	var evs []event
	if len(css) > 0 {
		evs = append(evs, newEvent("css", changeData{Build: build, Paths: css}))
	}
	if len(reload) > maxListed {
		reload = []string{}
	}
	if reload != nil {
		evs = append(evs, newEvent("reload", changeData{Build: build, Paths: reload}))
	}
	return evs
}

// changeData is the payload of reload and css events.
type changeData struct {
	Build string   `json:"build"`
	Paths []string `json:"paths"`
}

// urlPath returns the URL path at which key is served: "ch1/index.html"
// is "/ch1/", so it matches what a browser shows in its address bar,
// percent-encoded as the site's own links are (see urlpath.Escape).
func urlPath(key string) string {
	if key == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(key, "/index.html"); ok {
		return "/" + urlpath.Escape(dir) + "/"
	}
	return "/" + urlpath.Escape(key)
}
