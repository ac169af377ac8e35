package txtartest

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUnpack writes each file of an archive, in folders made as needed,
// with its bytes as the archive holds them.
func TestUnpack(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "site.txtar")
	text := "a comment\n-- praxis.yaml --\ntitle: T\n-- content/1-a/page.md --\n# Page\n"
	if err := os.WriteFile(archive, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	root := Unpack(t, archive)
	for name, want := range map[string]string{"praxis.yaml": "title: T\n", "content/1-a/page.md": "# Page\n"} {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	entries, err := os.ReadDir(root)
	if err != nil || len(entries) != 2 {
		t.Errorf("the folder holds %v (%v); want praxis.yaml and content/ only", entries, err)
	}
}
