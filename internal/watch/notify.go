package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// runNotify is Run with OS notifications. Events only mark paths dirty and
// restart the debounce timer; when it fires, flush compares the dirty paths
// on disk with the index. It returns fellBack when the OS ran out of watches
// and Run must go on polling.
func (w *Watcher) runNotify(ctx context.Context, batches chan<- Batch, out *outbox) (fellBack bool, err error) {
	deb := newDebouncer(w.debounce)
	defer deb.timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return false, nil
		case out.ch(batches) <- out.batch:
			out.batch = nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return false, errors.New("watch: the OS stopped sending file notifications")
			}
			if w.note(ev) {
				deb.kick(time.Now())
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return false, errors.New("watch: the OS stopped sending file notifications")
			}
			if w.noteError(err) {
				deb.kick(time.Now())
			}
		case <-deb.timer.C:
			if now := time.Now(); w.pending() && !deb.overdue(now) {
				deb.kick(now)
				continue
			}
			deb.idle()
			changes, err := w.flush()
			if err != nil {
				w.fallBack(err)
				return true, nil
			}
			out.add(changes)
		}
	}
}

// note records an event and reports whether it concerns a source. A folder
// that was removed or renamed loses its watches at once, with every folder
// below it: the kernel keeps watching a moved folder under its old name, and
// watching the new name would otherwise reuse that stale watch.
func (w *Watcher) note(ev fsnotify.Event) bool {
	rel, ok := w.rel(ev.Name)
	if !ok || !w.scope.relevant(rel) {
		return false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.unwatch(rel)
	}
	w.dirty[rel] = true
	return true
}

// maxPending is how many waiting events pending takes before it stops.
const maxPending = 4096

// pending receives the events that are already waiting and reports whether
// one of them concerns a source. The timer and an event can be ready at the
// same time on a busy machine, and select picks either: the tree was not
// quiet then, so the batch must wait.
func (w *Watcher) pending() bool {
	busy := false
	for range maxPending { // bounded, so a never-ending stream still gets flushed
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return busy // Run's loop reports the closed channel
			}
			busy = w.note(ev) || busy
		default:
			return busy
		}
	}
	return true
}

// noteError handles an error from the OS notifications and reports whether
// a rescan is due.
func (w *Watcher) noteError(err error) bool {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.logf("watch: too many changes at once for the OS to report them all; rescanning every watched folder")
		w.dirty[""] = true
		return true
	}
	w.logf("watch: %v", err)
	return false
}

// flush compares the dirty paths on disk with the index and returns the
// changes. It fails only when the OS runs out of watches for new folders;
// polling then finds whatever this flush did not.
func (w *Watcher) flush() ([]Change, error) {
	touched := w.dirty
	w.dirty = make(map[string]bool)
	roots := topmost(touched)
	snap := make(index)
	now := time.Now()
	for rel := range roots {
		if err := w.scan(rel, snap, now); err != nil {
			return nil, err
		}
	}
	return w.idx.apply(roots, snap, touched), nil
}

// addWatch asks the OS to watch the folder rel. It fails only when the OS
// runs out of watches; other failures are reported through Logf.
func (w *Watcher) addWatch(rel string) error {
	if w.watched[rel] {
		return nil
	}
	if w.limit > 0 && len(w.watched) >= w.limit {
		return &os.PathError{Op: "watch", Path: rel, Err: syscall.ENOSPC}
	}
	err := w.fsw.Add(w.abs(rel))
	switch {
	case err == nil:
		w.watched[rel] = true
	case isLimit(err):
		return err
	case errors.Is(err, fs.ErrNotExist):
		// Removed while scanning; its parent's event reports that.
	default:
		w.logf("watch: cannot watch %s, so changes inside it are missed: %v", rel, err)
	}
	return nil
}

// unwatch drops the watches of rel and of every folder below it.
func (w *Watcher) unwatch(rel string) {
	for dir := range w.watched {
		if within(dir, rel) {
			// The watch may be gone already (the kernel drops it with the
			// folder); either way it is not wanted any more.
			_ = w.fsw.Remove(w.abs(dir))
			delete(w.watched, dir)
		}
	}
}

// debouncer is one timer, restarted by every event, that fires once the
// events stop for wait, or at the latest limit after the first of them.
type debouncer struct {
	wait, limit time.Duration
	timer       *time.Timer
	first       time.Time // first event since the timer last fired; zero when idle
}

// newDebouncer returns a stopped debouncer.
func newDebouncer(wait time.Duration) *debouncer {
	t := time.NewTimer(wait)
	t.Stop()
	return &debouncer{wait: wait, limit: maxWait(wait), timer: t}
}

// maxWait is how long a burst that never goes quiet may delay a batch.
func maxWait(wait time.Duration) time.Duration {
	return max(10*wait, time.Second)
}

// kick restarts the timer for an event that happened at now.
func (d *debouncer) kick(now time.Time) {
	if d.first.IsZero() {
		d.first = now
	}
	left := d.first.Add(d.limit).Sub(now)
	d.timer.Reset(max(0, min(d.wait, left)))
}

// overdue reports whether the pending burst has delayed its batch for the
// longest time allowed.
func (d *debouncer) overdue(now time.Time) bool {
	return !d.first.IsZero() && now.Sub(d.first) >= d.limit
}

// idle records that the timer fired.
func (d *debouncer) idle() {
	d.first = time.Time{}
}
