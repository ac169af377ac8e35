package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Sink receives the output files of a build. Paths are slash-separated and
// relative to the output root. Put and Create may be called from several
// goroutines. Put may keep data: callers that reuse their bytes go through
// putCopy.
type Sink interface {
	Put(file string, data []byte) error
	// Create returns a writer for a file too big to hand over in one
	// piece; the file is complete when the writer is closed.
	Create(file string) (io.WriteCloser, error)
	Count() int
}

// bufferedFile collects a file in memory and puts it into a sink when
// closed, for sinks that keep files in memory anyway.
type bufferedFile struct {
	bytes.Buffer
	name string
	put  func(file string, data []byte) error
}

func (f *bufferedFile) Close() error { return f.put(f.name, f.Bytes()) }

func createBuffered(file string, put func(string, []byte) error) (io.WriteCloser, error) {
	if err := checkPath(file); err != nil {
		return nil, err
	}
	return &bufferedFile{name: file, put: put}, nil
}

// Memory is a Sink that keeps the files in memory, for serving.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
	put   map[string]bool // the names given to Put, as opposed to carry
}

// NewMemory returns an empty Memory sink.
func NewMemory() *Memory { return newMemory(0) }

// newMemory returns an empty Memory sink with room for n files.
func newMemory(n int) *Memory { return &Memory{files: make(map[string][]byte, n)} }

// newCarryingMemory is newMemory that also notes which files were Put
// rather than carried (see takePut).
func newCarryingMemory(n int) *Memory {
	m := newMemory(n)
	m.put = map[string]bool{}
	return m
}

// takePut returns the names given to Put since the sink was made.
func (m *Memory) takePut() map[string]bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	put := m.put
	m.put = nil
	return put
}

// Put stores a file.
func (m *Memory) Put(file string, data []byte) error {
	if err := checkPath(file); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[file] = data
	if m.put != nil {
		m.put[file] = true
	}
	m.mu.Unlock()
	return nil
}

// carry stores files of an earlier build, under prefix, without noting
// them as put: a live rebuild carries thousands of them over, whose names
// were checked when they were first put.
func (m *Memory) carry(prefix string, files []outFile) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, f := range files {
		m.files[prefix+f.name] = f.data
	}
	return nil
}

// Create returns a writer whose bytes are stored when it is closed.
func (m *Memory) Create(file string) (io.WriteCloser, error) { return createBuffered(file, m.Put) }

// Count is the number of files stored.
func (m *Memory) Count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.files)
}

// Files returns the stored files.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string][]byte, len(m.files))
	for k, v := range m.files {
		out[k] = v
	}
	return out
}

// Take returns the stored files without copying them; the sink must not
// be used afterwards.
func (m *Memory) Take() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	files := m.files
	m.files = nil
	return files
}

// Names returns the stored file names, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var names []string
	for k := range m.files {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// dirSink writes files under a folder. A file whose bytes are those of
// the same file in the last build's folder is linked to it instead of
// written again, so it keeps its modification time (tools that upload a
// site then skip it) and the disk does less work. After noteSums, it
// keeps the SHA-256 of every file it writes (see reuse).
type dirSink struct {
	dir   string
	last  string // the last build's folder; "" for none
	mu    sync.Mutex
	count int
	dirs  map[string]bool
	sums  map[string]digest // by file name; nil when not noted
}

// noteSums makes d keep the SHA-256 of every file it writes from now on.
func (d *dirSink) noteSums() {
	d.mu.Lock()
	d.sums = map[string]digest{}
	d.mu.Unlock()
}

// noting reports whether d keeps the files' digests.
func (d *dirSink) noting() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.sums != nil
}

// made counts a file written, with its digest when d keeps them.
func (d *dirSink) made(file string, sum func() digest) {
	var s digest
	noting := d.noting()
	if noting {
		s = sum() // outside the lock: other files are being written
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.count++
	if noting {
		d.sums[file] = s
	}
}

// sum returns the SHA-256 of file as d wrote it, if d noted it.
func (d *dirSink) sum(file string) (digest, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.sums[file]
	return s, ok
}

func newDirSink(dir, last string) *dirSink {
	return &dirSink{dir: dir, last: last, dirs: map[string]bool{}}
}

// copiesPut reports that Put is done with data when it returns.
func (d *dirSink) copiesPut() bool { return true }

func (d *dirSink) Put(file string, data []byte) error {
	full, err := d.path(file)
	if err != nil {
		return err
	}
	if !d.linkUnchanged(file, full, data) {
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return err
		}
	}
	d.made(file, func() digest { return sha256.Sum256(data) })
	return nil
}

// linkUnchanged links full to the last build's file when that holds data,
// and reports whether it did.
func (d *dirSink) linkUnchanged(file, full string, data []byte) bool {
	if d.last == "" {
		return false
	}
	old := filepath.Join(d.last, filepath.FromSlash(file))
	f, err := os.Open(old)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	buf := make([]byte, len(data)+1) // one more, to see the file did not grow
	n, err := io.ReadFull(f, buf)
	if err != io.ErrUnexpectedEOF || n != len(data) || !bytes.Equal(buf[:n], data) {
		return false
	}
	return os.Link(old, full) == nil
}

// link puts the file of the same name from folder last, whose SHA-256 is
// sum, into d, linked to it.
func (d *dirSink) link(last, file string, sum digest) error {
	full, err := d.path(file)
	if err != nil {
		return err
	}
	if err := os.Link(filepath.Join(last, filepath.FromSlash(file)), full); err != nil {
		return err
	}
	d.made(file, func() digest { return sum })
	return nil
}

// Create opens the file for writing through a buffer.
func (d *dirSink) Create(file string) (io.WriteCloser, error) {
	full, err := d.path(file)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	w := &dirFile{f: f, d: d, name: file}
	if d.noting() {
		w.h = sha256.New()
		w.Writer = bufio.NewWriterSize(io.MultiWriter(f, w.h), 64<<10)
	} else {
		w.Writer = bufio.NewWriterSize(f, 64<<10)
	}
	return w, nil
}

// dirFile is a file of a dirSink being written.
type dirFile struct {
	*bufio.Writer
	f    *os.File
	d    *dirSink
	name string
	h    hash.Hash // of the bytes written, when d notes digests
}

func (w *dirFile) Close() error {
	err := w.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		w.d.made(w.name, func() digest { return digest(w.h.Sum(nil)) })
	}
	return err
}

// path checks file and makes its folder.
func (d *dirSink) path(file string) (string, error) {
	if err := checkPath(file); err != nil {
		return "", err
	}
	full := filepath.Join(d.dir, filepath.FromSlash(file))
	parent := filepath.Dir(full)
	d.mu.Lock()
	made := d.dirs[parent]
	d.mu.Unlock()
	if !made {
		// Folders come in reading order, so the parent's parent is there
		// most of the time: try the one call before MkdirAll's several.
		if err := os.Mkdir(parent, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return "", err
			}
		}
		d.mu.Lock()
		d.dirs[parent] = true
		d.mu.Unlock()
	}
	return full, nil
}

func (d *dirSink) Count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.count
}

// prefixSink puts files under a folder of another sink (an edition's folder).
type prefixSink struct {
	prefix string
	Sink
}

func (p prefixSink) Put(file string, data []byte) error { return p.Sink.Put(p.prefix+file, data) }

func (p prefixSink) copiesPut() bool { return lendsPut(p.Sink) }

// carrier is a sink that takes the files of an earlier build in bulk.
type carrier interface {
	carry(prefix string, files []outFile) error
}

// carryInto puts the files of an earlier build into sink: in bulk when it
// is a carrier, else one by one.
func carryInto(sink Sink, prefix string, files []outFile) error {
	if c, ok := sink.(carrier); ok {
		return c.carry(prefix, files)
	}
	for _, f := range files {
		if err := sink.Put(prefix+f.name, f.data); err != nil {
			return err
		}
	}
	return nil
}

func (p prefixSink) carry(prefix string, files []outFile) error {
	return carryInto(p.Sink, p.prefix+prefix, files)
}

func (p prefixSink) Create(file string) (io.WriteCloser, error) {
	return p.Sink.Create(p.prefix + file)
}

// checkPath refuses output paths that would leave the output folder.
func checkPath(file string) error {
	if file == "" || path.IsAbs(file) || strings.Contains(file, "\\") || path.Clean(file) != file || strings.HasPrefix(file, "../") || file == ".." {
		return fmt.Errorf("internal error: refusing to write %q outside the output folder", file)
	}
	return nil
}
