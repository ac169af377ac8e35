package build

import (
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// manifestPrefix starts the name of a manifest file in the cache folder;
// a new layout of the file gets a new prefix.
const manifestPrefix = "manifest-v2-"

// manifest records what a build wrote into an output folder: for each step
// (by edition folder and name, like "facilitator/page:content/a.md"), the
// digest of its inputs and the files it made, with the SHA-256 of each as
// it was written. A build into the same folder links the files of every
// step whose inputs are the same, and whose files still hold those bytes,
// instead of making them again; a step's inputs are those Live's steps name (see Live), and what
// no step digest covers (the praxis program, the templates) is in Tool.
type manifest struct {
	Tool  string
	Steps map[string]manifestStep
}

type manifestStep struct {
	Key   digest
	Files []manifestFile // as the last build left them
}

type manifestFile struct {
	Name string // from the output root
	Sum  digest // SHA-256 of its bytes as the build made them
}

// reuse carries the last build's manifest of an output folder into a
// build, links what can be linked, and records the next manifest. A nil
// reuse links nothing and records nothing. It is safe for concurrent use.
type reuse struct {
	file string // the manifest file in the cache folder
	tool string
	old  manifest
	last string   // the output folder the old manifest describes
	into *dirSink // the folder being built

	bufs sync.Pool // of *[]byte, for reading files to sum them up

	mu   sync.Mutex
	next map[string]madeStep
}

// madeStep is a step this build made or linked: its key and files.
type madeStep struct {
	key   digest
	files []string
}

// newReuse returns the reuse for a build into the output folder out, made
// by praxis tool; nil when there is no cache folder or the tool is unknown.
// With last set (out, when praxis made it), it reads the manifest of out
// from the cache folder; otherwise it only records the next one.
func newReuse(cacheDir, last, out, tool string, into *dirSink) *reuse {
	if cacheDir == "" || tool == "" {
		return nil
	}
	sum := sha256.Sum256([]byte(out))
	r := &reuse{file: filepath.Join(cacheDir, fmt.Sprintf("%s%x.gob", manifestPrefix, sum[:8])), tool: tool,
		last: last, into: into, next: map[string]madeStep{}}
	into.noteSums()
	if last == "" {
		return r
	}
	if f, err := os.Open(r.file); err == nil {
		defer f.Close()
		if gob.NewDecoder(f).Decode(&r.old) != nil || r.old.Tool != tool {
			r.old = manifest{}
		}
	}
	return r
}

// reuse links the files of step s of edition e from the last build when
// its key is the same and its files still hold what that build made, and
// reports whether it did.
func (r *reuse) reuse(e *edition, s step) (bool, error) {
	if r == nil || r.last == "" {
		return false, nil
	}
	old, ok := r.old.Steps[e.prefix+s.name]
	if !ok || old.Key != s.key {
		return false, nil
	}
	names := make([]string, len(old.Files))
	for i, f := range old.Files {
		if !r.holds(f) || r.into.link(r.last, f.Name, f.Sum) != nil {
			return false, nil
		}
		names[i] = f.Name
	}
	r.note(e.prefix+s.name, s.key, names)
	return true, nil
}

// stale is never asked of Write, which leaves nothing for later.
func (r *reuse) stale(*edition, step) (bool, error) { return false, nil }

// record notes the files step s of edition e made, for the manifest.
func (r *reuse) record(e *edition, s step, files []outFile) {
	if r == nil {
		return
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = e.prefix + f.name
	}
	r.note(e.prefix+s.name, s.key, names)
}

func (r *reuse) keepsBytes() bool { return false }

// holds reports whether the last build's file f still holds the bytes that
// build made: not changed by hand, nor replaced by another build.
func (r *reuse) holds(f manifestFile) bool {
	file, err := os.Open(filepath.Join(r.last, filepath.FromSlash(f.Name)))
	if err != nil {
		return false
	}
	defer file.Close()
	if fi, err := file.Stat(); err != nil || !fi.Mode().IsRegular() {
		return false
	}
	h := sha256.New()
	buf, _ := r.bufs.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
		*buf = make([]byte, 64<<10)
	}
	defer r.bufs.Put(buf)
	for { // not io.CopyBuffer, which leaves buf aside for os.File's WriteTo
		n, err := file.Read(*buf)
		h.Write((*buf)[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return false
		}
	}
	return digest(h.Sum(nil)) == f.Sum
}

func (r *reuse) note(name string, key digest, files []string) {
	r.mu.Lock()
	r.next[name] = madeStep{key: key, files: files}
	r.mu.Unlock()
}

// save writes the manifest of the files this build made or linked, for
// the next build into the same output folder. A step with a file the sink
// has no digest of is left out. The manifest only saves time, so failing
// to write it is not an error.
func (r *reuse) save() {
	if r == nil {
		return
	}
	m := manifest{Tool: r.tool, Steps: make(map[string]manifestStep, len(r.next))}
	for name, s := range r.next {
		files := make([]manifestFile, len(s.files))
		complete := true
		for i, f := range s.files {
			sum, ok := r.into.sum(f)
			files[i] = manifestFile{Name: f, Sum: sum}
			complete = complete && ok
		}
		if complete {
			m.Steps[name] = manifestStep{Key: s.key, Files: files}
		}
	}
	if os.MkdirAll(filepath.Dir(r.file), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(r.file), manifestPrefix+"*.tmp")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name())
	if gob.NewEncoder(tmp).Encode(m) != nil || tmp.Close() != nil {
		tmp.Close()
		return
	}
	_ = os.Rename(tmp.Name(), r.file)
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
