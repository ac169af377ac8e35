package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/site"
)

// store is what a build keeps for the next one: for each step, by edition
// folder and name ("facilitator/page:content/a.md"), its key and the files
// it made. Live's store holds the files' bytes and the pages' rendered
// bodies in memory. Write's holds the SHA-256 of each file and is saved in
// the cache folder as the manifest of the output folder: the next build
// into it links the files of a step whose key is the same, when they still
// hold those bytes (not edited by hand, nor written by another build).
// What no key covers (the praxis program) is the manifest's Tool.
type store struct {
	prev       map[string]entry // the last build's; read only
	prevBodies map[string]body  // Live: the last build's rendered bodies, by edition folder and source
	keep       bool             // Live: entries hold the files' bytes; Write: their SHA-256
	fresh      bool             // nothing is known of what the last build's files were made from
	into       *dirSink         // Write: the folder being built
	file, tool string           // Write: the manifest file in the cache folder, and the praxis program
	bufs       sync.Pool        // of *[]byte, for reading files to sum them up

	mu     sync.Mutex
	next   map[string]entry // this build's
	bodies map[string]body  // Live: this build's rendered bodies
	put    []string         // Live: the files of the steps that ran, for Changed
}

// entry is what a step made: its key and its files.
type entry struct {
	Key   digest
	Files []file
}

// file is an output file of a step.
type file struct {
	Name string // from the output root
	Sum  digest // Write: the SHA-256 of its bytes as the build made them
	data []byte // Live: its bytes
}

// manifest is Write's store as the cache folder keeps it; a new layout of
// the file gets a new manifestPrefix.
type manifest struct {
	Tool  string
	Steps map[string]entry
}

const manifestPrefix = "manifest-v2-"

// liveStore returns Live's store for the build after st's (nil for none).
// With forget set, as after a change of the settings or templates, the
// steps' files are kept only to show until they are made anew.
func (st *store) liveStore(forget bool) *store {
	if st == nil {
		return &store{keep: true, fresh: true, next: map[string]entry{}, bodies: map[string]body{}}
	}
	n := &store{keep: true, fresh: forget, next: make(map[string]entry, len(st.next)), bodies: make(map[string]body, len(st.bodies))}
	n.prev = st.next
	if forget {
		n.prev = make(map[string]entry, len(st.next))
		for name, en := range st.next {
			n.prev[name] = entry{Files: en.Files}
		}
		return n
	}
	n.prevBodies = st.bodies
	return n
}

// writeStore returns Write's store for a build into the output folder
// out, made by praxis tool, through into; nil when there is no cache
// folder or the tool is unknown. With last set (out, when praxis made it),
// it reads the manifest of out.
func writeStore(cacheDir, last, out, tool string, into *dirSink) *store {
	if cacheDir == "" || tool == "" {
		return nil
	}
	sum := sha256.Sum256([]byte(out))
	st := &store{file: filepath.Join(cacheDir, fmt.Sprintf("%s%x.gob", manifestPrefix, sum[:8])), tool: tool,
		into: into, next: map[string]entry{}}
	if last == "" {
		return st
	}
	if f, err := os.Open(st.file); err == nil {
		defer f.Close()
		var m manifest
		if gob.NewDecoder(f).Decode(&m) == nil && m.Tool == tool {
			st.prev = m.Steps
		}
	}
	return st
}

// reuse keeps the files step s of edition e made in the last build when
// its key was s.key then, linking them in Write, and reports whether it
// did.
func (st *store) reuse(e *edition, s step) bool {
	name := e.prefix + s.name
	old, ok := st.prev[name]
	if !ok || old.Key != s.key || !st.keep && !st.link(old.Files) {
		return false
	}
	st.record(name, old, false)
	return true
}

// stale keeps the files step s made in the last build whatever its key,
// to show until s is made anew.
func (st *store) stale(e *edition, s step) {
	if old, ok := st.prev[e.prefix+s.name]; ok {
		st.record(e.prefix+s.name, old, false)
	}
}

// record notes what the step named name made; ran says it made it anew.
func (st *store) record(name string, en entry, ran bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.next[name] = en
	if ran && st.keep {
		for _, f := range en.Files {
			st.put = append(st.put, f.Name)
		}
	}
}

// carry keeps every step of the edition in folder prefix as the last
// build made it, and its bodies, for a build that runs a few of them.
func (st *store) carry(prefix string) {
	for name, en := range st.prev {
		if strings.HasPrefix(name, prefix) {
			st.next[name] = en
		}
	}
	for name, b := range st.prevBodies {
		if strings.HasPrefix(name, prefix) {
			st.bodies[name] = b
		}
	}
}

// files returns every file of the steps of this build.
func (st *store) files() map[string][]byte {
	out := make(map[string][]byte, len(st.next))
	for _, en := range st.next {
		for _, f := range en.Files {
			out[f.Name] = f.data
		}
	}
	return out
}

// link links the last build's files into the folder being built, when
// each still holds the bytes that build made.
func (st *store) link(files []file) bool {
	for i, f := range files {
		if !st.into.linkLast(f.Name, st.sumIs(f.Sum)) {
			for _, made := range files[:i] {
				os.Remove(filepath.Join(st.into.dir, filepath.FromSlash(made.Name)))
				st.into.count.Add(-1)
			}
			return false
		}
	}
	return true
}

// sumIs returns a check that a file's SHA-256 is sum.
func (st *store) sumIs(sum digest) func(*os.File, int64) bool {
	return func(f *os.File, _ int64) bool {
		h := sha256.New()
		buf, _ := st.bufs.Get().(*[]byte)
		if buf == nil {
			buf = new([]byte)
			*buf = make([]byte, 64<<10)
		}
		defer st.bufs.Put(buf)
		// Without its WriteTo, f is read into buf.
		_, err := io.CopyBuffer(h, struct{ io.Reader }{f}, *buf)
		return err == nil && digest(h.Sum(nil)) == sum
	}
}

// save writes Write's store as the manifest of the output folder. It only
// saves time, so failing to write it is not an error.
func (st *store) save() {
	if st == nil || os.MkdirAll(filepath.Dir(st.file), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(st.file), manifestPrefix+"*.tmp")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name())
	if gob.NewEncoder(tmp).Encode(manifest{Tool: st.tool, Steps: st.next}) != nil || tmp.Close() != nil {
		tmp.Close()
		return
	}
	_ = os.Rename(tmp.Name(), st.file)
}

// toolID identifies the running praxis program by its file, size and
// modification time, so that a new praxis, which may render differently,
// reuses nothing of an old one's output.
func toolID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%s %d %d", exe, fi.Size(), fi.ModTime().UnixNano())
}

// oldBody returns the body the last build rendered for page p of edition
// e from the same source, if any.
func (st *store) oldBody(e *edition, p *site.Page) (body, bool) {
	if st == nil {
		return body{}, false
	}
	old, ok := st.prevBodies[e.prefix+p.Source]
	return old, ok && old.line == p.BodyLine && bytes.Equal(old.src, p.Body)
}

// keepBody remembers a page's rendered body for the next build, in Live.
func (st *store) keepBody(e *edition, source string, b body) {
	if st == nil || !st.keep {
		return
	}
	st.mu.Lock()
	st.bodies[e.prefix+source] = b
	st.mu.Unlock()
}
