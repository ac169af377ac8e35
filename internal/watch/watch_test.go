package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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
		if got := format(b); got != strings.Join(want, "\n") {
			s.t.Fatalf("batch:\ngot:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
		}
	case <-time.After(5 * time.Second):
		s.t.Fatalf("no batch within 5s, want:\n%s\nnotices:\n%s", strings.Join(want, "\n"), s.logs)
	}
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

// TestEditorSavesAreModified simulates how editors save a file; each way must
// give one Modified change of the real file, every time, and leave the file
// watched for the next plain edit.
func TestEditorSavesAreModified(t *testing.T) {
	t.Parallel()
	saves := map[string]func(s *site, rel, content string){
		"in place": func(s *site, rel, content string) { s.write(rel, content) },
		"temporary file renamed over": func(s *site, rel, content string) {
			s.write(rel+".tmp", content)
			s.rename(rel+".tmp", rel)
		},
		"vim backup rename": func(s *site, rel, content string) {
			dir := filepath.Dir(filepath.FromSlash(rel))
			s.write(filepath.Join(dir, "4913"), "")
			s.remove(filepath.Join(dir, "4913"))
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
	for name, save := range saves {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, map[string]string{"content/part/a.md": "v0", "content/b.md": "b"})
			s.start(Options{Dirs: []string{"content"}})
			for i := 1; i <= 2; i++ {
				save(s, "content/part/a.md", fmt.Sprintf("v%d", i))
				s.expect("modified content/part/a.md")
				s.write("content/part/a.md", fmt.Sprintf("plain edit %d", i))
				s.expect("modified content/part/a.md")
			}
		})
	}
}

func TestBurstIsOneBatch(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/keep.md": "k"})
	s.start(Options{Dirs: []string{"content"}})
	var want []string
	for i := range 200 {
		p := fmt.Sprintf("content/s%03d.md", i)
		s.write(p, "x")
		want = append(want, "created "+p)
	}
	s.expect(want...)
	// A following edit comes alone: nothing of the burst was left over.
	s.write("content/keep.md", "k2")
	s.expect("modified content/keep.md")
}

func TestNewNestedFolder(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "a"})
	s.start(Options{Dirs: []string{"content"}})
	s.mkdir("content/x/y/z")
	s.write("content/x/one.md", "1")
	s.write("content/x/y/z/two.md", "2")
	s.expect("created content/x/one.md", "created content/x/y/z/two.md")
	s.write("content/x/y/z/two.md", "2b")
	s.expect("modified content/x/y/z/two.md")
	s.write("content/x/y/z/three.md", "3")
	s.expect("created content/x/y/z/three.md")
}

func TestRemovedFolder(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{
		"content/a.md": "a", "content/sub/b.md": "b", "content/sub/deep/c.md": "c",
	})
	s.start(Options{Dirs: []string{"content"}})
	s.remove("content/sub")
	s.expect("removed content/sub/b.md", "removed content/sub/deep/c.md")
	s.write("content/sub/deep/c.md", "again")
	s.expect("created content/sub/deep/c.md")
}

func TestRenamedFolder(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/old/a.md": "a", "content/old/deep/b.md": "b"})
	s.start(Options{Dirs: []string{"content"}})
	s.rename("content/old", "content/new")
	s.expect("created content/new/a.md", "created content/new/deep/b.md",
		"removed content/old/a.md", "removed content/old/deep/b.md")
	// Edits below the moved folder must carry the new path.
	s.write("content/new/deep/b.md", "b2")
	s.expect("modified content/new/deep/b.md")
	s.write("content/new/a.md", "a2")
	s.expect("modified content/new/a.md")
	s.mkdir("content/old")
	s.write("content/old/c.md", "c")
	s.expect("created content/old/c.md")
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
	s.expect("created content/unit/more/two.md", "created content/unit/one.md")
	s.write("content/unit/more/two.md", "2b")
	s.expect("modified content/unit/more/two.md")
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
	s.expect("created praxis.yaml")
	s.write("praxis.yaml", "title: y")
	s.expect("modified praxis.yaml")
	s.mkdir("templates/partials")
	s.write("templates/partials/nav.html", "<nav>")
	s.expect("created templates/partials/nav.html")
	s.write("themes/plain/print.css", "body{}")
	s.write("themes/other/print.css", "body{}")
	s.expect("created themes/plain/print.css")
	s.remove("templates")
	s.remove("praxis.yaml")
	s.expect("removed praxis.yaml", "removed templates/partials/nav.html")
	s.write("templates/page.html", "<p>")
	s.expect("created templates/page.html")
}

func TestPollingSeesEdits(t *testing.T) {
	t.Parallel()
	s := newSite(t, map[string]string{"content/a.md": "aaaa"})
	w := s.start(Options{Dirs: []string{"content"}, Poll: 20 * time.Millisecond, Debounce: 20 * time.Millisecond})
	if w.fsw != nil {
		t.Fatalf("Poll > 0 but the Watcher uses OS notifications")
	}
	s.write("content/a.md", "bbbb")
	s.expect("modified content/a.md")
	s.write("content/new/b.md", "b")
	s.expect("created content/new/b.md")
	s.remove("content/new")
	s.expect("removed content/new/b.md")
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
