// Package firefoxtest starts a real headless Firefox (Debian's firefox-esr)
// for browser tests, with a fresh profile and Firefox's default preferences,
// and offers what tests do with a page: navigate, evaluate, click, type,
// wait, and read the files the page downloads.
//
// [Tab] opens a window in the one Firefox that the package's tests share
// (its TestMain runs them through [Sharing]), in a user context of its own
// with its own storage and download folder, which saves each test the
// seven seconds Firefox takes to start and close. A test skips when Firefox is not installed
// (with the hint "apt-get install -y firefox-esr"), unless CI=true, where
// a missing browser is a failure:
//
//	func TestMain(m *testing.M) { os.Exit(firefoxtest.Sharing(m).Run()) }
//
//	func TestAnswersInFirefox(t *testing.T) {
//		ff := firefoxtest.Tab(t)
//		ff.Navigate(chrometest.FileURL(t, "out/index.html"))
//		ff.Type(`[data-answer="first-step"]`, "Walk at lunch")
//	}
package firefoxtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/firefox"
	"github.com/praxis-workbooks/praxis/internal/pagewait"
)

// Timeout is how long one test may use its browser, counted from when the
// browser is running. After it, every browser action of the test fails.
const Timeout = 90 * time.Second

// startTimeout bounds how long Firefox may take to start listening.
const startTimeout = 60 * time.Second

// Require returns the Firefox executable, or skips the test (fails it when
// CI=true) when there is none.
func Require(t testing.TB) string {
	t.Helper()
	path, err := firefox.Find(os.Getenv)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return path
}

// Session is one test's Firefox and its first tab.
type Session struct {
	t   testing.TB
	ctx context.Context
	b   *firefox.Browser
	tab *firefox.Tab
	// userContext is the test's user context in the shared browser (see
	// [Tab]).
	userContext string
	// Downloads is the folder the browser saves downloaded files in: the
	// Downloads folder of the home folder it runs with.
	Downloads string

	mu      sync.Mutex
	errs    []string
	allowed []string        // errors that the test causes on purpose
	seen    map[string]bool // downloaded files already returned
}

// env is this process's environment with HOME set to home, so that the
// browser's Downloads folder is a fresh one, and without a display.
func env(home string) []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "HOME", "DISPLAY", "WAYLAND_DISPLAY", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_DOWNLOAD_DIR":
			continue
		}
		out = append(out, kv)
	}
	return append(out, "HOME="+home, "MOZ_CRASHREPORTER_DISABLE=1")
}

// record notes every error a page logs or throws.
func (s *Session) record(method string, params json.RawMessage) {
	if method != "log.entryAdded" {
		return
	}
	var e struct {
		Level  string `json:"level"`
		Text   string `json:"text"`
		Type   string `json:"type"`
		Source struct {
			Context string `json:"context"`
		} `json:"source"`
		StackTrace *struct {
			CallFrames []struct {
				URL  string `json:"url"`
				Line int    `json:"lineNumber"`
			} `json:"callFrames"`
		} `json:"stackTrace"`
	}
	if json.Unmarshal(params, &e) != nil || e.Level != "error" {
		return
	}
	where := ""
	if e.StackTrace != nil && len(e.StackTrace.CallFrames) > 0 {
		f := e.StackTrace.CallFrames[0]
		where = fmt.Sprintf(" at %s:%d", f.URL, f.Line+1)
	}
	s.mu.Lock()
	s.errs = append(s.errs, e.Type+": "+e.Text+where)
	s.mu.Unlock()
}

func (s *Session) reportErrors() {
	s.mu.Lock()
	defer s.mu.Unlock()
next:
	for _, e := range s.errs {
		for _, a := range s.allowed {
			if strings.Contains(e, a) {
				continue next
			}
		}
		s.t.Errorf("firefox page error: %s", e)
	}
}

// AllowErrors keeps page errors that contain one of the texts from failing
// the test: errors the test causes on purpose, such as a missing file.
func (s *Session) AllowErrors(texts ...string) {
	s.mu.Lock()
	s.allowed = append(s.allowed, texts...)
	s.mu.Unlock()
}

// SetFiles chooses the files at paths in the file input sel.
func (s *Session) SetFiles(sel string, paths ...string) {
	s.t.Helper()
	if err := s.tab.SetFiles(s.ctx, sel, paths); err != nil {
		s.t.Fatalf("firefox: choosing files in %s: %v", sel, err)
	}
}

// Preload runs the JavaScript function fn in every document of the test
// loaded from now on, frames included, before the document's own scripts.
func (s *Session) Preload(fn string) {
	s.t.Helper()
	var scope []string
	if s.userContext != "" {
		scope = []string{s.userContext}
	}
	if err := s.b.AddPreloadScript(s.ctx, fn, scope...); err != nil {
		s.t.Fatalf("firefox: %v", err)
	}
}

// NewTab opens another tab beside the session's, with the same storage,
// and returns a session for it. Page errors of every tab are reported by
// the first session.
func (s *Session) NewTab() *Session {
	s.t.Helper()
	tab, err := s.tab.NewTabBeside(s.ctx, s.userContext)
	if err != nil {
		s.t.Fatalf("firefox: %v", err)
	}
	return &Session{t: s.t, ctx: s.ctx, b: s.b, tab: tab, userContext: s.userContext, Downloads: s.Downloads, seen: map[string]bool{}}
}

// Context is the test's browser context: it ends after [Timeout].
func (s *Session) Context() context.Context { return s.ctx }

// Browser is the running Firefox, for commands this package does not wrap.
func (s *Session) Browser() *firefox.Browser { return s.b }

// Tab is the session's tab.
func (s *Session) Tab() *firefox.Tab { return s.tab }

// Navigate opens url and waits until it has loaded.
func (s *Session) Navigate(url string) {
	s.t.Helper()
	if err := s.tab.Navigate(s.ctx, url); err != nil {
		s.t.Fatalf("firefox: opening %s: %v", url, err)
	}
}

// Reload reloads the page and waits until it has loaded.
func (s *Session) Reload() {
	s.t.Helper()
	if err := s.tab.Reload(s.ctx); err != nil {
		s.t.Fatalf("firefox: reloading: %v", err)
	}
}

// Click clicks the element sel with the mouse.
func (s *Session) Click(sel string) {
	s.t.Helper()
	input.Lock()
	err := s.tab.Click(s.ctx, sel)
	input.Unlock()
	if err != nil {
		s.t.Fatalf("firefox: clicking %s: %v", sel, err)
	}
}

// ClickAt clicks with the mouse at the point x, y of the viewport.
func (s *Session) ClickAt(x, y float64) {
	s.t.Helper()
	input.Lock()
	err := s.tab.ClickAt(s.ctx, x, y)
	input.Unlock()
	if err != nil {
		s.t.Fatalf("firefox: clicking at %v, %v: %v", x, y, err)
	}
}

// Type clicks the element sel and types text into it key by key.
func (s *Session) Type(sel, text string) {
	s.t.Helper()
	input.Lock()
	err := s.tab.Type(s.ctx, sel, text)
	input.Unlock()
	if err != nil {
		s.t.Fatalf("firefox: typing into %s: %v", sel, err)
	}
}

// Keys types text key by key into whatever has the focus.
func (s *Session) Keys(text string) {
	s.t.Helper()
	input.Lock()
	err := s.tab.Keys(s.ctx, text)
	input.Unlock()
	if err != nil {
		s.t.Fatalf("firefox: typing %q: %v", text, err)
	}
}

// Eval evaluates the JavaScript expression js (awaiting a promise) and
// decodes its JSON value into out, which may be nil.
func (s *Session) Eval(js string, out any) {
	s.t.Helper()
	if err := s.tab.Eval(s.ctx, js, out); err != nil {
		s.t.Fatalf("firefox: %v", err)
	}
}

// WaitJS evaluates the expression js until it is true, and fails the test
// when it is still false after patience. The page checks it every 10 ms,
// a quarter of a second at a time (see pagewait).
func (s *Session) WaitJS(js string, patience time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(patience)
	var last error
	for time.Now().Before(deadline) && s.ctx.Err() == nil {
		var res []any
		// Firefox never answers for a page that was replaced while it
		// waited: give up on the answer a little after the page would,
		// which is soon, so that a wait across pages loses little time.
		within := min(time.Until(deadline), 250*time.Millisecond)
		ctx, cancel := context.WithTimeout(s.ctx, within+250*time.Millisecond)
		err := s.tab.Eval(ctx, pagewait.Expr(js, within), &res)
		cancel()
		if err != nil {
			last = err
			time.Sleep(10 * time.Millisecond)
			continue
		}
		ok, err := pagewait.Result(res)
		if ok {
			return
		}
		if err != nil {
			last = err
		}
	}
	s.t.Fatalf("firefox: waiting for %s: still false after %v (last error: %v)", js, patience, last)
}

// WaitDownload waits until a file the test has not seen yet is complete in
// the Downloads folder, and returns its name and contents. An empty file
// counts as not complete yet.
func (s *Session) WaitDownload(patience time.Duration) (string, []byte) {
	s.t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		entries, err := os.ReadDir(s.Downloads)
		if err != nil {
			s.t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if s.seen[name] || strings.HasSuffix(name, ".part") || s.partial(name) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(s.Downloads, name))
			if err != nil || len(data) == 0 {
				continue // Firefox makes the file empty first, then renames NAME.part onto it
			}
			s.seen[name] = true
			return name, data
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("firefox: no download completed within %s in %s", patience, s.Downloads)
	return "", nil
}

// partial reports whether name is still being written: Firefox keeps a
// NAME.part file beside it until the download is complete.
func (s *Session) partial(name string) bool {
	_, err := os.Stat(filepath.Join(s.Downloads, name+".part"))
	return err == nil
}

// input lets one session at a time send mouse and key input to the shared
// browser: Firefox lost clicks (a label that did not tick its box, a
// download link that did nothing) when two windows got input at once on a
// busy machine.
var input sync.Mutex
