package watch

import (
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// recentWindow is how old a modification time must be before it is trusted
// alone when polling. It covers the coarsest common time stamps (FAT's 2s)
// plus a second of clock skew between a file server and this machine.
const recentWindow = 3 * time.Second

// fileStat is what the Watcher remembers about a file to notice changes.
type fileStat struct {
	size   int64
	mtime  int64 // modification time in Unix nanoseconds
	mode   fs.FileMode
	sum    uint64 // content hash, taken only when polling a recently modified file
	hashed bool
}

// differs reports whether a file changed from old to st.
func (old fileStat) differs(st fileStat) bool {
	if old.size != st.size || old.mtime != st.mtime || old.mode != st.mode {
		return true
	}
	return old.hashed && st.hashed && old.sum != st.sum
}

// index maps the relative path of every known source file to its stat.
type index map[string]fileStat

// apply makes ix match snap, a fresh scan of the paths at or under roots,
// and returns what changed. A file named in touched (an event was reported
// for it) counts as Modified even if its stat looks the same, because stat
// times can be too coarse to tell two saves apart.
func (ix index) apply(roots map[string]bool, snap index, touched map[string]bool) []Change {
	var changes []Change
	for p := range ix {
		if _, ok := snap[p]; !ok && covered(p, roots) {
			changes = append(changes, Change{p, Removed})
			delete(ix, p)
		}
	}
	for p, st := range snap {
		old, known := ix[p]
		switch {
		case !known:
			changes = append(changes, Change{p, Created})
		case touched[p] || old.differs(st):
			changes = append(changes, Change{p, Modified})
		}
		ix[p] = st
	}
	return changes
}

// scan adds the source files at or under rel to snap. With OS notifications
// it watches every folder it enters before listing it, so a file created
// meanwhile is either listed or reported by an event. A missing rel adds
// nothing. scan fails only when the OS runs out of watches.
func (w *Watcher) scan(rel string, snap index, now time.Time) error {
	return filepath.WalkDir(w.abs(rel), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// Gone or unreadable: the event or scan that removed it reports
			// what disappeared; there is nothing here to list.
			return nil
		}
		r, _ := w.rel(p)
		if d.IsDir() {
			return w.enter(r)
		}
		if !isFile(d) || w.scope.classify(r, false) == outside {
			return nil
		}
		if info, err := d.Info(); err == nil {
			snap[r] = w.stat(r, p, info, now)
		}
		return nil
	})
}

// isFile reports whether d is a regular file or a symbolic link (which is
// reported as a file, not followed); sockets, pipes and devices are not sources.
func isFile(d fs.DirEntry) bool {
	return d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0
}

// enter decides whether scan descends into the folder rel, watching it first
// when the OS notifies.
func (w *Watcher) enter(rel string) error {
	if w.scope.classify(rel, true) == outside {
		return filepath.SkipDir
	}
	if w.fsw == nil {
		return nil
	}
	return w.addWatch(rel)
}

// stat describes the file rel (at abs) for the index. When polling, a
// recently modified file is hashed too, and so is a file whose previous hash
// must be compared because its size and time did not change.
func (w *Watcher) stat(rel, abs string, info fs.FileInfo, now time.Time) fileStat {
	st := fileStat{size: info.Size(), mtime: info.ModTime().UnixNano(), mode: info.Mode()}
	if w.poll <= 0 {
		return st
	}
	old, known := w.idx[rel]
	recent := now.Sub(info.ModTime()) < recentWindow
	if recent || known && old.hashed && old.size == st.size && old.mtime == st.mtime {
		st.sum, st.hashed = hashFile(abs)
	}
	return st
}

// hashFile returns a hash of the file's content, or false if it cannot be read.
func hashFile(abs string) (uint64, bool) {
	f, err := os.Open(abs)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	h := fnv.New64a()
	if _, err := io.Copy(h, f); err != nil {
		return 0, false
	}
	return h.Sum64(), true
}
