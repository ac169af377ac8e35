package cli

import (
	"testing"
	"testing/fstest"
)

// TestMemoryLimit checks that a workbook with little Markdown gets the
// small heap limit, so that one hostile page cannot take much memory, and
// a big or unreadable one the usual limit.
func TestMemoryLimit(t *testing.T) {
	small := fstest.MapFS{"content/a.md": {Data: make([]byte, 1<<20)}, "content/pic.png": {Data: make([]byte, 3<<20)}}
	big := fstest.MapFS{"content/a.md": {Data: make([]byte, 1<<20)}, "content/c/b.md": {Data: make([]byte, 1<<20+1)}}
	for name, tc := range map[string]struct {
		fsys fstest.MapFS
		want int64
	}{
		"small":      {small, smallMemoryLimit},
		"big":        {big, buildMemoryLimit},
		"no content": {fstest.MapFS{}, buildMemoryLimit},
	} {
		if got := memoryLimit(tc.fsys); got != tc.want {
			t.Errorf("%s workbook: limit %d MiB, want %d MiB", name, got>>20, tc.want>>20)
		}
	}
}
