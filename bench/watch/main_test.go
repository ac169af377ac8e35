package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary play a development server: with
// WATCH_FAKE_SERVER=serve it serves each page's source file as it is on
// disk at that moment; with WATCH_FAKE_SERVER=fail it exits at once.
func TestMain(m *testing.M) {
	switch os.Getenv("WATCH_FAKE_SERVER") {
	case "serve":
		os.Exit(fakeServer(os.Args[1:]))
	case "fail":
		os.Stderr.WriteString("praxis serve: not available in this build yet\n")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// fakeServer takes the arguments praxis serve gets: serve --source DIR --port N.
func fakeServer(args []string) int {
	if len(args) != 5 {
		return 2
	}
	site, port := args[2], args[4]
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	srv := &http.Server{Addr: "127.0.0.1:" + port, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file := filepath.Join(site, "content", filepath.FromSlash(strings.Trim(r.URL.Path, "/")+".md"))
		data, err := os.ReadFile(file)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	})}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return 1
	}
	return 0
}

func fakeSite(t *testing.T) (string, []byte) {
	t.Helper()
	site := t.TempDir()
	page := filepath.Join(site, "content", "ch-001", "page-001.md")
	orig := []byte("---\ntitle: One\n---\n\nFirst words.\n")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	return page, orig
}

func testOptions() options {
	return options{page: "content/ch-001/page-001.md", edits: 2, seed: 1,
		startTimeout: 20 * time.Second, editTimeout: 20 * time.Second}
}

func TestMeasureTimesEditsAndRestoresThePage(t *testing.T) {
	t.Setenv("WATCH_FAKE_SERVER", "serve")
	page, orig := fakeSite(t)
	site := filepath.Dir(filepath.Dir(filepath.Dir(page)))
	s := servers(options{praxis: os.Args[0], praxisSite: site})[0]
	res, err := measure(context.Background(), s, testOptions())
	if err != nil {
		t.Fatalf("measure: %v", err)
	}
	if len(res.latencies) != 2 || res.start <= 0 {
		t.Errorf("got %d latencies and start %v, want 2 and a positive start", len(res.latencies), res.start)
	}
	if got, _ := os.ReadFile(page); string(got) != string(orig) {
		t.Errorf("page after measuring: got %q, want the original %q", got, orig)
	}
}

func TestMeasureReportsAServerThatExits(t *testing.T) {
	t.Setenv("WATCH_FAKE_SERVER", "fail")
	page, _ := fakeSite(t)
	site := filepath.Dir(filepath.Dir(filepath.Dir(page)))
	s := servers(options{praxis: os.Args[0], praxisSite: site})[0]
	_, err := measure(context.Background(), s, testOptions())
	if !errors.Is(err, errNotServing) || !strings.Contains(err.Error(), "not available") {
		t.Errorf("got %v, want errNotServing with the server's message", err)
	}
}

func TestPageURL(t *testing.T) {
	for _, tc := range []struct{ page, want string }{
		{"content/ch-001/page-001.md", "ch-001/page-001/"},
		{"content/ch-001/_index.md", "ch-001/"},
		{"content/_index.md", ""},
		{"content/intro.md", "intro/"},
	} {
		if got := pageURL(tc.page); got != tc.want {
			t.Errorf("pageURL(%q): got %q, want %q", tc.page, got, tc.want)
		}
	}
}

func TestResultShowsMedianAndWorst(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var d []time.Duration
		for _, x := range v {
			d = append(d, time.Duration(x)*time.Millisecond)
		}
		return d
	}
	for _, tc := range []struct {
		lat  []time.Duration
		want string
	}{
		{ms(30, 10, 20), "median   20 ms   worst   30 ms"},
		{ms(40, 10, 20, 30), "median   25 ms   worst   40 ms"},
	} {
		got := result{name: "x", start: time.Second, latencies: tc.lat}.String()
		if !strings.Contains(got, tc.want) {
			t.Errorf("latencies %v: got %q, want it to contain %q", tc.lat, got, tc.want)
		}
	}
}
