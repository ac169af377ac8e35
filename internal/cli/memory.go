package cli

import (
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
)

// Memory settings of the Go runtime for a one-off build: collect garbage
// less often than Go's default while the heap is small, which makes a
// build of a few hundred pages about a quarter faster, and hold the heap
// near a limit: buildMemoryLimit in big workbooks, where collecting more
// often costs less than the memory would, and smallMemoryLimit in
// workbooks of less than smallWorkbook bytes of Markdown, which never need
// more, so that a small but hostile page (a megabyte of nested lists or of
// links) cannot take more than about 200 MB.
const (
	buildGCPercent   = 400
	buildMemoryLimit = 256 << 20
	smallMemoryLimit = 160 << 20
	smallWorkbook    = 2 << 20
)

// tuneMemory applies those settings for building the workbook in folder
// source, unless the GOGC or GOMEMLIMIT environment variables choose for
// themselves. praxis build and praxis pdf call it through env.tune once
// their flags are read; praxis serve keeps Go's defaults, since it holds
// the whole site in memory for as long as it runs, and tests that run Main
// in-process keep their own settings.
func tuneMemory(source string, getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit(os.DirFS(source)))
	}
}

// memoryLimit is the heap limit for building the workbook in fsys.
func memoryLimit(fsys fs.FS) int64 {
	if markdownBytes(fsys, smallWorkbook) < smallWorkbook {
		return smallMemoryLimit
	}
	return buildMemoryLimit
}

// markdownBytes adds up the sizes of the .md files under content/ in fsys,
// and stops counting once the sum reaches enough. A folder it cannot read
// counts as big, which keeps the usual limit.
func markdownBytes(fsys fs.FS, enough int64) int64 {
	var sum int64
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".md") {
			info, err := d.Info()
			if err != nil {
				return err
			}
			sum += info.Size()
		}
		if sum >= enough {
			return fs.SkipAll
		}
		return nil
	})
	if err != nil {
		return enough
	}
	return sum
}
