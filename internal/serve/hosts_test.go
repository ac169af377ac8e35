package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestHostsAnswered(t *testing.T) {
	h := newHosts([]string{"studio", "studio.local", "Workbook.Example:4747"}, func(string, ...any) {})
	for host, want := range map[string]bool{
		"localhost:4747":         true,
		"LOCALHOST":              true,
		"localhost.:4747":        true,
		"preview.localhost:4747": true,
		"127.0.0.1:4747":         true,
		"127.0.0.1":              true,
		"192.168.1.20:4747":      true,
		"[::1]:4747":             true,
		"[::1]":                  true,
		"[fe80::1%25eth0]:4747":  true,
		"studio:4747":            true,
		"studio.local":           true,
		"workbook.example":       true,
		"":                       true,
		"evil.example:4747":      false,
		"evil.example":           false,
		"127.0.0.1.nip.io:4747":  false,
		"localhost.evil.example": false,
		"evillocalhost":          false,
		"studio.evil.example":    false,
		"0x7f000001:4747":        false,
		"2130706433":             false,
	} {
		if got := h.allows(host); got != want {
			t.Errorf("allows(%q) = %v, want %v", host, got, want)
		}
	}
}

// serving runs s on a loopback port until the test ends and returns its
// address.
func serving(t *testing.T, s *Server) string {
	t.Helper()
	ln, err := Listen(context.Background(), "127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

// rawRequest sends a GET for target with Host header host on a new
// connection and returns the response.
func rawRequest(t *testing.T, addr, host, target string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s for host %s: %v", target, host, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestServeRefusesOtherHosts is DNS rebinding: a page on a name its owner
// points at 127.0.0.1 asks for the workbook, and its name is the Host.
func TestServeRefusesOtherHosts(t *testing.T) {
	var mu sync.Mutex
	var logged strings.Builder
	logf := func(f string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(&logged, f+"\n", a...)
	}
	s := New(Options{Logf: logf, Hosts: []string{"studio"}})
	s.Publish(testSite(), nil)
	addr := serving(t, s)
	_, port, _ := net.SplitHostPort(addr)
	for _, target := range []string{"/ch1/", eventsPath, scriptPath, "/nowhere"} {
		resp, body := rawRequest(t, addr, "rebind.evil.example:"+port, target)
		if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "chapter one") || !strings.Contains(body, "localhost") {
			t.Errorf("GET %s for rebind.evil.example: %d %q, want 403 saying which names are served", target, resp.StatusCode, body)
		}
	}
	for _, host := range []string{addr, "localhost:" + port, "[::1]:" + port, "studio:" + port, "my.localhost:" + port} {
		if resp, body := rawRequest(t, addr, host, "/ch1/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "chapter one") {
			t.Errorf("GET /ch1/ for host %s: %d, want 200 with the page", host, resp.StatusCode)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if n := strings.Count(logged.String(), `refused a request for host "rebind.evil.example:`+port+`"`); n != 1 {
		t.Errorf("the refused host is logged %d times, want once:\n%s", n, logged.String())
	}
}

// closedWithin reports whether the server closes conn within d: a read
// ends with an error other than a timeout of our own.
func closedWithin(conn net.Conn, d time.Duration) bool {
	_ = conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

func TestServeClosesIdleConnections(t *testing.T) {
	s := published(testSite())
	s.timeouts = timeouts{header: 100 * time.Millisecond, idle: 100 * time.Millisecond, write: time.Minute}
	addr := serving(t, s)

	silent, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	kept, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	fmt.Fprintf(kept, "GET /ch1/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(kept), nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("first request on a kept-alive connection: %v, %v", resp, err)
	}
	resp.Body.Close()
	if !closedWithin(silent, wait) {
		t.Errorf("a connection that sent nothing is still open after %v", wait)
	}
	if !closedWithin(kept, wait) {
		t.Errorf("an idle kept-alive connection is still open after %v", wait)
	}
}

// TestEventStreamOutlivesWriteTimeout makes sure the server's write timeout,
// which ends a stuck response, never cuts a live-reload stream.
func TestEventStreamOutlivesWriteTimeout(t *testing.T) {
	s := published(testSite())
	s.timeouts = timeouts{header: time.Second, idle: time.Second, write: 50 * time.Millisecond}
	s.heartbeat = 20 * time.Millisecond
	addr := serving(t, s)
	resp, err := http.Get("http://" + addr + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	ch := make(chan sse, 64)
	go func() {
		defer close(ch)
		readEvents(bufio.NewScanner(resp.Body), ch)
	}()
	start := time.Now()
	for beats := 0; beats < 5 || time.Since(start) < 4*s.timeouts.write; {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("the event stream ended after %v, past the write timeout of %v", time.Since(start), s.timeouts.write)
			}
			if ev.name == ":" {
				beats++
			}
		case <-time.After(wait):
			t.Fatalf("no event for %v", wait)
		}
	}
	// A plain page still answers, within its own timeout.
	if resp, body := rawRequest(t, addr, "localhost", "/ch1/"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "chapter one") {
		t.Fatalf("GET /ch1/: %d", resp.StatusCode)
	}
}

// FuzzHandler sends requests with any Host and path: a host that is not
// answered gets 403, and a 200 is always one of the site's files, as it
// was published.
func FuzzHandler(f *testing.F) {
	for _, seed := range [][2]string{{"localhost:4747", "/ch1/"}, {"rebind.evil.example", "/ch1/"},
		{"127.0.0.1", "/../secret.txt"}, {"[::1]:1", "/ch1/page"}, {"a.localhost", "/theme/style.css"},
		{"evil.example:4747", eventsPath}, {"", "/%2e%2e/x"}, {"LOCALHOST.", "/bare.html"}, {"127.0.0.1.nip.io", "/"}} {
		f.Add(seed[0], seed[1])
	}
	site := testSite()
	s := published(site)
	h := s.Handler()
	f.Fuzz(func(t *testing.T, host, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || strings.HasPrefix(target, eventsPath) {
			return // an event stream does not end
		}
		req := &http.Request{Method: "GET", URL: u, Host: host, Header: http.Header{}, RequestURI: target}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req.WithContext(context.Background()))
		if !s.hosts.allows(host) {
			if rec.Code != http.StatusForbidden {
				t.Fatalf("GET %q for host %q: %d, want 403", target, host, rec.Code)
			}
			return
		}
		if rec.Code != http.StatusOK {
			return
		}
		body := strings.Replace(rec.Body.String(), liveTag, "", 1)
		for _, data := range site {
			if body == string(data) {
				return
			}
		}
		if body != liveJS {
			t.Fatalf("GET %q for host %q: 200 with %q, which is no file of the site", target, host, body)
		}
	})
}
