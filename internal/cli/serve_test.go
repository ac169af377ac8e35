package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/txtartest"
)

// servedWithin is how soon after a save the new page must be served.
const servedWithin = time.Second

// patience bounds waiting for things that take no time at all when the
// machine is idle: the first build, an event, the server stopping.
const patience = 10 * time.Second

// syncBuffer is a bytes.Buffer safe for the serve loop and the test to use
// at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// liveServer is a praxis serve loop running in the test process on a copy
// of a test workbook.
type liveServer struct {
	t      testing.TB
	root   string
	url    string // "http://127.0.0.1:PORT/"
	out    *syncBuffer
	errs   *syncBuffer
	cancel context.CancelFunc
	done   chan int // receives the exit code
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// startServe runs praxis serve on a fresh copy of testdata/serve/site.txtar
// on a free loopback port and waits until it serves the first build. The
// loop stops when the test ends.
func startServe(t *testing.T, args ...string) *liveServer {
	t.Helper()
	return startServeAt(t, txtartest.Unpack(t, "testdata/serve/site.txtar"), patience, args...)
}

// startServeAt runs praxis serve on the workbook in root, waiting up to
// wait for the first build.
func startServeAt(t testing.TB, root string, wait time.Duration, args ...string) *liveServer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &liveServer{t: t, root: root, out: &syncBuffer{}, errs: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	e := &env{stdout: s.out, stderr: s.errs, getenv: func(string) string { return "" }, ctx: ctx}
	ready := make(chan string, 1)
	args = append([]string{"--source", root, "--port", "0"}, args...)
	go func() { s.done <- serveSite(e, args, func(url string) { ready <- url }) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(patience):
			t.Errorf("praxis serve still running %v after the test ended", patience)
		}
	})
	select {
	case s.url = <-ready:
	case code := <-s.done:
		t.Fatalf("praxis serve exited with %d before serving:\n%s", code, s.errs)
	case <-time.After(wait):
		t.Fatalf("praxis serve did not start within %v:\n%s", wait, s.errs)
	}
	return s
}

func (s *liveServer) path(rel string) string {
	return filepath.Join(s.root, filepath.FromSlash(rel))
}

// write saves a source file the simple way: truncate and write in place.
func (s *liveServer) write(rel, text string) {
	s.t.Helper()
	writeFile(s.t, s.path(rel), text)
}

// get fetches a path of the site and returns the status and body.
func (s *liveServer) get(path string) (int, string) {
	s.t.Helper()
	resp, err := http.Get(s.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("GET %s: reading the body: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

// waitServed polls path until its body contains want, failing the test if
// that takes longer than within since the call.
func (s *liveServer) waitServed(path, want string, within time.Duration) {
	s.t.Helper()
	s.waitUntil(path, fmt.Sprintf("200 with %q", want), within, func(code int, body string) bool {
		return code == http.StatusOK && strings.Contains(body, want)
	})
}

// waitUntil polls path until ok accepts its status and body, failing the
// test if that takes longer than within since the call.
func (s *liveServer) waitUntil(path, want string, within time.Duration, ok func(code int, body string) bool) {
	s.t.Helper()
	start := time.Now()
	for {
		code, body := s.get(path)
		if ok(code, body) {
			return
		}
		if time.Since(start) > within {
			s.t.Fatalf("GET %s: after %v still %d, want %s; body:\n%s\nlog:\n%s", path, within, code, want, body, s.errs)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// waitLog waits until the serve log (stderr) contains want.
func (s *liveServer) waitLog(want string) {
	s.t.Helper()
	deadline := time.Now().Add(patience)
	for !strings.Contains(s.errs.String(), want) {
		if time.Now().After(deadline) {
			s.t.Fatalf("log has no %q after %v:\n%s", want, patience, s.errs)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

const notesPage = "---\ntitle: Notes\nweight: 1\n---\n%s\n\n::: prompt {#first-notice}\nWhat do you notice first?\n:::\n"

func TestServeServesAnEditWithinASecond(t *testing.T) {
	s := startServe(t)
	s.waitServed("1-start/notes/", "Original notes text.", patience)
	s.write("content/1-start/notes.md", fmt.Sprintf(notesPage, "Edited notes text."))
	s.waitServed("1-start/notes/", "Edited notes text.", servedWithin)
}

func TestServeSeesAtomicRenameSave(t *testing.T) {
	s := startServe(t)
	// vim and JetBrains save this way: write a temporary file beside the
	// original, then rename it over the original.
	tmp := s.path("content/1-start/notes.md.tmp~")
	writeFile(t, tmp, fmt.Sprintf(notesPage, "Renamed into place."))
	if err := os.Rename(tmp, s.path("content/1-start/notes.md")); err != nil {
		t.Fatal(err)
	}
	s.waitServed("1-start/notes/", "Renamed into place.", servedWithin)
	// A second atomic save of the same file is seen as well: the watch
	// must follow the new file, not the one renamed away.
	writeFile(t, tmp, fmt.Sprintf(notesPage, "Renamed again."))
	if err := os.Rename(tmp, s.path("content/1-start/notes.md")); err != nil {
		t.Fatal(err)
	}
	s.waitServed("1-start/notes/", "Renamed again.", servedWithin)
}

func TestServeBuildsNewFileInNewFolder(t *testing.T) {
	s := startServe(t)
	s.write("content/2-next/deeper/idea.md", "---\ntitle: A new idea\n---\nFresh from a new folder.\n")
	s.waitServed("2-next/deeper/idea/", "Fresh from a new folder.", servedWithin)
	// The new page is in every page's navigation.
	s.waitServed("1-start/notes/", "A new idea", servedWithin)
}

func TestServeRemovesDeletedPage(t *testing.T) {
	s := startServe(t)
	s.write("content/1-start/plan.md", "---\ntitle: Plan\n---\nNo links any more.\n")
	s.waitServed("1-start/plan/", "No links any more.", servedWithin)
	if err := os.Remove(s.path("content/1-start/notes.md")); err != nil {
		t.Fatal(err)
	}
	s.waitUntil("1-start/notes/", "404", servedWithin, func(code int, _ string) bool {
		return code == http.StatusNotFound
	})
	// The other pages follow right after the page itself.
	s.waitUntil("1-start/plan/", "no link to the deleted page", servedWithin, func(code int, body string) bool {
		return code == http.StatusOK && !strings.Contains(body, "notes/index.html")
	})
}

// sse is one Server-Sent Event.
type sse struct{ name, data string }

// events connects to the live-reload stream and returns its events.
func (s *liveServer) events() <-chan sse {
	s.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s.t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", s.url+"_praxis/events", nil)
	if err != nil {
		s.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("GET /_praxis/events: %v", err)
	}
	ch := make(chan sse, 64)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		var ev sse
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && ev.name != "":
				ch <- ev
				ev = sse{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// nextEvent waits for the next event named one of names, skipping others.
func (s *liveServer) nextEvent(ch <-chan sse, name string) sse {
	s.t.Helper()
	timeout := time.After(patience)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				s.t.Fatalf("event stream ended while waiting for %q", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			s.t.Fatalf("no %q event within %v; log:\n%s", name, patience, s.errs)
		}
	}
}

func TestServeShowsBadFrontMatterAndKeepsOldPage(t *testing.T) {
	s := startServe(t)
	ch := s.events()
	s.nextEvent(ch, "hello")
	bad := strings.Replace(fmt.Sprintf(notesPage, "Broken notes."), "weight:", "wieght:", 1)
	s.write("content/1-start/notes.md", bad)
	ev := s.nextEvent(ch, "error")
	var data struct {
		Errors []struct{ Pos, Message string }
	}
	if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
		t.Fatalf("error event data %s: %v", ev.data, err)
	}
	const wantPos = "content/1-start/notes.md:3:1"
	if len(data.Errors) != 1 || data.Errors[0].Pos != wantPos || !strings.Contains(data.Errors[0].Message, `"weight"`) {
		t.Fatalf("error event %s; want one error at %s suggesting \"weight\"", ev.data, wantPos)
	}
	s.waitLog(wantPos)
	s.waitLog("still serving the last good build")
	if code, body := s.get("1-start/notes/"); code != http.StatusOK || !strings.Contains(body, "Original notes text.") {
		t.Fatalf("GET /1-start/notes/ during the error: %d, want 200 with the last good page:\n%s", code, body)
	}
	s.write("content/1-start/notes.md", fmt.Sprintf(notesPage, "Fixed notes."))
	s.nextEvent(ch, "ok")
	s.waitServed("1-start/notes/", "Fixed notes.", servedWithin)
}

// rawGet sends a request line exactly as given, without the cleaning a
// client library might do, and returns the status code.
func (s *liveServer) rawGet(target string) int {
	s.t.Helper()
	host := strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/")
	conn, err := net.DialTimeout("tcp", host, patience)
	if err != nil {
		s.t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(patience))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		s.t.Fatalf("GET %s: %v", target, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServeRefusesPathTraversal(t *testing.T) {
	s := startServe(t)
	// A file next to the workbook that must never be served.
	writeFile(t, filepath.Join(filepath.Dir(s.root), "secret.txt"), "secret")
	for _, target := range []string{
		"/../praxis.yaml", "/../../secret.txt", "/%2e%2e/praxis.yaml", "/%2E%2E%2Fpraxis.yaml",
		"/1-start/..%2f..%2fpraxis.yaml", "/..%5cpraxis.yaml", "/content/1-start/notes.md", "/praxis.yaml",
	} {
		if code := s.rawGet(target); code != http.StatusBadRequest && code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, code)
		}
	}
}

func TestServeNeverServesWhatALinkOutsideLeadsTo(t *testing.T) {
	s := startServe(t)
	s.waitServed("theme/style.css", "praxis default theme", patience)
	writeFile(t, filepath.Join(filepath.Dir(s.root), "secret.txt"), "not for the web")
	for _, link := range []string{"themes/default/style.css", "content/1-start/secret.txt"} {
		if err := os.MkdirAll(filepath.Dir(s.path(link)), 0o755); err != nil {
			t.Fatal(err)
		}
		target := strings.Repeat("../", strings.Count(link, "/")) + "../secret.txt"
		if err := os.Symlink(target, s.path(link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		s.waitLog(link + ": symbolic link leads outside the workbook folder (to " + target + ")")
	}
	s.waitLog("still serving the last good build")
	for _, path := range []string{"theme/style.css", "1-start/secret.txt"} {
		if _, body := s.get(path); strings.Contains(body, "not for the web") {
			t.Errorf("GET /%s served the file outside the workbook", path)
		}
	}
}

// hostGet sends GET / with Host header host and returns the status.
func (s *liveServer) hostGet(host string) int {
	s.t.Helper()
	req, err := http.NewRequest("GET", s.url, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("GET / for host %s: %v", host, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestServeAnswersOnlyNamesOfThisComputer(t *testing.T) {
	s := startServe(t)
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(s.url, "http://"), "/"))
	hosts := []string{"localhost:" + port, "127.0.0.1:" + port}
	if name, err := os.Hostname(); err == nil && name != "" {
		hosts = append(hosts, name+":"+port, name+".local:"+port)
	}
	for _, host := range hosts {
		if code := s.hostGet(host); code != http.StatusOK {
			t.Errorf("GET / for host %s: %d, want 200", host, code)
		}
	}
	if code := s.hostGet("rebind.evil.example:" + port); code != http.StatusForbidden {
		t.Errorf("GET / for another site's name: %d, want 403", code)
	}
	s.waitLog(`refused a request for host "rebind.evil.example:` + port + `"`)
}

func TestServeWarnsOnceOfAddressesThatDifferOnlyInCase(t *testing.T) {
	s := startServe(t)
	s.write("content/1-start/Notes.md", "# Other notes\n")
	const warning = `content/1-start/notes.md:1:1: warning: address "/1-start/notes/index.html" differs only in letter case from "/1-start/Notes/index.html" (content/1-start/Notes.md:1:1)`
	s.waitLog(warning)
	s.waitServed("1-start/Notes/", "Other notes", servedWithin)
	s.write("content/1-start/Notes.md", "# Other notes, edited\n")
	s.waitServed("1-start/Notes/", "Other notes, edited", servedWithin)
	// The rebuild logs its line after its warnings.
	for deadline := time.Now().Add(patience); strings.Count(s.errs.String(), "Rebuilt in") < 2; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no second rebuild logged:\n%s", s.errs)
		}
	}
	if n := strings.Count(s.errs.String(), warning); n != 1 {
		t.Errorf("the warning was printed %d times, want once until it changes:\n%s", n, s.errs)
	}
}

func TestServeIgnoresOutputFolderAndEditorFiles(t *testing.T) {
	s := startServe(t)
	s.write("public/index.html", "built by praxis build")
	s.write("content/1-start/.notes.md.swp", "vim swap")
	s.write("content/1-start/notes.md~", "backup")
	s.write("content/1-start/4913", "vim probe")
	s.write("content/.DS_Store", "finder")
	s.write("content/1-start/plan.md", "---\ntitle: Plan\n---\nThe only real change.\n")
	s.waitServed("1-start/plan/", "The only real change.", servedWithin)
	s.expectOneRebuild("content/1-start/plan.md modified")
}

func TestServeIgnoresConfiguredOutputFolder(t *testing.T) {
	root := txtartest.Unpack(t, "testdata/serve/site.txtar")
	// praxis build refuses this folder, but a workbook may still name it.
	writeFile(t, filepath.Join(root, "praxis.yaml"), "title: Serve test\noutput: themes/preview\n")
	s := startServeAt(t, root, patience)
	s.write("themes/preview/index.html", "built by praxis build")
	s.write("content/1-start/plan.md", "---\ntitle: Plan\n---\nThe only real change.\n")
	s.waitServed("1-start/plan/", "The only real change.", servedWithin)
	s.expectOneRebuild("content/1-start/plan.md modified")
}

// expectOneRebuild waits for a rebuild and checks that it is the only one
// and that its log line names the change want.
func (s *liveServer) expectOneRebuild(want string) {
	s.t.Helper()
	s.waitLog("Rebuilt")
	var rebuilds []string
	for _, line := range strings.Split(s.errs.String(), "\n") {
		if strings.HasPrefix(line, "Rebuilt") {
			rebuilds = append(rebuilds, line)
		}
	}
	if len(rebuilds) != 1 || !strings.Contains(rebuilds[0], want) {
		s.t.Fatalf("rebuilds: %q; want one, for %s alone", rebuilds, want)
	}
}

func TestServeStopsWithinASecondOfCtrlC(t *testing.T) {
	s := startServe(t)
	ch := s.events() // an open event stream must not hold up the shutdown
	s.nextEvent(ch, "hello")
	start := time.Now()
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code // for the cleanup
		if code != ExitOK {
			t.Errorf("exit code %d after Ctrl-C, want %d; log:\n%s", code, ExitOK, s.errs)
		}
	case <-time.After(patience):
		t.Fatalf("praxis serve still running %v after Ctrl-C", patience)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("praxis serve took %v to stop after Ctrl-C, want under a second", d)
	}
	if !strings.Contains(s.out.String(), "Stopped.") {
		t.Errorf("stdout after Ctrl-C:\n%s\nwant \"Stopped.\"", s.out)
	}
}

func TestServeSaysWhereItListens(t *testing.T) {
	s := startServe(t)
	want := "Serving the workbook at " + s.url
	if !strings.Contains(s.out.String(), want) {
		t.Fatalf("stdout:\n%s\nwant %q", s.out, want)
	}
	if strings.Contains(s.out.String(), "other devices") {
		t.Errorf("stdout mentions other devices while listening on loopback:\n%s", s.out)
	}
}

func TestServeSaysWhenItsPortIsTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	busy := taken.Addr().(*net.TCPAddr).Port
	s := startServe(t, "--port", strconv.Itoa(busy))
	want := fmt.Sprintf("Port %d is in use, so praxis took ", busy)
	if !strings.Contains(s.out.String(), want) || strings.Contains(s.url, ":"+strconv.Itoa(busy)+"/") {
		t.Fatalf("stdout:\n%s\nwant %q and another port than %d in %s", s.out, want, busy, s.url)
	}
}

func TestServeSaysWhenOtherDevicesCanConnect(t *testing.T) {
	s := startServe(t, "--bind", "0.0.0.0")
	if !strings.Contains(s.out.String(), "other devices on your network can open the workbook too") {
		t.Fatalf("stdout with --bind 0.0.0.0:\n%s\nwant it to say other devices can connect", s.out)
	}
}

// TestServeShowsEachEditionInItsFolder checks that praxis serve shows a
// workbook of two editions as praxis build writes it, each edition in its
// folder, says where, and leads the root address to the participant's.
func TestServeShowsEachEditionInItsFolder(t *testing.T) {
	root := txtartest.Unpack(t, "testdata/serve/site.txtar")
	writeFile(t, filepath.Join(root, "praxis.yaml"), "title: Serve test\neditions: [facilitator, participant]\n")
	writeFile(t, filepath.Join(root, "content", "1-start", "guide.md"), "---\nedition: facilitator\n---\n# Guide\n\nFor the coach.\n")
	s := startServeAt(t, root, patience)
	want := "Serving the participant edition at " + s.url + "participant/ and the facilitator edition at " + s.url + "facilitator/.\n"
	if !strings.Contains(s.out.String(), want) {
		t.Errorf("stdout:\n%s\nwant %q", s.out, want)
	}
	if code, body := s.get("/"); code != http.StatusOK || !strings.Contains(body, "Welcome to the serve test.") {
		t.Errorf("GET / (following its redirect): %d, want the participant edition's home page; body:\n%s", code, body)
	}
	s.waitServed("/facilitator/1-start/guide/", "For the coach.", patience)
	if code, _ := s.get("/participant/1-start/guide/"); code != http.StatusNotFound {
		t.Errorf("GET /participant/1-start/guide/: %d, want 404", code)
	}
}

// TestServeFollowsTheBrandFolder checks that praxis serve watches brand/,
// where the README suggests keeping the files of brand: in praxis.yaml:
// a logo saved there is served within a second.
func TestServeFollowsTheBrandFolder(t *testing.T) {
	s := startServe(t)
	const logo = `<svg xmlns="http://www.w3.org/2000/svg"><title>%s</title></svg>`
	s.write("brand/logo.svg", fmt.Sprintf(logo, "first logo"))
	s.write("praxis.yaml", "title: Serve test\nbrand:\n  logo: brand/logo.svg\n")
	s.waitServed("theme/brand/logo.svg", "first logo", patience)
	s.waitServed("1-start/notes/", `<img class="site-logo" src="../../theme/brand/logo.svg" alt="">`, servedWithin)
	s.write("brand/logo.svg", fmt.Sprintf(logo, "second logo"))
	s.waitServed("theme/brand/logo.svg", "second logo", servedWithin)
}

// TestServeFollowsTheWorkbooksWords checks that praxis serve watches i18n/:
// a word the workbook's i18n/<language>.yaml changes is on the pages within
// a second.
func TestServeFollowsTheWorkbooksWords(t *testing.T) {
	s := startServe(t)
	s.write("i18n/en.yaml", "pager.next: Onwards\n")
	s.waitServed("1-start/notes/", "<span>Onwards</span>", patience)
	s.write("i18n/en.yaml", "pager.next: Further\n")
	s.waitServed("1-start/notes/", "<span>Further</span>", servedWithin)
}
