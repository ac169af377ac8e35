// Package cachetest keeps a package's tests away from the user's cache
// folder. praxis keeps highlighted code and build records in
// $PRAXIS_CACHE_DIR, or else in praxis/ under the user's cache folder
// (~/.cache/praxis); a test run must never write there.
//
// A package whose tests build workbooks runs them through [Main]
// (a *testing.M is a [Runner]):
//
//	func TestMain(m *testing.M) { os.Exit(cachetest.Main(m)) }
package cachetest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Runner runs a package's tests and returns their exit code: a
// [*testing.M], or a wrapper such as testscript's.
type Runner interface{ Run() int }

// Main runs the tests with the cache isolated (see [Isolate]) and returns
// the exit code for os.Exit: m.Run's, or 1 when a test wrote to the user's
// cache folder or the isolation could not be set up.
func Main(m Runner) int {
	check, cleanup, err := Isolate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "cachetest:", err)
		return 1
	}
	defer cleanup()
	code := m.Run()
	if err := check(); err != nil {
		fmt.Fprintln(os.Stderr, "cachetest:", err)
		return 1
	}
	return code
}

// Isolate points the process's cache folders at a fresh temporary folder:
// PRAXIS_CACHE_DIR at one subfolder, and the user's cache folder
// (XDG_CACHE_HOME, which os.UserCacheDir reads on Linux and the BSDs) at
// another, so that even code that ignored PRAXIS_CACHE_DIR could not reach
// the real one. check reports, as an error naming the files, anything
// written under praxis/ in that stand-in user cache folder: praxis's own
// cache must go where PRAXIS_CACHE_DIR or an explicit option says. cleanup
// removes the temporary folder.
func Isolate() (check func() error, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "praxis-test-cache-")
	if err != nil {
		return nil, nil, fmt.Errorf("making a temporary cache folder: %w", err)
	}
	cleanup = func() { _ = os.RemoveAll(dir) }
	user := filepath.Join(dir, "user")
	for name, value := range map[string]string{
		"PRAXIS_CACHE_DIR": filepath.Join(dir, "praxis"),
		"XDG_CACHE_HOME":   user,
	} {
		if err := os.Setenv(name, value); err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("setting %s: %w", name, err)
		}
	}
	check = func() error { return untouched(filepath.Join(user, "praxis")) }
	return check, cleanup, nil
}

// untouched returns an error listing the files under dir, or nil when dir
// does not exist.
func untouched(dir string) error {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	switch {
	case os.IsNotExist(err):
		return nil
	case err != nil:
		return fmt.Errorf("checking the user's cache folder: %w", err)
	case len(files) == 0:
		return fmt.Errorf("a test made %s, praxis's folder in the user's cache folder; tests must set PRAXIS_CACHE_DIR or Options.CacheDir", dir)
	}
	return fmt.Errorf("tests wrote %d files into the user's cache folder (%s, standing in for ~/.cache/praxis), such as %s; tests must set PRAXIS_CACHE_DIR or Options.CacheDir", len(files), dir, files[0])
}
