package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// pollEvery is how often a page is fetched while waiting for it.
const pollEvery = 5 * time.Millisecond

// measure starts s, waits for its first page, then edits the page o.edits
// times and times each edit until it is served. The server is always
// stopped and the page restored before measure returns.
func measure(ctx context.Context, s server, o options) (result, error) {
	res := result{name: s.name}
	port, err := freePort()
	if err != nil {
		return res, err
	}
	var log tail
	cmd := exec.Command(s.bin, s.args(s.site, port)...)
	cmd.Stdout, cmd.Stderr = &log, &log
	if o.logDir != "" {
		f, err := os.Create(filepath.Join(o.logDir, strings.ReplaceAll(s.name, " ", "-")+".log"))
		if err != nil {
			return res, err
		}
		defer f.Close()
		cmd.Stdout = io.MultiWriter(&log, f)
		cmd.Stderr = cmd.Stdout
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so stop reaches its children too
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return res, fmt.Errorf("%w: %v", errNotServing, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	defer stop(cmd, exited)

	url := fmt.Sprintf("http://127.0.0.1:%d/%s", port, pageURL(o.page))
	p := poller{client: loopbackClient(), url: url, exited: exited}
	if err := p.waitFor(ctx, "", o.startTimeout); err != nil {
		return res, fmt.Errorf("%w: %v\n%s", errNotServing, err, log.String())
	}
	res.start = time.Since(start)
	if err := sleep(ctx, o.settle); err != nil {
		return res, err
	}
	res.latencies, err = edit(ctx, filepath.Join(s.site, filepath.FromSlash(o.page)), p, o)
	return res, err
}

// edit appends a new sentence to file o.edits times at random intervals and
// returns how long each took to be served. It restores the file at the end.
func edit(ctx context.Context, file string, p poller, o options) ([]time.Duration, error) {
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	defer os.WriteFile(file, orig, 0o644)
	rng := rand.New(rand.NewPCG(o.seed, 1))
	var latencies []time.Duration
	for i := range o.edits {
		if err := sleep(ctx, time.Duration(200+rng.IntN(401))*time.Millisecond); err != nil {
			return nil, err
		}
		token := fmt.Sprintf("watchedit%03dx%06d", i, rng.IntN(1000000))
		data := append(bytes.Clone(orig), "\nWatch edit "+token+".\n"...)
		saved := time.Now()
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return nil, err
		}
		if err := p.waitFor(ctx, token, o.editTimeout); err != nil {
			return nil, fmt.Errorf("edit %d: %w", i+1, err)
		}
		latencies = append(latencies, time.Since(saved))
	}
	return latencies, nil
}

// poller fetches one page until it holds a text.
type poller struct {
	client *http.Client
	url    string
	exited <-chan struct{} // closed when the server process ends
}

// waitFor fetches p.url every pollEvery until it answers 200 with a body
// containing want, the server exits, or timeout passes.
func (p poller) waitFor(ctx context.Context, want string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			return errors.New("the server exited")
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		if body, ok := p.get(ctx); ok && strings.Contains(body, want) {
			return nil
		}
		if err := sleep(ctx, pollEvery); err != nil {
			return err
		}
	}
	return fmt.Errorf("%s did not show %q within %v", p.url, want, timeout)
}

func (p poller) get(ctx context.Context) (string, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return "", false
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return "", false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err == nil && resp.StatusCode == http.StatusOK
}

// loopbackClient talks to 127.0.0.1 directly, ignoring proxy settings.
func loopbackClient() *http.Client {
	return &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{Proxy: nil}}
}

// stop interrupts the server's process group, then kills it if it has not
// exited within three seconds, and waits for it.
func stop(cmd *exec.Cmd, exited <-chan struct{}) {
	pid := cmd.Process.Pid
	_ = syscall.Kill(-pid, syscall.SIGINT)
	select {
	case <-exited:
		return
	case <-time.After(3 * time.Second):
	}
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	<-exited
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// pageURL is the address of a content file, the same for praxis and Hugo:
// content/ch-001/page-001.md is served at ch-001/page-001/.
func pageURL(page string) string {
	p := strings.TrimPrefix(strings.TrimSuffix(page, ".md"), "content/")
	if strings.HasSuffix(p, "_index") {
		return strings.TrimSuffix(p, "_index")
	}
	return p + "/"
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// tail keeps the last 4 KB a server printed, for error messages.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - 4096; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.buf))
}
