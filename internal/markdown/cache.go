package markdown

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
)

// cacheFormat names the layout of the highlight cache file; a new format
// gets a new name, so old files are simply not read (and the build prunes
// them, see CacheFile).
const cacheFormat = "highlight-v2.cache"

// CacheFile is the name of the highlight cache file in a cache folder.
// Other files there whose names start with CachePrefix are older layouts
// of it, or temporary files of builds that were writing it.
const (
	CacheFile   = cacheFormat
	CachePrefix = "highlight-"
)

// cacheMagic starts every cache file.
const cacheMagic = "praxis highlight cache v2\n"

// The cache file is cacheMagic followed by records: a 32-byte key, the
// length of the HTML as a uvarint, the HTML, and its CRC-32 (IEEE, 4
// bytes, big-endian). A damaged or cut-off record ends the usable part.

// recentLimit is how many bytes of highlighted code a Highlighter with a
// cache folder keeps in memory: enough for a page's code to be highlighted
// once for the web and reused for its print sections.
const recentLimit = 2 << 20

// store is the highlight cache of one build in a cache folder: the file
// the last build left, read record by record as code is asked for, and the
// file this build writes as it goes, with exactly the code it used. So a
// build holds only an index in memory, however much code the workbook has.
type store struct {
	dir     string
	old     *os.File
	index   map[[32]byte]span // records of old
	out     *os.File
	w       *bufio.Writer
	written map[[32]byte]bool
	err     error // the first write error; the new file is then dropped
}

// span is where a record's HTML lies in the old file.
type span struct{ off, n int64 }

// LoadCache makes h read highlighted code from the cache folder dir, which
// an earlier build filled, and write the code this build uses to a new
// cache file there, which SaveCache puts in place. A missing or damaged
// cache is not an error worth stopping for: the code is highlighted again.
func (h *Highlighter) LoadCache(dir string) {
	s := newStore(dir)
	if f, err := os.Open(filepath.Join(dir, cacheFormat)); err == nil {
		s.old = f
		s.index = readIndex(f)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.store = s
	h.addAll(s) // code highlighted before the cache was opened
}

// newStore starts a new cache file in dir.
func newStore(dir string) *store {
	s := &store{dir: dir, written: map[[32]byte]bool{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.err = fmt.Errorf("creating the cache folder: %w", err)
		return s
	}
	if s.out, s.err = os.CreateTemp(dir, cacheFormat+".tmp-*"); s.err == nil {
		s.w = bufio.NewWriterSize(s.out, 64<<10)
		_, s.err = s.w.WriteString(cacheMagic)
	}
	return s
}

// SaveCache puts the cache file of this build in place in dir, replacing
// the old one atomically, so two builds never see half a cache. It holds
// the code used since LoadCache, so the cache does not grow without end.
// Without LoadCache, it writes the code h has highlighted.
func (h *Highlighter) SaveCache(dir string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.store == nil {
		h.store = newStore(dir)
		h.addAll(h.store)
	}
	s := h.store
	h.store = nil
	return s.finish(filepath.Join(s.dir, cacheFormat))
}

// Retain keeps in the cache file this build writes the code of keys that
// it did not highlight because it reused the pages they are on, so the
// next build finds them.
func (h *Highlighter) Retain(keys []CodeKey) {
	h.mu.Lock()
	s := h.store
	h.mu.Unlock()
	if s == nil {
		return
	}
	for _, k := range keys {
		h.mu.Lock()
		done := s.written[k]
		h.mu.Unlock()
		if done {
			continue
		}
		if html, ok := s.cached(k); ok {
			h.mu.Lock()
			s.add(k, html)
			h.mu.Unlock()
		}
	}
}

// DiscardCache drops the cache file this build was writing, after a build
// that failed; the old cache stays as it was.
func (h *Highlighter) DiscardCache() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.store != nil {
		h.store.err = errors.New("discarded")
		_ = h.store.finish("")
		h.store = nil
	}
}

// addAll writes the code h holds in memory to s.
func (h *Highlighter) addAll(s *store) {
	for _, gen := range []map[[32]byte][]byte{h.older, h.cache} {
		for k, v := range gen {
			s.add(k, v)
		}
	}
}

// cached returns the HTML of key from the cache file, or false.
func (s *store) cached(key [32]byte) ([]byte, bool) {
	sp, ok := s.index[key]
	if !ok || s.old == nil {
		return nil, false
	}
	buf := make([]byte, sp.n+4)
	if _, err := s.old.ReadAt(buf, sp.off); err != nil {
		return nil, false
	}
	html, sum := buf[:sp.n], buf[sp.n:]
	if crc32.ChecksumIEEE(html) != binary.BigEndian.Uint32(sum) {
		return nil, false
	}
	return html, true
}

// add writes a record to the new cache file, once per key.
func (s *store) add(key [32]byte, html []byte) {
	if s.err != nil || s.written[key] {
		return
	}
	s.written[key] = true
	rec := append(key[:], binary.AppendUvarint(nil, uint64(len(html)))...)
	rec = append(rec, html...)
	rec = binary.BigEndian.AppendUint32(rec, crc32.ChecksumIEEE(html))
	_, s.err = s.w.Write(rec)
}

// finish closes the files and renames the new one to name, unless writing
// it failed or name is "".
func (s *store) finish(name string) error {
	if s.old != nil {
		s.old.Close()
	}
	if s.out == nil {
		return s.err
	}
	err := s.err
	if err == nil {
		err = s.w.Flush()
	}
	if cerr := s.out.Close(); err == nil {
		err = cerr
	}
	if err == nil && name != "" {
		err = os.Rename(s.out.Name(), name)
	}
	if err != nil || name == "" {
		os.Remove(s.out.Name())
	}
	return err
}

// readIndex reads where each record of a cache file lies, up to the first
// damaged one.
func readIndex(f *os.File) map[[32]byte]span {
	index := map[[32]byte]span{}
	r := bufio.NewReaderSize(f, 64<<10)
	magic := make([]byte, len(cacheMagic))
	if _, err := io.ReadFull(r, magic); err != nil || !bytes.Equal(magic, []byte(cacheMagic)) {
		return index
	}
	off := int64(len(cacheMagic))
	for {
		var key [32]byte
		if _, err := io.ReadFull(r, key[:]); err != nil {
			return index
		}
		n, err := binary.ReadUvarint(r)
		if err != nil || n > 1<<30 {
			return index
		}
		start := off + 32 + int64(uvarintLen(n))
		if _, err := r.Discard(int(n) + 4); err != nil {
			return index
		}
		index[key] = span{off: start, n: int64(n)}
		off = start + int64(n) + 4
	}
}

func uvarintLen(n uint64) int { return len(binary.AppendUvarint(nil, n)) }

// CacheDir is the folder where praxis keeps its cache for the workbook at
// root: $PRAXIS_CACHE_DIR if set, else praxis/ in the user's cache folder
// (~/.cache on Linux), one subfolder per workbook. It is always safe to
// delete. It returns "" when there is no cache folder.
func CacheDir(getenv func(string) string, root string) string {
	base := getenv("PRAXIS_CACHE_DIR")
	if base == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		base = filepath.Join(dir, "praxis")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(base, fmt.Sprintf("%x", sum[:8]))
}
