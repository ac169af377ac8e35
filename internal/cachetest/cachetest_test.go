package cachetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// TestIsolate checks that after Isolate praxis's cache folder is a
// temporary one, that the user's cache folder is too, and that check
// reports a file written into praxis/ of the user's cache folder.
func TestIsolate(t *testing.T) {
	for _, name := range []string{"PRAXIS_CACHE_DIR", "XDG_CACHE_HOME"} {
		t.Setenv(name, os.Getenv(name)) // restored when the test ends
	}
	check, cleanup, err := Isolate()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	tmp := os.TempDir()
	dir := markdown.CacheDir(os.Getenv, "site")
	if !strings.HasPrefix(dir, tmp) {
		t.Errorf("praxis's cache folder is %s, outside the temporary folder %s", dir, tmp)
	}
	user, err := os.UserCacheDir()
	if err != nil || !strings.HasPrefix(user, tmp) {
		t.Fatalf("the user's cache folder is %s (%v), outside the temporary folder %s", user, err, tmp)
	}
	if err := check(); err != nil {
		t.Errorf("before any write: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(user, "praxis", "0123"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := check(); err == nil {
		t.Error("check reported nothing after a test made praxis/ in the user's cache folder")
	}
	if err := os.WriteFile(filepath.Join(user, "praxis", "0123", "highlight"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := check(); err == nil || !strings.Contains(err.Error(), "highlight") {
		t.Errorf("check after a write into the user's cache folder = %v; want an error naming the file", err)
	}
	os.Unsetenv("PRAXIS_CACHE_DIR")
	if dir := markdown.CacheDir(os.Getenv, "site"); !strings.HasPrefix(dir, user) {
		t.Errorf("without PRAXIS_CACHE_DIR praxis's cache folder is %s, outside the stand-in user cache %s", dir, user)
	}
}
