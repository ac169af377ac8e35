package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// portTries is how many ports Listen tries: the one asked for and the
// ones after it.
const portTries = 21

// shutdownGrace is how long Serve waits for requests to finish.
const shutdownGrace = time.Second

// timeouts bound how long a connection may hold the server's attention
// without doing anything, so that connections a client opens and forgets,
// or feeds a byte at a time, are closed.
type timeouts struct {
	header time.Duration // to send a request's headers
	idle   time.Duration // between requests on a kept-alive connection
	// write bounds a response from the end of its headers: long enough
	// for a page still being rendered (see expectWait). Event streams,
	// which live as long as their page, set a deadline per event instead
	// (see eventWrite).
	write time.Duration
}

var defaultTimeouts = timeouts{header: 10 * time.Second, idle: time.Minute, write: expectWait + time.Minute}

// Listen opens a TCP listener on bind:port. When the port is taken it tries
// the next ones, up to 20 more, and returns the first that works; the
// listener's Addr reports which. An empty bind means 127.0.0.1, so the
// preview is not reachable from other machines unless the caller asks.
// Port 0 lets the system choose.
func Listen(ctx context.Context, bind string, port int) (net.Listener, error) {
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("port %d is out of range: use a number from 1 to 65535", port)
	}
	if bind == "" {
		bind = "127.0.0.1"
	}
	var lc net.ListenConfig
	last := min(port+portTries-1, 65535)
	for p := port; ; p++ {
		ln, err := lc.Listen(ctx, "tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) || port == 0 {
			return nil, fmt.Errorf("listening on %s: %w", net.JoinHostPort(bind, strconv.Itoa(p)), err)
		}
		if p >= last {
			return nil, fmt.Errorf("ports %d to %d on %s are all in use: choose another port", port, last, bind)
		}
	}
}

// Serve serves the Handler on ln until ctx is cancelled, then shuts down:
// event streams end at once and other requests get up to a second to
// finish. It returns nil after a shutdown caused by ctx, and the error
// otherwise. Serve closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.timeouts.header,
		IdleTimeout:       s.timeouts.idle,
		WriteTimeout:      s.timeouts.write,
		// Requests inherit ctx, so open event streams end when it does;
		// otherwise Shutdown would wait for them forever.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		s.logf("serve: requests still running after %v; closing their connections", shutdownGrace)
		_ = srv.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
