package layout

import (
	"errors"
	"io/fs"
	"path"
	"sort"

	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// Layers looks files up first in the workbook's own folder, then in the
// defaults built into praxis, so a coach overrides one template or one
// stylesheet by putting a file of the same name in their site.
type Layers struct {
	Site     fs.FS // the workbook's root folder
	Defaults fs.FS // praxis's embedded templates/ and themes/
	Theme    string
	// Words are the interface words the templates' t function gives;
	// nil means English.
	Words *i18n.Words
}

// ReadFile returns the first layer's copy of name and which layer had it
// ("site" or "defaults").
func (l Layers) ReadFile(name string) ([]byte, string, error) {
	if l.Site != nil {
		if b, err := fs.ReadFile(l.Site, name); err == nil {
			return b, "site", nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", err
		}
	}
	b, err := fs.ReadFile(l.Defaults, name)
	return b, "defaults", err
}

// themeDirs are the folders a theme file may come from, most specific first.
func (l Layers) themeDirs() []string {
	dirs := []string{path.Join("themes", l.Theme)}
	if l.Theme != "default" {
		dirs = append(dirs, "themes/default")
	}
	return dirs
}

// ThemeFiles lists the theme's files (paths relative to the theme folder),
// merged over all layers, sorted. A symbolic link counts as the file it
// leads to; links the site's file system refuses to follow (see
// folder.FS) are reported together in a diag.List.
func (l Layers) ThemeFiles() ([]string, error) {
	seen := map[string]bool{}
	var refused diag.List
	for _, dir := range l.themeDirs() {
		for _, fsys := range []fs.FS{l.Site, l.Defaults} {
			if fsys == nil {
				continue
			}
			err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					if errors.Is(err, fs.ErrNotExist) {
						return fs.SkipDir
					}
					return err
				}
				if d.Name()[0] == '.' && p != dir {
					return nil
				}
				if ok, err := folder.IsFile(fsys, p, d); err != nil {
					refused.Append(err)
				} else if ok {
					seen[p[len(dir)+1:]] = true
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
	}
	if err := refused.Err(); err != nil {
		return nil, err
	}
	var out []string
	for f := range seen {
		out = append(out, f)
	}
	sort.Strings(out)
	return out, nil
}

// ThemeFile reads one theme file through the layers.
func (l Layers) ThemeFile(name string) ([]byte, error) {
	var lastErr error
	for _, dir := range l.themeDirs() {
		b, _, err := l.ReadFile(path.Join(dir, name))
		if err == nil {
			return b, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// HasThemeFile reports whether the theme has the file name, in any layer.
func (l Layers) HasThemeFile(name string) bool {
	for _, dir := range l.themeDirs() {
		for _, fsys := range []fs.FS{l.Site, l.Defaults} {
			if fsys == nil {
				continue
			}
			if fi, err := fs.Stat(fsys, path.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
				return true
			}
		}
	}
	return false
}
