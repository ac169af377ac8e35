// Package firefox starts Firefox headless and speaks WebDriver BiDi with it
// over a websocket: the small client the browser tests need to check, in a
// second browser, what a reader of a workbook sees and keeps.
//
// praxis itself never runs Firefox; only tests do (see firefoxtest). Firefox
// matters because it keeps the storage of pages opened from file:// apart per
// file, unlike Chromium, and a workbook must keep a reader's answers there
// too. So the browser starts with a fresh profile and Firefox's default
// preferences: the tests see what a reader sees.
//
// Left alone, Firefox's remote agent changes some preferences for
// automation when it starts ("recommended preferences"), among them
// security.fileuri.strict_origin_policy, which it turns off: every file://
// page then shares one storage, as in Chromium, and a test would pass where
// a reader's Firefox loses answers. So [Start] writes a user.js that sets
// remote.prefs.recommended to false, and datareporting.policy.firstRunURL
// to "" (else a fresh profile opens Mozilla's privacy notice from
// www.mozilla.org in a tab of its own: a request off the machine, which
// the tests make none of), the only preferences it sets, and adds only
// what the remote protocol needs on the command line
// (--remote-debugging-port, and --remote-allow-origins for the websocket
// handshake of golang.org/x/net/websocket, which always sends an Origin
// header).
package firefox

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/websocket"
)

// EnvVar names the Firefox executable to use instead of searching PATH.
const EnvVar = "PRAXIS_FIREFOX"

// InstallHint says how to get the browser on Debian and Ubuntu.
const InstallHint = "apt-get install -y firefox-esr"

// origin is the Origin header of the websocket handshake; Firefox refuses a
// handshake with an Origin it was not told to allow.
const origin = "http://127.0.0.1"

// Find returns the Firefox executable: the one EnvVar names (read with
// getenv), else the first of firefox-esr and firefox on PATH.
func Find(getenv func(string) string) (string, error) {
	if p := getenv(EnvVar); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%s=%s: not an executable browser: %w", EnvVar, p, err)
		}
		return path, nil
	}
	for _, name := range []string{"firefox-esr", "firefox"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", ErrNotFound
}

// ErrNotFound is Find's error when no Firefox is installed.
var ErrNotFound = errors.New("firefox not found: " + InstallHint + " (or set " + EnvVar + ")")

// Browser is a running Firefox with one WebDriver BiDi session.
type Browser struct {
	cmd  *exec.Cmd
	ws   *websocket.Conn
	logs *tail // the browser's last lines of output, for errors

	mu      sync.Mutex
	next    int
	pending map[int]chan reply
	listen  []func(method string, params json.RawMessage)
	err     error         // why the connection ended
	done    chan struct{} // closed when the reader stops
	exited  chan struct{} // closed when the process has exited
	closing sync.Once
}

// reply is a command's answer: its result, or its error.
type reply struct {
	result json.RawMessage
	err    error
}

// userJS keeps the remote agent from changing Firefox's default
// preferences, and a fresh profile from loading Mozilla's privacy notice
// (see the package comment).
const userJS = `user_pref("remote.prefs.recommended", false);
user_pref("datareporting.policy.firstRunURL", "");
`

// listening matches the line in which Firefox tells where its remote
// protocol listens.
var listening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

// Start runs the Firefox at execPath headless with the profile folder
// profile (made when missing; give a fresh one) and the environment env
// (nil: this process's), and opens a BiDi session. It returns once the
// session is open, or with an error when ctx ends first.
func Start(ctx context.Context, execPath, profile string, env []string) (*Browser, error) {
	if err := os.MkdirAll(profile, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(userJS), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(execPath, "--headless", "--no-remote", "--profile", profile,
		"--remote-debugging-port=0", "--remote-allow-origins="+origin, "about:blank")
	cmd.Env = env
	out, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	b := &Browser{cmd: cmd, logs: &tail{}, pending: map[int]chan reply{},
		done: make(chan struct{}), exited: make(chan struct{})}
	addr := make(chan string, 1)
	go b.readLogs(out, addr)
	go func() { _ = cmd.Wait(); close(b.exited) }()
	select {
	case a := <-addr:
		err = b.connect(ctx, a)
	case <-b.exited:
		err = fmt.Errorf("firefox exited before it listened:\n%s", b.logs)
	case <-ctx.Done():
		err = fmt.Errorf("firefox did not start listening: %w\n%s", ctx.Err(), b.logs)
	}
	if err != nil {
		b.kill()
		return nil, err
	}
	return b, nil
}

// readLogs keeps the browser's output and sends the BiDi address on addr.
func (b *Browser) readLogs(r io.Reader, addr chan<- string) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		b.logs.add(line)
		if m := listening.FindStringSubmatch(line); m != nil {
			select {
			case addr <- m[1]:
			default:
			}
		}
	}
}

// connect opens the websocket at addr and a session on it.
func (b *Browser) connect(ctx context.Context, addr string) error {
	cfg, err := websocket.NewConfig(strings.TrimSuffix(addr, "/")+"/session", origin)
	if err != nil {
		return err
	}
	ws, err := cfg.DialContext(ctx)
	if err != nil {
		return fmt.Errorf("connecting to firefox at %s: %w", addr, err)
	}
	ws.MaxPayloadBytes = 64 << 20
	b.ws = ws
	go b.read()
	return b.Call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, nil)
}

// message is any message Firefox sends: a command's answer (id set), or an
// event (method set).
type message struct {
	Type    string          `json:"type"`
	ID      *int            `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// read passes the answers to their callers and events to the listeners,
// until the connection ends.
func (b *Browser) read() {
	defer close(b.done)
	for {
		var data []byte
		if err := websocket.Message.Receive(b.ws, &data); err != nil {
			b.fail(fmt.Errorf("firefox connection: %w", err))
			return
		}
		var m message
		if err := json.Unmarshal(data, &m); err != nil {
			b.fail(fmt.Errorf("firefox sent %.200q: %w", data, err))
			return
		}
		b.dispatch(m)
	}
}

func (b *Browser) dispatch(m message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if m.ID == nil {
		for _, f := range b.listen {
			f(m.Method, m.Params)
		}
		return
	}
	ch := b.pending[*m.ID]
	delete(b.pending, *m.ID)
	if ch == nil {
		return
	}
	if m.Type == "error" {
		ch <- reply{err: fmt.Errorf("%s: %s", m.Error, m.Message)}
	} else {
		ch <- reply{result: m.Result}
	}
}

// fail ends every waiting call with err.
func (b *Browser) fail(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err == nil {
		b.err = err
	}
	for id, ch := range b.pending {
		ch <- reply{err: b.err}
		delete(b.pending, id)
	}
}

// Call sends the command method with params and decodes its result into
// result (when not nil). It returns when Firefox answers, the connection
// ends or ctx is done.
func (b *Browser) Call(ctx context.Context, method string, params, result any) error {
	if params == nil {
		params = map[string]any{}
	}
	ch := make(chan reply, 1)
	b.mu.Lock()
	if b.err != nil {
		b.mu.Unlock()
		return b.err
	}
	b.next++
	id := b.next
	b.pending[id] = ch
	b.mu.Unlock()
	data, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err == nil {
		err = websocket.Message.Send(b.ws, string(data))
	}
	if err != nil {
		b.forget(id)
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.err != nil {
			return fmt.Errorf("%s: %w", method, r.err)
		}
		if result == nil {
			return nil
		}
		return json.Unmarshal(r.result, result)
	case <-ctx.Done():
		b.forget(id)
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

func (b *Browser) forget(id int) {
	b.mu.Lock()
	delete(b.pending, id)
	b.mu.Unlock()
}

// Listen calls f for every event Firefox sends from now on (subscribe to
// them with the session.subscribe command). f runs on the connection's
// reader and must not block or call the browser.
func (b *Browser) Listen(f func(method string, params json.RawMessage)) {
	b.mu.Lock()
	b.listen = append(b.listen, f)
	b.mu.Unlock()
}

// Close ends the session and the browser, and waits until it has exited:
// gracefully within a few seconds, else killed.
func (b *Browser) Close() error {
	b.closing.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = b.Call(ctx, "browser.close", nil, nil)
		select {
		case <-b.exited:
		case <-ctx.Done():
		}
		b.kill()
	})
	return nil
}

// Kill stops the browser at once, without closing it gracefully, and waits
// until it has exited: for a browser whose profile is thrown away anyway,
// as Firefox takes seconds to close gracefully.
func (b *Browser) Kill() { b.closing.Do(b.kill) }

// kill stops the process, closes the connection and waits for both.
func (b *Browser) kill() {
	if b.cmd.Process != nil {
		_ = b.cmd.Process.Kill()
	}
	<-b.exited
	if b.ws != nil {
		_ = b.ws.Close()
		<-b.done
	}
}

// Logs returns the browser's last lines of output.
func (b *Browser) Logs() string { return b.logs.String() }

// tail keeps the last lines written to it.
type tail struct {
	mu    sync.Mutex
	lines []string
}

func (t *tail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, line)
	if len(t.lines) > 40 {
		t.lines = t.lines[len(t.lines)-40:]
	}
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}
