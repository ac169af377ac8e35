package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/praxis-workbooks/praxis"
)

func TestWithin(t *testing.T) {
	dir := filepath.FromSlash("/w/content")
	tests := []struct {
		path string
		want bool
	}{
		{"/w/content/public", true},
		{"/w/content/..pub", true},
		{"/w/content/a/..", false},
		{"/w/content", false},
		{"/w", false},
		{"/w/..pub", false},
		{"/w/contents", false},
	}
	for _, tt := range tests {
		if got := within(filepath.FromSlash(tt.path), dir); got != tt.want {
			t.Errorf("within(%q, %q) = %v, want %v", tt.path, dir, got, tt.want)
		}
	}
}

// TestWriteOutputFolderMode checks that the output folder can be read by
// others, as any folder made with os.MkdirAll: the temporary folder it
// starts as must not keep os.MkdirTemp's owner-only mode.
func TestWriteOutputFolderMode(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content", "_index.md"), []byte("# Home\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(root, "ref")
	if err := os.Mkdir(ref, 0o755); err != nil {
		t.Fatal(err)
	}
	b := New(Options{Root: root, Defaults: praxis.Defaults})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Write(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	got, err := os.Stat(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.Stat(ref)
	if got.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("public/ has mode %v, want %v (0755 less the umask)", got.Mode().Perm(), want.Mode().Perm())
	}
}
