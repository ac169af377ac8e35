package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// wait is how long a test waits for something that should happen at once.
const wait = 5 * time.Second

// sse is one received Server-Sent Event; a comment line has name ":".
type sse struct{ name, data string }

// newTestServer serves s over HTTP. Its requests end when the test does, so
// that open event streams cannot hold up Close.
func newTestServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ts := httptest.NewUnstartedServer(h)
	ts.Config.BaseContext = func(net.Listener) context.Context { return ctx }
	ts.Start()
	t.Cleanup(ts.Close)
	t.Cleanup(cancel) // runs before Close
	return ts
}

// connect opens the event stream of ts and returns its events, comments
// included, in order.
func connect(t *testing.T, ts *httptest.Server) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", ts.URL+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", eventsPath, err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("GET %s: Content-Type %q, want text/event-stream", eventsPath, ct)
	}
	ch := make(chan sse, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		readEvents(bufio.NewScanner(resp.Body), ch)
	}()
	return ch
}

// readEvents parses an event stream: "event:" and "data:" lines up to a
// blank line make one event, and ": x" lines are comments.
func readEvents(sc *bufio.Scanner, ch chan<- sse) {
	var ev sse
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" {
				ch <- ev
			}
			ev = sse{}
		case strings.HasPrefix(line, ":"):
			ch <- sse{name: ":", data: strings.TrimSpace(line[1:])}
		case strings.HasPrefix(line, "event: "):
			ev.name = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			ev.data += line[len("data: "):]
		}
	}
}

// next returns the next event that is not a comment.
func next(t *testing.T, ch <-chan sse) sse {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("event stream ended, want another event")
			}
			if ev.name != ":" {
				return ev
			}
		case <-timeout:
			t.Fatalf("no event within %v", wait)
		}
	}
}

// expect reads the next event and checks its name, decoding its data into v.
func expect(t *testing.T, ch <-chan sse, name string, v any) {
	t.Helper()
	ev := next(t, ch)
	if ev.name != name {
		t.Fatalf("got event %q with %s, want %q", ev.name, ev.data, name)
	}
	if err := json.Unmarshal([]byte(ev.data), v); err != nil {
		t.Fatalf("event %s: data %q: %v", name, ev.data, err)
	}
}

func TestReloadAfterPublish(t *testing.T) {
	s := New(Options{})
	s.Publish(testSite(), nil)
	ch := connect(t, newTestServer(t, s.Handler()))
	var hello struct{ Build string }
	expect(t, ch, "hello", &hello)

	files := testSite()
	files["ch1/page/index.html"] = []byte("<body>edited</body>")
	files["img/new.png"] = []byte("png")
	s.Publish(files, []string{"ch1/page/index.html"})
	var got changeData
	expect(t, ch, "reload", &got)
	if want := []string{"/ch1/page/", "/img/new.png"}; !reflect.DeepEqual(got.Paths, want) {
		t.Errorf("reload paths %q, want %q", got.Paths, want)
	}
	if got.Build == "" || got.Build == hello.Build {
		t.Errorf("reload build %q after hello %q: want a new build id", got.Build, hello.Build)
	}
}

func TestStylesheetChangeSwapsCSS(t *testing.T) {
	s := published(testSite())
	ch := connect(t, newTestServer(t, s.Handler()))
	expect(t, ch, "hello", new(struct{}))

	files := testSite()
	files["theme/style.css"] = []byte("body { color: blue }")
	s.Publish(files, []string{"theme/style.css"})
	var got changeData
	expect(t, ch, "css", &got)
	if want := []string{"/theme/style.css"}; !reflect.DeepEqual(got.Paths, want) {
		t.Errorf("css paths %q, want %q", got.Paths, want)
	}
	// Nothing else was queued: the next event belongs to the next Publish.
	delete(files, "bare.html")
	s.Publish(files, nil)
	expect(t, ch, "reload", &got)
	if want := []string{"/bare.html"}; !reflect.DeepEqual(got.Paths, want) {
		t.Errorf("reload paths %q after removing bare.html, want %q", got.Paths, want)
	}
}

func TestErrorThenOK(t *testing.T) {
	s := published(testSite())
	ch := connect(t, newTestServer(t, s.Handler()))
	expect(t, ch, "hello", new(struct{}))

	var list diag.List
	list.Add(diag.Pos{File: "content/a.md", Line: 3, Col: 7}, "unknown prompt kind %q", "reflction")
	list.Add(diag.Pos{File: "content/b.md", Line: 1}, "<b>not html</b>")
	s.Fail(fmt.Errorf("building: %w", list.Err()))
	var got struct{ Errors []errorItem }
	expect(t, ch, "error", &got)
	want := []errorItem{
		{Pos: "content/a.md:3:7", File: "content/a.md", Line: 3, Col: 7, Message: `unknown prompt kind "reflction"`},
		{Pos: "content/b.md:1", File: "content/b.md", Line: 1, Message: "<b>not html</b>"},
	}
	if !reflect.DeepEqual(got.Errors, want) {
		t.Errorf("error items\ngot  %+v\nwant %+v", got.Errors, want)
	}
	// The last good site is still served.
	if rec := get(t, s.Handler(), "GET", "/ch1/", nil); rec.Code != 200 {
		t.Errorf("GET /ch1/ after Fail: status %d, want 200", rec.Code)
	}
	// A page opened now sees the errors too.
	late := connect(t, newTestServer(t, s.Handler()))
	expect(t, late, "hello", new(struct{}))
	expect(t, late, "error", &got)

	s.Publish(testSite(), nil) // the fix restored the same output
	expect(t, ch, "ok", new(struct{}))
	files := testSite()
	files["index.html"] = []byte("<body>new</body>")
	s.Publish(files, nil)
	var reload changeData
	expect(t, ch, "reload", &reload)
	if want := []string{"/"}; !reflect.DeepEqual(reload.Paths, want) {
		t.Errorf("reload paths %q, want %q", reload.Paths, want)
	}
}

func TestErrorItems(t *testing.T) {
	at := func(line, col int, msg string) *diag.Error {
		return diag.Errorf(diag.Pos{File: "c/x.md", Line: line, Col: col}, "%s", msg)
	}
	var two diag.List
	two.Append(at(1, 2, "first"))
	two.Append(at(3, 0, "second"))
	tests := []struct {
		name string
		err  error
		want []string // "pos|message"
	}{
		{"plain", errors.New("disk full"), []string{"|disk full"}},
		{"one", at(4, 5, "bad"), []string{"c/x.md:4:5|bad"}},
		{"wrapped one", fmt.Errorf("render: %w", at(4, 5, "bad")), []string{"c/x.md:4:5|bad"}},
		{"list", two, []string{"c/x.md:1:2|first", "c/x.md:3|second"}},
		{"joined", errors.Join(two, errors.New("templates: missing")), []string{"c/x.md:1:2|first", "c/x.md:3|second", "|templates: missing"}},
		{"no file", diag.Errorf(diag.Pos{}, "config"), []string{"|config"}},
		{"empty list", diag.List{}, []string{"|the build failed"}},
	}
	for _, tt := range tests {
		var got []string
		for _, it := range errorItems(tt.err) {
			got = append(got, it.Pos+"|"+it.Message)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: errorItems(%v) = %q, want %q", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestBuildIDOption(t *testing.T) {
	n := 0
	s := New(Options{BuildID: func() string { n++; return fmt.Sprintf("b%d", n) }})
	s.Publish(testSite(), nil)
	ch := connect(t, newTestServer(t, s.Handler()))
	var hello struct{ Build string }
	expect(t, ch, "hello", &hello)
	if hello.Build != "b1" {
		t.Errorf("hello build %q, want b1", hello.Build)
	}
	s.Publish(testSite(), nil) // no change: no new id, no event
	files := testSite()
	files["a.txt"] = []byte("a")
	s.Publish(files, nil)
	var got changeData
	expect(t, ch, "reload", &got)
	if got.Build != "b2" {
		t.Errorf("reload build %q, want b2", got.Build)
	}
}

func TestChangeEvents(t *testing.T) {
	tests := []struct {
		keys []string
		all  bool
		want []string // "name data"
	}{
		{nil, true, []string{`reload {"build":"B","paths":[]}`}},
		{[]string{"index.html", "ch1/index.html", "ch1/p/index.html", "about.html"}, false,
			[]string{`reload {"build":"B","paths":["/","/ch1/","/ch1/p/","/about.html"]}`}},
		{[]string{"theme/style.css", "theme/print.css"}, false,
			[]string{`css {"build":"B","paths":["/theme/style.css","/theme/print.css"]}`}},
		{[]string{"a.html", "theme/style.css", "img/x.png"}, false, []string{
			`css {"build":"B","paths":["/theme/style.css"]}`,
			`reload {"build":"B","paths":["/a.html","/img/x.png"]}`}},
		{[]string{"c#sharp/a b;1/index.html", "100%ab/Ünï.css"}, false, []string{
			`css {"build":"B","paths":["/100%25ab/%C3%9Cn%C3%AF.css"]}`,
			`reload {"build":"B","paths":["/c%23sharp/a%20b%3B1/"]}`}},
	}
	for _, tt := range tests {
		var got []string
		for _, ev := range changeEvents("B", tt.keys, tt.all) {
			got = append(got, strings.TrimSpace(strings.NewReplacer("event: ", "", "\ndata:", "").Replace(string(ev))))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("changeEvents(%q, %v)\ngot  %q\nwant %q", tt.keys, tt.all, got, tt.want)
		}
	}
}

func TestHugeChangeReloadsEverything(t *testing.T) {
	keys := make([]string, maxListed+1)
	for i := range keys {
		keys[i] = fmt.Sprintf("p%d.html", i)
	}
	evs := changeEvents("B", keys, false)
	if len(evs) != 1 || !strings.Contains(string(evs[0]), `"paths":[]`) {
		t.Errorf("changeEvents with %d pages = %q, want one reload with an empty list", len(keys), evs)
	}
}

func TestHeartbeat(t *testing.T) {
	s := published(testSite())
	s.heartbeat = 10 * time.Millisecond
	ch := connect(t, newTestServer(t, s.Handler()))
	timeout := time.After(wait)
	for {
		select {
		case ev := <-ch:
			if ev.name == ":" && ev.data == "heartbeat" {
				return
			}
		case <-timeout:
			t.Fatalf("no heartbeat comment within %v", wait)
		}
	}
}

func TestCancelledEventsRequestEnds(t *testing.T) {
	s := published(testSite())
	done := make(chan struct{})
	ts := newTestServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Handler().ServeHTTP(w, r)
		close(done)
	}))
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+eventsPath, nil)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if n, _ := s.hub.count(); n != 1 {
		t.Fatalf("%d open streams after connecting, want 1", n)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatalf("events handler still running %v after the client went away", wait)
	}
	if n, _ := s.hub.count(); n != 0 {
		t.Errorf("%d open streams after the client went away, want 0", n)
	}
}

func TestSlowClientIsDropped(t *testing.T) {
	var logged []string
	h := newHub(func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) })
	ch := h.subscribe() // never read
	for i := 0; i < clientBuffer; i++ {
		h.publish(fmt.Sprint(i), []event{newEvent("reload", changeData{})})
	}
	if open, _ := h.count(); open != 0 {
		t.Fatalf("%d streams after overflowing one, want 0", open)
	}
	n := 0
	for range ch {
		n++
	}
	if n != clientBuffer || len(logged) != 1 {
		t.Errorf("drained %d events and logged %q; want %d events and one log line", n, logged, clientBuffer)
	}
	h.unsubscribe(ch) // the handler's deferred call must be harmless
}

// TestPublishDiff checks that a site published by its changes serves the
// changed files with new tags, keeps the tags of the others, forgets
// removed files and tells open pages what changed, as Publish would.
func TestPublishDiff(t *testing.T) {
	s := New(Options{})
	s.Publish(testSite(), nil)
	h := s.Handler()
	homeTag := get(t, h, "GET", "/", nil).Header().Get("ETag")
	pageTag := get(t, h, "GET", "/ch1/page/", nil).Header().Get("ETag")
	ch := connect(t, newTestServer(t, s.Handler()))
	var hello struct{ Build string }
	expect(t, ch, "hello", &hello)

	files := testSite()
	files["ch1/page/index.html"] = []byte("<body>edited</body>")
	delete(files, "bare.html")
	s.PublishDiff(files, []string{"bare.html", "ch1/page/index.html"})
	var got changeData
	expect(t, ch, "reload", &got)
	if want := []string{"/bare.html", "/ch1/page/"}; !reflect.DeepEqual(got.Paths, want) {
		t.Errorf("reload paths %q, want %q", got.Paths, want)
	}
	page := get(t, h, "GET", "/ch1/page/", nil)
	if !strings.Contains(page.Body.String(), "edited") || page.Header().Get("ETag") == pageTag {
		t.Errorf("edited page: body %q, tag %s (was %s); want the new text and a new tag", page.Body, page.Header().Get("ETag"), pageTag)
	}
	if tag := get(t, h, "GET", "/", nil).Header().Get("ETag"); tag != homeTag {
		t.Errorf("unchanged home page: tag %s, want %s as before", tag, homeTag)
	}
	if code := get(t, h, "GET", "/bare.html", nil).Code; code != http.StatusNotFound {
		t.Errorf("removed file: status %d, want 404", code)
	}
}
