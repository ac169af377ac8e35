package scaffold

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Ejected is a file Eject copies: its path in the workbook and its bytes.
type Ejected struct {
	Path string // slash-separated, from the workbook folder
	Data []byte
}

// EjectFiles lists what copying the theme built into praxis (defaults'
// themes/default/) into the workbook's themes/name/ writes, and with
// templates set also the layouts (templates/*.html, not the scaffolds).
func EjectFiles(defaults fs.FS, name string, templates bool) ([]Ejected, error) {
	var out []Ejected
	add := func(dir, to string, keep func(string) bool) error {
		return fs.WalkDir(defaults, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				if d != nil && d.IsDir() && p != dir && !keep(p) {
					return fs.SkipDir
				}
				return err
			}
			if !keep(p) {
				return nil
			}
			data, err := fs.ReadFile(defaults, p)
			out = append(out, Ejected{Path: path.Join(to, strings.TrimPrefix(p, dir+"/")), Data: data})
			return err
		})
	}
	if err := add("themes/default", "themes/"+name, func(string) bool { return true }); err != nil {
		return nil, err
	}
	if templates {
		err := add("templates", "templates", func(p string) bool { return path.Dir(p) == "templates" && path.Ext(p) == ".html" })
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Existing lists the files of files that already exist under root.
func Existing(root string, files []Ejected) []string {
	var there []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.Path))); err == nil {
			there = append(there, f.Path)
		}
	}
	return there
}

// WriteAll creates every file of files under root, each exclusively
// (see Create), and stops at the first that fails.
func WriteAll(root string, files []Ejected) error {
	for _, f := range files {
		if err := Create(filepath.Join(root, filepath.FromSlash(f.Path)), f.Data); err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	return nil
}
