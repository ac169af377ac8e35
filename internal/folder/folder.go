// Package folder is how praxis reads a workbook folder: every file it
// reads there (content/, templates/, themes/, praxis.yaml) goes through an
// [FS] that follows symbolic links only as long as they stay inside the
// folder. A link that leads elsewhere on the computer is an error naming
// the link, so nothing from outside the workbook is ever published or
// served, however the folder was put together.
//
// This package is the one owner of that rule; everything that reads the
// workbook gets its files from an FS.
package folder

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// ErrOutside is the cause (see errors.Is) of the error for a symbolic link
// that leads outside the workbook folder.
var ErrOutside = errors.New("symbolic link leads outside the workbook folder")

// FS is the workbook folder root as an fs.FS. Each name is checked before
// it is read: when one of its parts is a symbolic link that leads outside
// root, the read fails with a *diag.Error at the link's path, with cause
// ErrOutside. Links that stay inside count as what they lead to.
//
// An FS remembers which paths it has checked, or seen listed as plain
// files and folders, so reading a walked tree costs no more system calls
// than os.DirFS. Make a new FS for each build: a folder replaced by a link
// after it was checked would be trusted.
type FS struct {
	root string
	dir  fs.FS
	top  string // root with its own links resolved; "" when it cannot be

	mu sync.Mutex
	ok map[string]bool // paths checked, or listed as no link
}

// New returns the folder root as an FS.
func New(root string) *FS {
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	top, err := filepath.EvalSymlinks(root)
	if err != nil {
		top = ""
	}
	return &FS{root: root, dir: os.DirFS(root), top: top, ok: map[string]bool{".": true}}
}

// Open opens the named file, after checking its path (see FS).
func (f *FS) Open(name string) (fs.File, error) {
	if err := f.Check(name); err != nil {
		return nil, err
	}
	return f.dir.Open(name)
}

// ReadFile reads the named file, after checking its path (see FS).
func (f *FS) ReadFile(name string) ([]byte, error) {
	if err := f.Check(name); err != nil {
		return nil, err
	}
	return fs.ReadFile(f.dir, name)
}

// Stat describes the named file, following links (see FS).
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	if err := f.Check(name); err != nil {
		return nil, err
	}
	return fs.Stat(f.dir, name)
}

// Lstat describes the named file without following it when it is a
// link; its folder is checked (see FS).
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	if err := f.checkDir(name); err != nil {
		return nil, err
	}
	return fs.Lstat(f.dir, name)
}

// ReadLink returns the target of the symbolic link name, as written; its
// folder is checked (see FS).
func (f *FS) ReadLink(name string) (string, error) {
	if err := f.checkDir(name); err != nil {
		return "", err
	}
	return fs.ReadLink(f.dir, name)
}

// checkDir checks the folder that holds name.
func (f *FS) checkDir(name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	return f.Check(path.Dir(name))
}

// ReadDir lists the named folder. Entries that are no symbolic links are
// remembered as checked.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.Check(name); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(f.dir, name)
	f.mu.Lock()
	for _, en := range entries {
		if en.Type()&fs.ModeSymlink == 0 {
			f.ok[path.Join(name, en.Name())] = true
		}
	}
	f.mu.Unlock()
	return entries, err
}

// Check returns an error when a part of name (a slash-separated path
// relative to the folder) is a symbolic link that leads outside it. A
// missing file is no error here: reading it reports that.
func (f *FS) Check(name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	// Start after the longest part already known to be fine.
	start := len(name)
	for start > 0 && !f.known(name[:start]) {
		start = max(strings.LastIndexByte(name[:start], '/'), 0)
	}
	for start < len(name) {
		from := start
		if start > 0 {
			from++ // past the slash
		}
		end := len(name)
		if i := strings.IndexByte(name[from:], '/'); i >= 0 {
			end = from + i
		}
		part := name[:end]
		fi, err := os.Lstat(f.path(part))
		if err != nil {
			return nil
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			if err := f.linkInside(part); err != nil {
				return err
			}
		}
		f.mu.Lock()
		f.ok[part] = true
		f.mu.Unlock()
		start = end
	}
	return nil
}

func (f *FS) known(name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ok[name]
}

func (f *FS) path(name string) string { return filepath.Join(f.root, filepath.FromSlash(name)) }

// linkInside returns an error when the symbolic link at name leads outside
// the folder. A link that leads nowhere is left for the read to report.
func (f *FS) linkInside(name string) error {
	real, err := filepath.EvalSymlinks(f.path(name))
	if err != nil {
		return nil
	}
	if f.top != "" && inside(f.top, real) {
		return nil
	}
	to, _ := os.Readlink(f.path(name))
	return &diag.Error{Pos: diag.Pos{File: name}, Err: ErrOutside,
		Msg: "symbolic link leads outside the workbook folder (to " + to + "); copy the file into the workbook instead"}
}

// IsFile reports whether the entry d at path p, found by walking fsys, is a
// file to read: a regular file, or a symbolic link to one, which counts as
// that file. Links to folders are not followed, so a link cannot make a
// walk loop, and a link that leads nowhere is no file. A link that fsys
// refuses to follow (see FS) is an error.
func IsFile(fsys fs.FS, p string, d fs.DirEntry) (bool, error) {
	if d.Type().IsRegular() {
		return true, nil
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false, nil
	}
	fi, err := fs.Stat(fsys, p)
	if errors.Is(err, ErrOutside) {
		return false, err
	}
	return err == nil && fi.Mode().IsRegular(), nil
}

// inside reports whether path lies inside folder dir.
func inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
