package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func port(t *testing.T, ln net.Listener) int {
	t.Helper()
	addr, ok := ln.Addr().(*net.TCPAddr)
	if !ok {
		t.Fatalf("listener address %v is not TCP", ln.Addr())
	}
	return addr.Port
}

func TestListenSkipsTakenPort(t *testing.T) {
	ctx := context.Background()
	taken, err := Listen(ctx, "127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	want := port(t, taken)
	if want > 65535-portTries {
		t.Skipf("system chose port %d, too close to the top to test the next ones", want)
	}
	ln, err := Listen(ctx, "127.0.0.1", want)
	if err != nil {
		t.Fatalf("Listen on taken port %d: %v, want the next free port", want, err)
	}
	defer ln.Close()
	if got := port(t, ln); got <= want || got >= want+portTries {
		t.Errorf("Listen(%d) with %d taken chose port %d, want one of the next %d", want, want, got, portTries-1)
	}
}

func TestListenDefaultsToLoopback(t *testing.T) {
	ln, err := Listen(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf("Listen with empty bind listens on %v, want loopback", ip)
	}
}

func TestListenRejectsBadPort(t *testing.T) {
	for _, p := range []int{-1, 65536} {
		if ln, err := Listen(context.Background(), "127.0.0.1", p); err == nil {
			ln.Close()
			t.Errorf("Listen(%d) succeeded, want an error", p)
		}
	}
}

func TestServeStopsOnCancel(t *testing.T) {
	s := published(testSite())
	ln, err := Listen(context.Background(), "127.0.0.1", 0)
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	resp, err := http.Get(url + "/ch1/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "chapter one") {
		t.Fatalf("GET /ch1/: body %q, want the chapter page", body)
	}
	// An open event stream must not hold up the shutdown.
	stream, err := http.Get(url + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve returned %v after cancel, want nil", err)
		}
	case <-time.After(shutdownGrace):
		t.Fatalf("Serve still running %v after cancel", shutdownGrace)
	}
	if _, err := io.ReadAll(stream.Body); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("reading the event stream after shutdown: %v", err)
	}
	if _, err := http.Get(url + "/"); err == nil {
		t.Errorf("GET after shutdown succeeded, want connection refused")
	}
}
