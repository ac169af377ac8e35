package build

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	praxis "github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// TestPruneCache checks which files pruning keeps in a cache folder: the
// highlight cache, the newest manifests within the age limit, young
// temporary files and files praxis does not name.
func TestPruneCache(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	put := func(name string, age time.Duration) {
		t.Helper()
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(f, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	keep := func(name string, age time.Duration) { put(name, age); want = append(want, name) }
	keep(markdown.CacheFile, 90*24*time.Hour)
	put("highlight-v1.cache", time.Minute)                      // an older layout
	keep(markdown.CacheFile+".tmp-123", time.Minute)            // a build writing it now
	put(markdown.CacheFile+".tmp-456", 2*time.Hour)             // left by a stopped build
	put("manifest-v1-0123456789abcdef.gob", time.Minute)        // an older layout
	keep(manifestPrefix+"77.tmp", time.Minute)                  // being written
	put(manifestPrefix+"78.tmp", 3*time.Hour)                   // left behind
	put(manifestPrefix+"0000000000000000.gob", 31*24*time.Hour) // too old
	for i := range manifestsKept + 2 {
		name := manifestPrefix + strconv.Itoa(10+i) + ".gob"
		if age := time.Duration(i) * time.Hour; i < manifestsKept {
			keep(name, age)
		} else {
			put(name, age) // beyond the newest manifestsKept
		}
	}
	keep("notes.txt", 365*24*time.Hour) // not praxis's
	if err := os.Mkdir(filepath.Join(dir, "manifest-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	want = append(want, "manifest-dir")
	pruneCache(dir, now)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, en := range entries {
		got = append(got, en.Name())
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("after pruning:\n got %q\nwant %q", got, want)
	}
}

// TestWritePrunesCache checks that praxis build prunes its cache folder:
// a manifest of an older layout is gone after a build, and the build's own
// manifest and highlight cache are there.
func TestWritePrunesCache(t *testing.T) {
	root, cache := t.TempDir(), t.TempDir()
	(&liveSite{t: t, root: root}).write("content/_index.md", "# Home\n\n```go\nfunc main() {}\n```\n")
	stale := filepath.Join(cache, "manifest-v1-0123456789abcdef.gob")
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	writeWith(t, Options{Root: root, Defaults: praxis.Defaults, Now: fixedNow, CacheDir: cache})
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the manifest of an older layout is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(cache, markdown.CacheFile)); err != nil {
		t.Errorf("no highlight cache after the build: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(cache, manifestPrefix+"*.gob")); len(m) != 1 {
		t.Errorf("manifests after the build: %q, want one", m)
	}
}
