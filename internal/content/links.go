package content

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// keepInside drops from files, and reports in errs, every symbolic link
// that leads outside the workbook folder root, so that a link can never
// publish a file from elsewhere on the computer. With root "", it keeps
// every file.
func keepInside(root string, files []string, errs *diag.List) []string {
	if root == "" {
		return files
	}
	top, err := filepath.EvalSymlinks(root)
	if err != nil {
		return files
	}
	kept := files[:0]
	for _, f := range files {
		full := filepath.Join(root, filepath.FromSlash(f))
		if fi, err := os.Lstat(full); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(full)
			if err != nil || !inside(top, real) {
				errs.Add(diag.Pos{File: f}, "is a link to %s, outside the workbook folder; praxis publishes only files inside it, so copy the file into content/", real)
				continue
			}
		}
		kept = append(kept, f)
	}
	return kept
}

// inside reports whether path lies inside folder dir.
func inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
