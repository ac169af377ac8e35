package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis"
)

// twoWorkbooks writes two workbooks with pages at the same addresses but
// different words, and returns their folders.
func twoWorkbooks(t *testing.T) (a, b string) {
	t.Helper()
	var roots [2]string
	for i, words := range []string{"Apples", "Bananas"} {
		roots[i] = t.TempDir()
		write := (&liveSite{t: t, root: roots[i]}).write
		write("content/_index.md", "# Home of "+words+"\n")
		write("content/1-a/_index.md", "# One\n")
		for p := range 8 {
			write(fmt.Sprintf("content/1-a/p%d.md", p), fmt.Sprintf("# Page %d\n\n%s, page %d.\n", p, words, p))
		}
	}
	return roots[0], roots[1]
}

// TestOverlappingWritesLeaveNoStalePages builds two workbooks into one
// output folder at the same time, again and again, each with its own
// cache folder as praxis build has, and checks that afterwards a build of
// either is exactly a clean build of it: no build recorded the other's
// files as its own, so none keeps the other's pages.
func TestOverlappingWritesLeaveNoStalePages(t *testing.T) {
	a, b := twoWorkbooks(t)
	out := filepath.Join(t.TempDir(), "public")
	caches := map[string]string{a: t.TempDir(), b: t.TempDir()}
	opts := func(root string) Options {
		return Options{Root: root, Output: out, Defaults: praxis.Defaults, Now: fixedNow, CacheDir: caches[root]}
	}
	for range 20 {
		var wg sync.WaitGroup
		for _, root := range []string{a, b} {
			wg.Go(func() { writeWith(t, opts(root)) })
		}
		wg.Wait()
	}
	name := map[string]string{a: "Apples", b: "Bananas"}
	for _, root := range []string{a, b, a} {
		writeWith(t, opts(root))
		clean := filepath.Join(t.TempDir(), "clean")
		writeWith(t, Options{Root: root, Output: clean, Now: fixedNow})
		sameTree(t, "a build of "+name[root]+" after overlapping builds", out, clean)
	}
}

// TestWriteRecordsTheFilesItMade checks that a build records in its
// manifest the files it made, not what the output folder holds by the time
// it writes the manifest: a file replaced in between, as another build
// into the folder would, is rendered again by the next build.
func TestWriteRecordsTheFilesItMade(t *testing.T) {
	a, _ := twoWorkbooks(t)
	out := filepath.Join(t.TempDir(), "public")
	cache := t.TempDir()
	page := filepath.Join(out, "1-a", "p3", "index.html")
	b := New(Options{Root: a, Output: out, Defaults: praxis.Defaults, Now: fixedNow, CacheDir: cache})
	b.folders.exchange = func(x, y string) error {
		err := systemFolders().exchange(x, y)
		if err == nil { // the new build is in place: another one writes over it
			replaceKeepingTime(t, page, "Apples", "Quince")
		}
		return err
	}
	b.folders.rename = func(x, y string) error {
		err := systemFolders().rename(x, y)
		if err == nil && y == out {
			replaceKeepingTime(t, page, "Apples", "Quince")
		}
		return err
	}
	writeBuilder(t, b)
	writeWith(t, Options{Root: a, Output: out, Now: fixedNow, CacheDir: cache})
	clean := filepath.Join(t.TempDir(), "clean")
	writeWith(t, Options{Root: a, Output: clean, Now: fixedNow})
	sameTree(t, "the build after a file was replaced", out, clean)
}

// TestReuseChecksWhatFilesHold checks that a build links a file of the
// last build only when it holds what that build made: a page changed in
// place with its size and modification time kept is rendered again.
func TestReuseChecksWhatFilesHold(t *testing.T) {
	a, _ := twoWorkbooks(t)
	out := filepath.Join(t.TempDir(), "public")
	cache := t.TempDir()
	opts := Options{Root: a, Output: out, Now: fixedNow, CacheDir: cache}
	writeWith(t, opts)
	replaceKeepingTime(t, filepath.Join(out, "1-a", "p5", "index.html"), "Apples", "Quince")
	writeWith(t, opts)
	clean := filepath.Join(t.TempDir(), "clean")
	writeWith(t, Options{Root: a, Output: clean, Now: fixedNow})
	sameTree(t, "the build after a page was changed in place", out, clean)
}

// replaceKeepingTime replaces old with new, of the same length, in file,
// and gives it back its modification time.
func replaceKeepingTime(t *testing.T, file, old, new string) {
	t.Helper()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	changed := []byte(strings.Replace(string(data), old, new, 1))
	if len(changed) != len(data) || string(changed) == string(data) {
		t.Fatalf("replacing %q by %q in %s changes its size or nothing", old, new, file)
	}
	if err := os.WriteFile(file, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(file, time.Time{}, fi.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// TestWriteWaitsForAnotherBuild checks that a build into a folder another
// build is writing waits for it, says so once, and then builds; and that
// a build cancelled while it waits stops without writing.
func TestWriteWaitsForAnotherBuild(t *testing.T) {
	a, _ := twoWorkbooks(t)
	out := filepath.Join(t.TempDir(), "public")
	held, err := lockOutput(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan string, 2)
	done := make(chan error, 1)
	go func() {
		b := New(Options{Root: a, Output: out, Defaults: praxis.Defaults, Now: fixedNow,
			Waiting: func(dir string) { waiting <- dir }})
		cfg, err := b.LoadConfig()
		if err == nil {
			_, _, err = b.Write(context.Background(), cfg)
		}
		done <- err
	}()
	select {
	case dir := <-waiting:
		if dir != out {
			t.Errorf("waiting for a build into %s, want %s", dir, out)
		}
	case err := <-done:
		t.Fatalf("the build did not wait for the one holding the folder: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the waiting build wrote the output folder")
	}
	held.release()
	if err := <-done; err != nil {
		t.Fatalf("the build after the wait: %v", err)
	}
	if len(waiting) != 0 {
		t.Error("the build said more than once that it waits")
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the build after the wait wrote no site: %v", err)
	}

	held, err = lockOutput(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.release()
	ctx, cancel := context.WithCancel(context.Background())
	b := New(Options{Root: a, Output: out, Defaults: praxis.Defaults, Waiting: func(string) { cancel() }})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Write(ctx, cfg); err != context.Canceled {
		t.Errorf("a build cancelled while waiting returned %v, want context.Canceled", err)
	}
}

// writeBuilder writes the workbook of b into its output folder.
func writeBuilder(t *testing.T, b *Builder) {
	t.Helper()
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Write(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
}
