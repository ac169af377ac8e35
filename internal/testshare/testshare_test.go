package testshare

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runner is a Runner that runs run.
type runner func() int

func (r runner) Run() int { return r() }

// TestOneIsMadeOnceAndClosedAfter makes the T on the first Get only, hands
// every Get the same, closes it once after the tests and returns their
// exit code; outside Sharing, Get says how to use it.
func TestOneIsMadeOnceAndClosedAfter(t *testing.T) {
	var made, closed []int
	one := New("footest", func(v int) { closed = append(closed, v) })
	start := func() (int, error) {
		made = append(made, 7)
		return 7, nil
	}
	code := one.Sharing(runner(func() int {
		for range 3 {
			if v, err := one.Get(start); v != 7 || err != nil {
				t.Errorf("Get = %d, %v; want 7", v, err)
			}
		}
		if len(closed) != 0 {
			t.Errorf("closed while the tests run")
		}
		return 3
	})).Run()
	if code != 3 || len(made) != 1 || len(closed) != 1 || closed[0] != 7 {
		t.Errorf("exit %d, made %v, closed %v; want exit 3, made once and closed once", code, made, closed)
	}
	_, err := one.Get(start)
	if err == nil || !strings.Contains(err.Error(), "footest.Tab needs the package's TestMain to run the tests through footest.Sharing") {
		t.Errorf("Get after Sharing: %v; want the advice to use footest.Sharing", err)
	}
}

// TestOneThatFailedIsNotClosed returns start's error to every Get, tries
// once, and closes nothing.
func TestOneThatFailedIsNotClosed(t *testing.T) {
	tries := 0
	one := New("footest", func(string) { t.Error("closed a thing that was never made") })
	one.Sharing(runner(func() int {
		for range 2 {
			if _, err := one.Get(func() (string, error) { tries++; return "", errors.New("no browser") }); err == nil || err.Error() != "no browser" {
				t.Errorf("Get: %v; want start's error", err)
			}
		}
		return 0
	})).Run()
	if tries != 1 {
		t.Errorf("start ran %d times; want once", tries)
	}
}

// TestRemoveAll removes a folder with files in it.
func TestRemoveAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "profile")
	if err := os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "b", "c"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
}
