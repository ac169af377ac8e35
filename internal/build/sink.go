package build

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
}

// NewMemory returns an empty Memory sink.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Put stores a file.
func (m *Memory) Put(file string, data []byte) error {
	if err := checkPath(file); err != nil {
		return err
	}
	m.mu.Lock()
	m.files[file] = data
	m.mu.Unlock()
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
	return maps.Clone(m.files)
}

// Names returns the stored file names, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.files))
}

// dirSink writes files under a folder. A file whose bytes are those of
// the same file in the last build's folder is linked to it instead of
// written again, so it keeps its modification time (tools that upload a
// site then skip it) and the disk does less work: both a file put with
// those bytes and, in Write's store, a file the last build made from the
// same inputs (see store.link).
type dirSink struct {
	dir   string
	last  string       // the last build's folder; "" for none
	count atomic.Int64 // of files written
	mu    sync.Mutex
	dirs  map[string]bool
}

func newDirSink(dir, last string) *dirSink {
	return &dirSink{dir: dir, last: last, dirs: map[string]bool{}}
}

// copiesPut reports that Put is done with data when it returns.
func (d *dirSink) copiesPut() bool { return true }

func (d *dirSink) Put(file string, data []byte) error {
	if d.linkLast(file, func(f *os.File, size int64) bool { return size == int64(len(data)) && reads(f, data) }) {
		return nil
	}
	full, err := d.path(file)
	if err != nil {
		return err
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return err
	}
	d.count.Add(1)
	return nil
}

// linkLast puts file into d linked to the file of the same name in the
// last build's folder, when there is one and holds tells it holds the
// right bytes, and reports whether it did.
func (d *dirSink) linkLast(file string, holds func(f *os.File, size int64) bool) bool {
	if d.last == "" {
		return false
	}
	full, err := d.path(file)
	if err != nil {
		return false
	}
	old := filepath.Join(d.last, filepath.FromSlash(file))
	f, err := os.Open(old)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || !holds(f, fi.Size()) || os.Link(old, full) != nil {
		return false
	}
	d.count.Add(1)
	return true
}

// reads reports whether what is left to read of f is data.
func reads(f io.Reader, data []byte) bool {
	buf := make([]byte, len(data)+1) // one more, to see the file did not grow
	n, err := io.ReadFull(f, buf)
	return err == io.ErrUnexpectedEOF && n == len(data) && bytes.Equal(buf[:n], data)
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
	return &dirFile{Writer: bufio.NewWriterSize(f, 64<<10), f: f, d: d}, nil
}

// dirFile is a file of a dirSink being written.
type dirFile struct {
	*bufio.Writer
	f *os.File
	d *dirSink
}

func (w *dirFile) Close() error {
	err := w.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		w.d.count.Add(1)
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

func (d *dirSink) Count() int { return int(d.count.Load()) }

// checkPath refuses output paths that would leave the output folder.
func checkPath(file string) error {
	if file == "" || path.IsAbs(file) || strings.Contains(file, "\\") || path.Clean(file) != file || strings.HasPrefix(file, "../") || file == ".." {
		return fmt.Errorf("internal error: refusing to write %q outside the output folder", file)
	}
	return nil
}
