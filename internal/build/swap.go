package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// folderOps moves and removes whole folders for Write. Tests replace its
// functions to make one step fail, which file permissions cannot do when
// the tests run as root.
type folderOps struct {
	rename    func(from, to string) error
	exchange  func(a, b string) error // errNoExchange where the system cannot
	removeAll func(path string) error
}

// systemFolders returns the folderOps of the operating system.
func systemFolders() folderOps {
	return folderOps{rename: os.Rename, exchange: exchangeFolders, removeAll: os.RemoveAll}
}

// errNoExchange says the system cannot swap two folders in one step.
var errNoExchange = errors.New("exchanging two folders in one step is not supported here")

// Names of the folders Write makes beside the output folder: the new build
// while it is written, and the previous one while it is removed. Each ends
// in the same letters and digits of its own.
const (
	newPrefix = ".praxis-new-"
	oldPrefix = ".praxis-old-"
)

// swap puts the complete new build tmp in place of the output folder out
// and returns the folder that now holds the previous build, to be removed,
// or "" when there was none. Where the system can exchange two folders in
// one step (Linux), it does, so out is never missing; elsewhere it renames
// out aside first, and back when the new build cannot take its place. An
// error means out is as it was, unless it is a *SwapError.
func (b *Builder) swap(tmp, out string) (old string, err error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := b.folders.rename(tmp, out); err != nil {
			return "", fmt.Errorf("moving the new build into place: %w", err)
		}
		return "", nil
	}
	err = b.folders.exchange(tmp, out)
	if err == nil {
		return tmp, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", fmt.Errorf("replacing %s: %w", out, err)
	}
	old = filepath.Join(filepath.Dir(tmp), oldPrefix+strings.TrimPrefix(filepath.Base(tmp), newPrefix))
	if err := b.folders.rename(out, old); err != nil {
		return "", fmt.Errorf("replacing %s: %w", out, err)
	}
	if err := b.folders.rename(tmp, out); err != nil {
		if rerr := b.folders.rename(old, out); rerr != nil {
			return "", &SwapError{Out: out, Old: old, New: tmp, Err: err}
		}
		return "", fmt.Errorf("replacing %s: %w", out, err)
	}
	return old, nil
}

// SwapError is a swap that left the output folder missing: the previous
// build could not be put back after the new one failed to take its place.
type SwapError struct {
	Out, Old, New string
	Err           error
}

func (e *SwapError) Error() string {
	return fmt.Sprintf("replacing %s: %v; the previous build is in %s and the new one in %s (rename either to %s, or build again)",
		e.Out, e.Err, e.Old, e.New, filepath.Base(e.Out))
}

func (e *SwapError) Unwrap() error { return e.Err }

// LeftoverError is a folder of an earlier build that praxis could not
// remove beside the output folder. The build itself succeeded.
type LeftoverError struct {
	Dir string
	Err error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("could not remove %s, an earlier build of the output folder: %v; remove it yourself (the next build tries again)", e.Dir, e.Err)
}

func (e *LeftoverError) Unwrap() error { return e.Err }

// removeOld removes a folder of an earlier build, and returns a
// *LeftoverError when it cannot. It removes praxis's marker last, so that
// a folder it could not remove whole is still known as praxis's, and the
// next build tries again (see clearLeftovers).
func (b *Builder) removeOld(dir string) error {
	var entries []os.DirEntry
	fi, err := os.Lstat(dir)
	if err == nil && fi.IsDir() { // not a link to a folder, whose files are elsewhere
		entries, err = os.ReadDir(dir)
	}
	for _, en := range entries {
		if en.Name() != marker && err == nil {
			err = b.folders.removeAll(filepath.Join(dir, en.Name()))
		}
	}
	if err == nil {
		err = b.folders.removeAll(dir)
	}
	if err != nil {
		return &LeftoverError{Dir: dir, Err: err}
	}
	return nil
}

// clearLeftovers removes what builds into out that were interrupted left
// beside it: folders named like those swap makes, and holding praxis's
// marker. It returns a *LeftoverError for each it cannot remove.
func (b *Builder) clearLeftovers(out string) []error {
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		return nil
	}
	var errs []error
	for _, en := range entries {
		if !en.IsDir() || !isLeftover(en.Name(), filepath.Base(out)) {
			continue
		}
		dir := filepath.Join(filepath.Dir(out), en.Name())
		if fi, err := os.Lstat(filepath.Join(dir, marker)); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if err := b.removeOld(dir); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// isLeftover reports whether name is that of a folder a build into the
// output folder base makes beside it: ".praxis-new-public-k3x9a" or its
// ".praxis-old-" twin. Another output's, like public-2's
// ".praxis-new-public-2-k3x9a", is not: the letters and digits at the end
// hold no "-". (The "-old" folders of praxis before 2026-12 are left
// alone, since ".praxis-new-a-b-old" could be a-b's or a's.)
func isLeftover(name, base string) bool {
	for _, prefix := range []string{newPrefix, oldPrefix} {
		if rest, ok := strings.CutPrefix(name, prefix+base+"-"); ok {
			return rest != "" && strings.Trim(rest, "0123456789abcdefghijklmnopqrstuvwxyz") == ""
		}
	}
	return false
}
