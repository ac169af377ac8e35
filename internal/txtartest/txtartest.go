// Package txtartest unpacks txtar archives, the one-file form of the small
// workbooks that tests build (see golang.org/x/tools/txtar).
package txtartest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// Unpack writes the files of the txtar archive file into a new folder
// under t.TempDir() and returns the folder. It fails the test when the
// archive cannot be read or a file cannot be written.
func Unpack(t testing.TB, file string) string {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, f := range ar.Files {
		full := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}
