package build

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// What a workbook's cache folder keeps: the highlight cache and the
// manifests of the output folders built most recently. A manifest is
// rewritten by every build into its folder, so its age is that of the
// folder's last build.
const (
	manifestsKept  = 8                   // manifests of the output folders built last
	manifestMaxAge = 30 * 24 * time.Hour // a folder not built for this long is forgotten
	// tempMaxAge is how old a temporary file must be before pruning takes
	// it for one left by a build that was stopped: a build running now
	// may be writing a younger one.
	tempMaxAge = time.Hour
)

// pruneCache removes from the cache folder dir what no build will read
// again: manifests and highlight caches of older layouts, the manifests
// beyond the manifestsKept newest and those older than manifestMaxAge,
// and temporary files older than tempMaxAge. It touches only files whose
// names praxis gives them. The cache only saves time, so failing to prune
// is no error.
func pruneCache(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type aged struct {
		name string
		mod  time.Time
	}
	var manifests []aged
	for _, en := range entries {
		name := en.Name()
		info, err := en.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		old := now.Sub(info.ModTime())
		switch {
		case !strings.HasPrefix(name, "manifest-") && !strings.HasPrefix(name, markdown.CachePrefix):
			continue // not praxis's
		case strings.Contains(name, ".tmp"):
			if old > tempMaxAge {
				os.Remove(filepath.Join(dir, name))
			}
		case name == markdown.CacheFile:
		case strings.HasPrefix(name, manifestPrefix) && strings.HasSuffix(name, ".gob"):
			manifests = append(manifests, aged{name, info.ModTime()})
		default: // an older layout
			os.Remove(filepath.Join(dir, name))
		}
	}
	slices.SortFunc(manifests, func(a, b aged) int { return cmp.Or(b.mod.Compare(a.mod), strings.Compare(a.name, b.name)) })
	for i, m := range manifests {
		if i >= manifestsKept || now.Sub(m.mod) > manifestMaxAge {
			os.Remove(filepath.Join(dir, m.name))
		}
	}
}
