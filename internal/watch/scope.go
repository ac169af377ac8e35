package watch

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// class says what a path under the root is to the Watcher.
type class uint8

const (
	outside  class = iota // not a source: never reported or entered
	ancestor              // a folder above a watched folder or file, watched for its creation
	inTree                // a file or folder inside one of Options.Dirs
	listed                // one of Options.Files
)

// scope decides which paths under the root are sources. All paths are
// relative to the root with forward slashes; "" is the root itself.
type scope struct {
	dirs   []string
	files  []string
	ignore func(rel string) bool
}

// newScope cleans the Dirs and Files of Options; "." or "" in dirs means the
// whole root.
func newScope(dirs, files []string, ignore func(string) bool) (scope, error) {
	s := scope{ignore: ignore}
	for _, d := range dirs {
		c, err := cleanRel(d)
		if err != nil {
			return scope{}, err
		}
		s.dirs = append(s.dirs, c)
	}
	for _, f := range files {
		c, err := cleanRel(f)
		if err != nil {
			return scope{}, err
		}
		if c == "" {
			return scope{}, fmt.Errorf("watch: %q is a folder, not a file; list it in Dirs", f)
		}
		s.files = append(s.files, c)
	}
	return s, nil
}

// cleanRel turns a path relative to the root into the slash form used
// throughout the package, rejecting paths that leave the root.
func cleanRel(p string) (string, error) {
	c := path.Clean(filepath.ToSlash(p))
	if c == "." {
		return "", nil
	}
	if !filepath.IsLocal(filepath.FromSlash(c)) {
		return "", fmt.Errorf("watch: %q is not a path inside the site root", p)
	}
	return c, nil
}

// classify says what rel is, given whether it is a folder.
func (s *scope) classify(rel string, isDir bool) class {
	if !isDir && slices.Contains(s.files, rel) {
		return listed
	}
	for _, d := range s.dirs {
		if within(rel, d) {
			if s.skipped(rel, d) {
				return outside
			}
			return inTree
		}
	}
	if isDir && s.isAncestor(rel) {
		return ancestor
	}
	return outside
}

// relevant reports whether rel may be a source or lead to one, for an event
// about a path that may no longer exist, so whether it is a folder is unknown.
func (s *scope) relevant(rel string) bool {
	return s.classify(rel, true) != outside || s.classify(rel, false) != outside
}

// isAncestor reports whether rel is a folder strictly above a watched one.
func (s *scope) isAncestor(rel string) bool {
	above := func(p string) bool { return p != rel && within(p, rel) }
	return slices.ContainsFunc(s.dirs, above) || slices.ContainsFunc(s.files, above)
}

// skipped reports whether rel, inside the watched folder d, is hidden, an
// editor's temporary file or ignored by Options.Ignore, either itself or
// through one of the folders between d and rel. The watched folder itself is
// never skipped: listing it is explicit.
func (s *scope) skipped(rel, d string) bool {
	rest := strings.TrimPrefix(rel[len(d):], "/")
	if rest == "" {
		return false
	}
	if isEditorTemp(path.Base(rel)) {
		return true
	}
	prefix := d
	for seg := range strings.SplitSeq(rest, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
		prefix = path.Join(prefix, seg)
		if s.ignore != nil && s.ignore(prefix) {
			return true
		}
	}
	return false
}

// isEditorTemp reports whether a file name is one that editors write next to
// the file being edited: swap, lock, backup and atomic-save temporary files.
func isEditorTemp(name string) bool {
	lower := strings.ToLower(name)
	for _, suffix := range []string{
		"~",                    // vim and emacs backups
		".swp", ".swo", ".swx", // vim swap files and vim's swap probe
		".tmp", ".crswap", // generic temporaries, Chromium's File System Access
		"___jb_tmp___", "___jb_old___", // JetBrains "safe write"
	} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	switch {
	case name == ".DS_Store", strings.HasPrefix(name, ".#"): // macOS Finder, emacs locks
		return true
	case len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#': // emacs auto-save
		return true
	}
	return allDigits(name) // vim's writability probe "4913" (then 5036, 5159, …)
}

// allDigits reports whether name is non-empty and made of ASCII digits only.
func allDigits(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// within reports whether p is dir or inside it; every path is inside "".
func within(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir) && p[len(dir)] == '/'
}

// parent returns the folder containing rel; the parent of a top-level name
// is "" and "" has none, reported by ok == false.
func parent(rel string) (dir string, ok bool) {
	if rel == "" {
		return "", false
	}
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i], true
	}
	return "", true
}

// covered reports whether p or one of the folders above it is in roots.
func covered(p string, roots map[string]bool) bool {
	for ok := true; ok; p, ok = parent(p) {
		if roots[p] {
			return true
		}
	}
	return false
}

// topmost returns the paths of set that are not inside another path of set:
// scanning those covers all of them.
func topmost(set map[string]bool) map[string]bool {
	top := make(map[string]bool, len(set))
	for p := range set {
		if dir, ok := parent(p); !ok || !covered(dir, set) {
			top[p] = true
		}
	}
	return top
}
