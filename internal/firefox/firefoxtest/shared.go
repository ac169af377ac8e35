package firefoxtest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/firefox"
	"github.com/praxis-workbooks/praxis/internal/testshare"
)

// Runner runs a package's tests and returns their exit code: a
// [*testing.M], or a wrapper of one.
type Runner = testshare.Runner

// shared is the one Firefox that [Tab] opens windows in, for the test
// binary whose TestMain runs through [Sharing]. It is the only state of
// the package that outlives a test, with routes: starting and closing
// Firefox takes about seven seconds and three seconds of processor time,
// more than most tests take.
var shared = testshare.New("firefoxtest", (*sharedFirefox).close)

// sharedFirefox is the shared Firefox and its profile and home folder.
type sharedFirefox struct {
	b   *firefox.Browser
	dir string
}

// routes tells whose test a page's event is. It has a lock of its own: the
// browser's reader holds the browser's lock while it calls route.
var routes struct {
	mu       sync.Mutex
	contexts map[string]string   // browsing context (tabs and frames) → its user context
	sessions map[string]*Session // user context → the test's first session
}

// Sharing lets the tests run by m open their windows with [Tab] in one
// shared Firefox, which it starts when the first test asks for it and
// closes once every test has run. Use it in TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(firefoxtest.Sharing(m).Run()) }
func Sharing(m Runner) Runner { return shared.Sharing(m) }

// close stops Firefox and removes its folder. Its profile is thrown away:
// no need to wait seconds for a graceful close.
func (f *sharedFirefox) close() {
	f.b.Kill()
	_ = testshare.RemoveAll(f.dir)
}

// startShared starts the shared Firefox, at exe, in a folder of its own,
// which it removes again when Firefox does not start.
func startShared(exe string) (*sharedFirefox, error) {
	dir, err := os.MkdirTemp("", "praxis-firefoxtest-")
	if err != nil {
		return nil, err
	}
	b, err := startRouted(exe, dir)
	if err != nil {
		_ = testshare.RemoveAll(dir)
		return nil, err
	}
	return &sharedFirefox{b: b, dir: dir}, nil
}

// startRouted starts Firefox with its profile and home folder in dir and
// routes its events to the tests' sessions.
func startRouted(exe, dir string) (*firefox.Browser, error) {
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	b, err := firefox.Start(ctx, exe, filepath.Join(dir, "profile"), env(home))
	if err != nil {
		return nil, err
	}
	routes.mu.Lock()
	routes.contexts, routes.sessions = map[string]string{}, map[string]*Session{}
	routes.mu.Unlock()
	b.Listen(route)
	events := []string{"browsingContext.contextCreated", "log.entryAdded"}
	if err := b.Call(ctx, "session.subscribe", map[string]any{"events": events}, nil); err != nil {
		_ = b.Close()
		return nil, err
	}
	// The tabs Firefox opened with belong to no test: note them, so that
	// their pages' errors are not taken for a test's.
	var tree struct {
		Contexts []struct {
			Context     string `json:"context"`
			UserContext string `json:"userContext"`
		} `json:"contexts"`
	}
	if err := b.Call(ctx, "browsingContext.getTree", nil, &tree); err != nil {
		_ = b.Close()
		return nil, err
	}
	routes.mu.Lock()
	for _, c := range tree.Contexts {
		routes.contexts[c.Context] = c.UserContext
	}
	routes.mu.Unlock()
	return b, nil
}

// route notes which user context each new tab or frame belongs to, and
// passes a page's log entry to the session of its user context. An entry
// from a page of no known tab goes to every session, so that no error is
// lost. It runs on the browser's reader.
func route(method string, params json.RawMessage) {
	var ev struct {
		Context     string `json:"context"`
		UserContext string `json:"userContext"`
		Source      struct {
			Context string `json:"context"`
		} `json:"source"`
	}
	if json.Unmarshal(params, &ev) != nil {
		return
	}
	routes.mu.Lock()
	defer routes.mu.Unlock()
	switch method {
	case "browsingContext.contextCreated":
		routes.contexts[ev.Context] = ev.UserContext
	case "log.entryAdded":
		uc, known := routes.contexts[ev.Source.Context]
		for id, s := range routes.sessions {
			if !known || id == uc {
				s.record(method, params)
			}
		}
	}
}

// Tab starts Firefox headless, once for the package's tests, which share
// it (see [Sharing]), with a fresh profile and a home folder of its own,
// and returns a session for a new window in a user context of
// its own (Firefox's container), whose pages have their own storage,
// cookies and permissions, save downloads in a folder of their own, and
// are thrown away, with all they stored, in t.Cleanup. So tests see
// nothing of each other, as with a browser each, and may run in parallel.
// Page errors of the test's pages fail the test when it ends. The session
// ends [Timeout] after its window has opened.
func Tab(t testing.TB) *Session {
	t.Helper()
	exe := Require(t)
	f, err := shared.Get(func() (*sharedFirefox, error) { return startShared(exe) })
	if err != nil {
		t.Fatalf("starting the shared firefox (allowed %s): %v", startTimeout, err)
	}
	b := f.b
	s := &Session{t: t, b: b, Downloads: filepath.Join(t.TempDir(), "downloads"), seen: map[string]bool{}}
	if err := os.MkdirAll(s.Downloads, 0o755); err != nil {
		t.Fatal(err)
	}
	open, cancelOpen := context.WithTimeout(context.Background(), startTimeout)
	defer cancelOpen()
	if s.userContext, err = b.NewUserContext(open); err != nil {
		t.Fatalf("firefox: %v", err)
	}
	routes.mu.Lock()
	routes.sessions[s.userContext] = s
	routes.mu.Unlock()
	t.Cleanup(func() { s.close() })
	if err := b.SetDownloadFolder(open, s.userContext, s.Downloads); err != nil {
		t.Fatalf("firefox: %v", err)
	}
	if s.tab, err = b.NewWindow(open, s.userContext); err != nil {
		t.Fatalf("firefox: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	s.ctx = ctx
	t.Cleanup(cancel)
	return s
}

// close throws the session's user context away, with its windows and what
// its pages stored, and reports the page errors it recorded.
func (s *Session) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.b.RemoveUserContext(ctx, s.userContext); err != nil {
		s.t.Errorf("firefox: %v", err)
	}
	routes.mu.Lock()
	delete(routes.sessions, s.userContext)
	for id, uc := range routes.contexts {
		if uc == s.userContext {
			delete(routes.contexts, id)
		}
	}
	routes.mu.Unlock()
	s.reportErrors()
}
