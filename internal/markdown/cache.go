package markdown

import (
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
)

// cacheFormat names the layout of the highlight cache file; a new format
// gets a new name, so old files are simply not read.
const cacheFormat = "highlight-v1.gob"

// LoadCache reads highlighted code saved by an earlier build from the cache
// folder dir. A missing or unreadable cache is not an error worth stopping
// for: the code is highlighted again.
func (h *Highlighter) LoadCache(dir string) {
	f, err := os.Open(filepath.Join(dir, cacheFormat))
	if err != nil {
		return
	}
	defer f.Close()
	var entries map[[32]byte][]byte
	if err := gob.NewDecoder(f).Decode(&entries); err != nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, v := range entries {
		if _, ok := h.cache[k]; !ok {
			h.cache[k] = v
			h.stale[k] = true
		}
	}
}

// SaveCache writes the highlighted code that this process used to the cache
// folder dir, replacing the file atomically so two builds never see half a
// cache. Entries loaded but not used are dropped, so the cache holds the
// workbook's current code and does not grow without end.
func (h *Highlighter) SaveCache(dir string) error {
	h.mu.RLock()
	entries := make(map[[32]byte][]byte, len(h.cache))
	for k, v := range h.cache {
		if !h.stale[k] {
			entries[k] = v
		}
	}
	h.mu.RUnlock()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the cache folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, cacheFormat+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := gob.NewEncoder(tmp).Encode(entries); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, cacheFormat))
}

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
