package watch

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// testDebounce is short enough for fast tests and long enough that the few
// file operations of one simulated save always land in one batch.
const testDebounce = 100 * time.Millisecond

// site is a temporary site root with a running Watcher.
type site struct {
	t       *testing.T
	root    string
	batches chan Batch
	logs    *logs
}

// logs collects Logf notices; Run writes them from another goroutine.
type logs struct {
	mu    sync.Mutex
	lines []string
}

func (l *logs) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// newSite creates a root holding files (path → content) without watching it.
func newSite(t *testing.T, files map[string]string) *site {
	t.Helper()
	s := &site{t: t, root: t.TempDir(), batches: make(chan Batch), logs: new(logs)}
	for p, c := range files {
		s.write(p, c)
	}
	return s
}

// start watches the site with opts, whose Root and Logf it fills in, and
// stops the Watcher when the test ends, checking that Run returns promptly.
func (s *site) start(opts Options) *Watcher {
	s.t.Helper()
	opts.Root, opts.Logf = s.root, s.logs.logf
	if opts.Debounce == 0 {
		opts.Debounce = testDebounce
	}
	w, err := New(opts)
	if err != nil {
		s.t.Fatalf("New(%+v): %v", opts, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, s.batches) }()
	s.t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				s.t.Errorf("Run returned %v after cancel, want nil", err)
			}
		case <-time.After(2 * time.Second):
			s.t.Errorf("Run did not return within 2s of cancel")
		}
	})
	return w
}

// expect waits for the next batch and checks it holds exactly want
// ("op path" strings, sorted by path).
func (s *site) expect(want ...string) {
	s.t.Helper()
	select {
	case b := <-s.batches:
		want = sortSpecs(want)
		if got := format(b); got != strings.Join(want, "\n") {
			s.t.Fatalf("batch:\ngot:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
		}
	case <-time.After(5 * time.Second):
		s.t.Fatalf("no batch within 5s, want:\n%s\nnotices:\n%s", strings.Join(want, "\n"), s.logs)
	}
}

// expectNet waits for batches until, merged, they hold exactly want. It
// tolerates a change arriving in two batches (a loaded machine can pause a
// test for longer than the debounce period between two file operations) but
// fails at once on a path that is not wanted. It returns the number of
// batches it took.
func (s *site) expectNet(want ...string) int {
	s.t.Helper()
	want = sortSpecs(want)
	paths := make(map[string]bool)
	for _, c := range parseChanges(s.t, want...) {
		paths[c.Path] = true
	}
	var got []Change
	n := 0
	timeout := time.After(5 * time.Second)
	for {
		select {
		case b := <-s.batches:
			for _, c := range b {
				if !paths[c.Path] {
					s.t.Fatalf("unexpected change %s %s in batch:\n%s\nwant:\n%s", c.Op, c.Path, format(b), strings.Join(want, "\n"))
				}
			}
			got = append(got, b...)
			n++
			if format(coalesce(got)) == strings.Join(want, "\n") {
				return n
			}
		case <-timeout:
			s.t.Fatalf("after 5s, merged batches:\n%s\nwant:\n%s\nnotices:\n%s", format(coalesce(got)), strings.Join(want, "\n"), s.logs)
		}
	}
}

// sortSpecs sorts "op path" strings by path, the order of a Batch.
func sortSpecs(specs []string) []string {
	out := slices.Clone(specs)
	slices.SortFunc(out, func(a, b string) int {
		_, pa, _ := strings.Cut(a, " ")
		_, pb, _ := strings.Cut(b, " ")
		return strings.Compare(pa, pb)
	})
	return out
}

func (s *site) abs(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s *site) write(rel, content string) { s.t.Helper(); writeFile(s.t, s.abs(rel), content) }

func (s *site) mkdir(rel string) {
	s.t.Helper()
	if err := os.MkdirAll(s.abs(rel), 0o755); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) remove(rel string) {
	s.t.Helper()
	if err := os.RemoveAll(s.abs(rel)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.abs(from), s.abs(to)); err != nil {
		s.t.Fatal(err)
	}
}

func TestEditIsModified(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "one", "content/b.md": "b"})
	s.start(Options{Dirs: []string{"content"}})
	s.write("content/a.md", "two")
	s.expect("modified content/a.md")
	s.write("content/a.md", "three")
	s.expect("modified content/a.md")
}

// editorSaves simulates how editors save a file.
func editorSaves() map[string]func(s *site, rel, content string) {
	return map[string]func(s *site, rel, content string){
		"in place": func(s *site, rel, content string) { s.write(rel, content) },
		"temporary file renamed over": func(s *site, rel, content string) {
			s.write(rel+".tmp", content)
			s.rename(rel+".tmp", rel)
		},
		"vim backup rename": func(s *site, rel, content string) {
			probe := path.Join(path.Dir(rel), "4913")
			s.write(probe, "")
			s.remove(probe)
			s.rename(rel, rel+"~")
			s.write(rel, content)
			s.remove(rel + "~")
		},
		"JetBrains safe write": func(s *site, rel, content string) {
			s.write(rel+"___jb_tmp___", content)
			s.rename(rel, rel+"___jb_old___")
			s.rename(rel+"___jb_tmp___", rel)
			s.remove(rel + "___jb_old___")
		},
		"delete then create": func(s *site, rel, content string) {
			s.remove(rel)
			s.write(rel, content)
		},
	}
}

// TestEditorSavesFlushAsOneModified checks, without timing, that every way
// of saving gives exactly one Modified change of the real file: it feeds the
// save's events to the Watcher up to a marker folder made after the save,
// then flushes.
func TestEditorSavesFlushAsOneModified(t *testing.T) {
	t.Parallel()
	for name, save := range editorSaves() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, map[string]string{"content/part/a.md": "v0", "content/b.md": "b"})
			w, err := New(Options{Root: s.root, Dirs: []string{"content"}, Logf: s.logs.logf})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			for i := 1; i <= 3; i++ {
				save(s, "content/part/a.md", fmt.Sprintf("v%d", i))
				got := format(coalesce(flushUpTo(t, s, w, fmt.Sprintf("content/part/marker%d", i))))
				if got != "modified content/part/a.md" {
					t.Fatalf("save %d: flush = %q, want %q", i, got, "modified content/part/a.md")
				}
			}
		})
	}
}

// flushUpTo makes the folder marker, feeds the Watcher every event up to the
// marker's (the OS reports events in order), then flushes.
func flushUpTo(t *testing.T, s *site, w *Watcher, marker string) []Change {
	t.Helper()
	s.mkdir(marker)
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev := <-w.fsw.Events:
			w.note(ev)
			if ev.Name == s.abs(marker) {
				changes, err := w.flush()
				if err != nil {
					t.Fatalf("flush: %v", err)
				}
				return changes
			}
		case err := <-w.fsw.Errors:
			t.Fatalf("notification error: %v", err)
		case <-timeout:
			t.Fatalf("no event for %s within 5s", marker)
		}
	}
}

// TestEditorSavesKeepTheFileWatched saves with each editor's method while
// the Watcher runs, then edits in place: both must be reported, every time.
func TestEditorSavesKeepTheFileWatched(t *testing.T) {
	t.Parallel()
	for name, save := range editorSaves() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, map[string]string{"content/part/a.md": "v0", "content/b.md": "b"})
			s.start(Options{Dirs: []string{"content"}})
			for i := 1; i <= 2; i++ {
				save(s, "content/part/a.md", fmt.Sprintf("v%d", i))
				s.expectNet("modified content/part/a.md")
				s.write("content/part/a.md", fmt.Sprintf("plain edit %d", i))
				s.expectNet("modified content/part/a.md")
			}
		})
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	t.Parallel()
	const debounce = 300 * time.Millisecond
	s := newSite(t, map[string]string{"content/keep.md": "k"})
	s.start(Options{Dirs: []string{"content"}, Debounce: debounce})
	for attempt := 1; ; attempt++ {
		want, pause := s.burst(fmt.Sprintf("content/burst%d-", attempt), 200)
		n := s.expectNet(want...)
		if n == 1 {
			break
		}
		// The promise is one batch per burst without a quiet period; a
		// loaded machine can pause the writer itself for that long.
		if pause < debounce/2 {
			t.Fatalf("200 files written with pauses of at most %v came in %d batches, want 1", pause, n)
		}
		if attempt == 3 {
			t.Skipf("the machine paused the test for up to %v in each of 3 bursts, longer than the debounce period allows for", pause)
		}
		t.Logf("burst %d: the machine paused the writer for %v, so %d batches are right; trying again", attempt, pause, n)
	}
	// A following edit comes alone: nothing of the burst was left over.
	s.write("content/keep.md", "k2")
	s.expect("modified content/keep.md")
}

// burst writes n files named prefix + number and returns the changes they
// should make and the longest pause between two writes.
func (s *site) burst(prefix string, n int) (want []string, pause time.Duration) {
	s.t.Helper()
	last := time.Now()
	for i := range n {
		p := fmt.Sprintf("%ss%03d.md", prefix, i)
		s.write(p, "x")
		want = append(want, "created "+p)
		pause = max(pause, time.Since(last))
		last = time.Now()
	}
	return want, pause
}

func TestNewNestedFolder(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a"})
	s.start(Options{Dirs: []string{"content"}})
	s.mkdir("content/x/y/z")
	s.write("content/x/one.md", "1")
	s.write("content/x/y/z/two.md", "2")
	s.expectNet("created content/x/one.md", "created content/x/y/z/two.md")
	s.write("content/x/y/z/two.md", "2b")
	s.expectNet("modified content/x/y/z/two.md")
	s.write("content/x/y/z/three.md", "3")
	s.expectNet("created content/x/y/z/three.md")
}

func TestRemovedFolder(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{
		"content/a.md": "a", "content/sub/b.md": "b", "content/sub/deep/c.md": "c",
	})
	s.start(Options{Dirs: []string{"content"}})
	s.remove("content/sub")
	s.expectNet("removed content/sub/b.md", "removed content/sub/deep/c.md")
	s.write("content/sub/deep/c.md", "again")
	s.expectNet("created content/sub/deep/c.md")
}

func TestRenamedFolder(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/old/a.md": "a", "content/old/deep/b.md": "b"})
	s.start(Options{Dirs: []string{"content"}})
	s.rename("content/old", "content/new")
	s.expectNet("created content/new/a.md", "created content/new/deep/b.md",
		"removed content/old/a.md", "removed content/old/deep/b.md")
	// Edits below the moved folder must carry the new path.
	s.write("content/new/deep/b.md", "b2")
	s.expectNet("modified content/new/deep/b.md")
	s.write("content/new/a.md", "a2")
	s.expectNet("modified content/new/a.md")
	s.mkdir("content/old")
	s.write("content/old/c.md", "c")
	s.expectNet("created content/old/c.md")
}

func TestFolderMovedIn(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a"})
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "unit", "one.md"), "1")
	writeFile(t, filepath.Join(outside, "unit", "more", "two.md"), "2")
	s.start(Options{Dirs: []string{"content"}})
	if err := os.Rename(filepath.Join(outside, "unit"), s.abs("content/unit")); err != nil {
		t.Fatal(err)
	}
	s.expectNet("created content/unit/more/two.md", "created content/unit/one.md")
	s.write("content/unit/more/two.md", "2b")
	s.expectNet("modified content/unit/more/two.md")
}

// TestIgnoredFilesProduceNoBatch makes editor and hidden files, then one real
// edit: the first batch must hold only that edit.
func TestIgnoredFilesProduceNoBatch(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a", "README.md": "r"})
	s.start(Options{
		Dirs:   []string{"content"},
		Ignore: func(rel string) bool { return rel == "content/drafts" },
	})
	for _, p := range []string{
		"content/.a.md.swp", "content/.a.md.swx", "content/a.md~", "content/4913",
		"content/.#a.md", "content/#a.md#", "content/.DS_Store", "content/a.md___jb_tmp___",
		"content/a.md___jb_old___", "content/a.md.crswap", "content/a.md.tmp",
		"content/.git/HEAD", "content/drafts/wip.md", "README.md", "public/index.html",
	} {
		s.write(p, "x")
	}
	s.remove("content/.a.md.swp")
	s.write("content/a.md", "a2")
	s.expect("modified content/a.md")
}

func TestMissingFoldersAndFilesArePickedUp(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a"})
	s.start(Options{
		Dirs:  []string{"content", "templates", "themes/plain"},
		Files: []string{"praxis.yaml"},
	})
	s.write("praxis.yaml", "title: x")
	s.expectNet("created praxis.yaml")
	s.write("praxis.yaml", "title: y")
	s.expectNet("modified praxis.yaml")
	s.mkdir("templates/partials")
	s.write("templates/partials/nav.html", "<nav>")
	s.expectNet("created templates/partials/nav.html")
	s.write("themes/plain/print.css", "body{}")
	s.write("themes/other/print.css", "body{}")
	s.expectNet("created themes/plain/print.css")
	s.remove("templates")
	s.remove("praxis.yaml")
	s.expectNet("removed praxis.yaml", "removed templates/partials/nav.html")
	s.write("templates/page.html", "<p>")
	s.expectNet("created templates/page.html")
}

func TestPollingSeesEdits(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "aaaa"})
	w := s.start(Options{Dirs: []string{"content"}, Poll: 20 * time.Millisecond, Debounce: 20 * time.Millisecond})
	if w.fsw != nil {
		t.Fatalf("Poll > 0 but the Watcher uses OS notifications")
	}
	s.write("content/a.md", "bbbb")
	s.expectNet("modified content/a.md")
	s.write("content/new/b.md", "b")
	s.expectNet("created content/new/b.md")
	s.remove("content/new")
	s.expectNet("removed content/new/b.md")
}

func TestRunReturnsWhenCancelledWithBatchWaiting(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a"})
	w, err := New(Options{Root: s.root, Dirs: []string{"content"}, Debounce: 10 * time.Millisecond, Logf: s.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, make(chan Batch)) }() // nobody receives
	s.write("content/a.md", "edit made after New is reported by Run")
	s.write("content/b.md", "b")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after cancel = %v, want nil", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("Run blocked on its unread batch after cancel")
	}
	if err := w.Run(context.Background(), nil); err == nil {
		t.Fatalf("second Run = nil, want an error")
	}
}

func TestEditsBetweenNewAndRunAreReported(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a"})
	w, err := New(Options{Root: s.root, Dirs: []string{"content"}, Debounce: testDebounce, Logf: s.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	s.write("content/a.md", "edited during the first build")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, s.batches) }()
	s.expect("modified content/a.md")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run after cancel = %v, want nil", err)
	}
}

func TestNewRejectsBadRoot(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "f")
	writeFile(t, file, "")
	for _, r := range []string{filepath.Join(root, "missing"), file} {
		if _, err := New(Options{Root: r, Dirs: []string{"content"}}); err == nil {
			t.Errorf("New(Root: %s) = nil error, want one", r)
		}
	}
}

func TestRunAfterCloseFails(t *testing.T) {
	s := newSite(t, map[string]string{"content/a.md": "a"})
	w, err := New(Options{Root: s.root, Dirs: []string{"content"}, Logf: s.logs.logf})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close = %v, want nil", err)
	}
	if err := w.Run(context.Background(), make(chan Batch)); err == nil {
		t.Fatalf("Run after Close = nil, want an error")
	}
}
