package watch

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

const (
	defaultDebounce = 100 * time.Millisecond
	defaultFallback = 500 * time.Millisecond // polling interval after running out of OS watches
)

// Options configures a Watcher. Only Root is required, but a Watcher with
// neither Dirs nor Files reports nothing.
type Options struct {
	// Root is the site root; every reported path is relative to it.
	Root string
	// Dirs are folders relative to Root watched with everything inside them,
	// such as "content", "templates" and "themes"; "." is all of Root. A
	// folder that does not exist yet is picked up when it is created.
	Dirs []string
	// Files are single files relative to Root, such as "praxis.yaml". They
	// are watched through their parent folder, so they may be missing,
	// replaced or created later. Files are never skipped as hidden or ignored.
	Files []string
	// Ignore, if set, reports paths inside Dirs (relative to Root, forward
	// slashes) that are not sources, such as the output folder. It is asked
	// about files and folders, from New and from Run's goroutine; a path is
	// skipped when Ignore reports true for it or for a folder above it.
	Ignore func(rel string) bool
	// Debounce is how long the tree must stay quiet before a batch is sent;
	// zero means 100ms.
	Debounce time.Duration
	// Poll, if positive, makes the Watcher walk the trees at this interval
	// instead of asking the OS for notifications.
	Poll time.Duration
	// Logf receives notices, such as the switch to polling when the OS runs
	// out of watches. Nil means log.Printf.
	Logf func(format string, args ...any)

	maxWatches   int           // test hook: fail as the OS would once this many folders are watched
	fallbackPoll time.Duration // test hook: polling interval after a fallback; zero means 500ms
}

// Watcher reports changes to the sources of one site. Create it with New,
// then call Run once. It is not safe for concurrent use.
type Watcher struct {
	root     string // absolute, in the OS's form
	prefix   string // root with a trailing separator, to cut from absolute paths
	scope    scope
	debounce time.Duration
	poll     time.Duration // positive when polling, by request or after a fallback
	fallback time.Duration // polling interval after a fallback
	limit    int           // Options.maxWatches
	logf     func(format string, args ...any)

	fsw     *fsnotify.Watcher // nil when polling
	watched map[string]bool   // folders with an OS watch
	dirty   map[string]bool   // paths named by events since the last flush
	idx     index             // every source file known at the last flush or poll
	ran     bool              // Run was called
	closed  bool              // Close was called
}

// New checks opts, starts watching and records every source file, so that
// changes made between New and Run (during a first build, say) are reported
// by Run's first batch. Call Run, or Close if Run will not be called, to
// release the OS watches.
func New(opts Options) (*Watcher, error) {
	w, err := configure(opts)
	if err != nil {
		return nil, err
	}
	if w.poll <= 0 {
		fsw, err := fsnotify.NewWatcher()
		switch {
		case isLimit(err):
			w.fallBack(err)
		case err != nil:
			return nil, fmt.Errorf("watch: %w", err)
		default:
			w.fsw = fsw
		}
	}
	snap := make(index)
	if err := w.scan("", snap, time.Now()); err != nil {
		w.fallBack(err)
		snap = make(index)
		_ = w.scan("", snap, time.Now()) // polling scans cannot fail
	}
	w.idx = snap
	return w, nil
}

// configure validates opts and fills in defaults.
func configure(opts Options) (*Watcher, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("watch: site root: %w", err)
	}
	if info, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("watch: site root: %w", err)
	} else if !info.IsDir() {
		return nil, fmt.Errorf("watch: site root %s is not a folder", root)
	}
	sc, err := newScope(opts.Dirs, opts.Files, opts.Ignore)
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root: root, prefix: root, scope: sc,
		debounce: orDefault(opts.Debounce, defaultDebounce), poll: opts.Poll,
		fallback: orDefault(opts.fallbackPoll, defaultFallback), limit: opts.maxWatches,
		logf:    opts.Logf,
		watched: make(map[string]bool), dirty: make(map[string]bool),
	}
	if !os.IsPathSeparator(root[len(root)-1]) {
		w.prefix += string(filepath.Separator)
	}
	if w.logf == nil {
		w.logf = log.Printf
	}
	return w, nil
}

// orDefault returns d, or def when d is not positive.
func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Run watches until ctx is cancelled, sending a Batch on batches after every
// burst of changes. While the receiver is busy, later changes merge into the
// batch waiting to be sent, so no change is lost. Run returns nil when ctx is
// cancelled, promptly and without waiting for the receiver, and an error if
// the OS notifications stop by themselves. It does not close batches, and it
// closes the Watcher when it returns. Run may be called only once.
func (w *Watcher) Run(ctx context.Context, batches chan<- Batch) error {
	if w.ran || w.closed {
		return errors.New("watch: Run called twice or after Close")
	}
	w.ran = true
	defer w.Close()
	var out outbox
	if w.fsw != nil {
		fellBack, err := w.runNotify(ctx, batches, &out)
		if !fellBack {
			return err
		}
	}
	return w.runPoll(ctx, batches, &out)
}

// Close stops the OS notifications. Run calls it when it returns; call it
// only when Run will not be called. Close may be called more than once.
func (w *Watcher) Close() error {
	w.closed = true
	if w.fsw == nil {
		return nil
	}
	err := w.fsw.Close()
	w.fsw = nil
	return err
}

// fallBack switches to polling after the OS ran out of watches, and says so.
func (w *Watcher) fallBack(err error) {
	if w.fsw != nil {
		_ = w.fsw.Close() // an error here changes nothing: polling does not need it
		w.fsw = nil
	}
	w.watched = make(map[string]bool)
	w.poll = w.fallback
	w.logf("%s", limitNotice(err, w.poll))
}

// isLimit reports whether err means the OS has no watches or file
// descriptors left for the Watcher.
func isLimit(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// limitNotice explains which limit was reached, that the Watcher polls now,
// and how to raise the limit.
func limitNotice(err error, every time.Duration) string {
	knob, fix := "open files", "ulimit -n 10240"
	switch {
	case errors.Is(err, syscall.ENOSPC):
		knob, fix = "fs.inotify.max_user_watches", "sudo sysctl fs.inotify.max_user_watches=524288"
	case runtime.GOOS == "linux" && errors.Is(err, syscall.EMFILE):
		knob, fix = "fs.inotify.max_user_instances", "sudo sysctl fs.inotify.max_user_instances=1024"
	}
	return fmt.Sprintf("watch: the system's file watch limit is reached (%s); "+
		"falling back to polling every %v — raise the limit with `%s` and restart to watch efficiently again (%v)",
		knob, every, fix, err)
}

// abs returns the absolute path of rel.
func (w *Watcher) abs(rel string) string {
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// rel returns the path of abs relative to the root, or false if abs is not
// under the root.
func (w *Watcher) rel(abs string) (string, bool) {
	if abs == w.root {
		return "", true
	}
	if len(abs) <= len(w.prefix) || abs[:len(w.prefix)] != w.prefix {
		return "", false
	}
	return filepath.ToSlash(abs[len(w.prefix):]), true
}
