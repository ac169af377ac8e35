package content

import (
	"path/filepath"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// linkInside returns an error when the symbolic link p (a path from the
// workbook folder root) leads outside that folder, so that a link can never
// publish a file from elsewhere on the computer. With root "" (a workbook
// that is not a folder on disk), every link is inside.
func linkInside(root, p string) error {
	if root == "" {
		return nil
	}
	top, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil // the walk that found p read root; nothing to compare with
	}
	real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(p)))
	if err == nil && inside(top, real) {
		return nil
	}
	return diag.Errorf(diag.Pos{File: p}, "is a link to %s, outside the workbook folder; praxis publishes only files inside it, so copy the file into content/", real)
}

// inside reports whether path lies inside folder dir.
func inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
