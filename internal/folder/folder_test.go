package folder

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// tree makes a workbook folder and a folder beside it, with the files and
// symbolic links given (paths from the parent of both), and returns the
// workbook folder.
func tree(t *testing.T, files map[string]string, links map[string]string) string {
	t.Helper()
	top := t.TempDir()
	for name, data := range files {
		full := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range links {
		full := filepath.Join(top, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.FromSlash(target), full); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return filepath.Join(top, "wb")
}

func TestLinksOutsideAreErrorsAtTheLink(t *testing.T) {
	root := tree(t, map[string]string{
		"secret.txt":              "not for the web\n",
		"elsewhere/style.css":     "body{}\n",
		"wb/praxis.yaml":          "title: A\n",
		"wb/shared/inside.css":    "p{}\n",
		"wb/themes/default/a.css": "a{}\n",
	}, map[string]string{
		"wb/themes/default/secret.txt": "../../../secret.txt",
		"wb/themes/default/inside.css": "../../shared/inside.css",
		"wb/themes/mine":               "../../elsewhere",
		"wb/themes/shared":             "../shared",
		"wb/templates/base.html":       "/etc/hostname",
		"wb/content/gone.md":           "nowhere.md",
	})
	fsys := New(root)
	outside := map[string]string{
		"themes/default/secret.txt": "themes/default/secret.txt: symbolic link leads outside the workbook folder (to ../../../secret.txt); copy the file into the workbook instead",
		"themes/mine/style.css":     "themes/mine: symbolic link leads outside the workbook folder (to ../../elsewhere); copy the file into the workbook instead",
		"templates/base.html":       "templates/base.html: symbolic link leads outside the workbook folder (to /etc/hostname); copy the file into the workbook instead",
	}
	for name, want := range outside {
		_, err := fsys.ReadFile(name)
		var de *diag.Error
		if !errors.As(err, &de) || !errors.Is(err, ErrOutside) || err.Error() != want {
			t.Errorf("ReadFile(%q): got %v, want %s", name, err, want)
		}
		if _, err := fsys.Stat(name); !errors.Is(err, ErrOutside) {
			t.Errorf("Stat(%q): got %v, want ErrOutside", name, err)
		}
		if _, err := fsys.Open(name); !errors.Is(err, ErrOutside) {
			t.Errorf("Open(%q): got %v, want ErrOutside", name, err)
		}
	}
	if _, err := fsys.ReadDir("themes/mine"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadDir(themes/mine): got %v, want ErrOutside", err)
	}
	for name, want := range map[string]string{
		"praxis.yaml":                "title: A\n",
		"themes/default/a.css":       "a{}\n",
		"themes/default/inside.css":  "p{}\n",
		"themes/shared/inside.css":   "p{}\n",
		"content/gone.md":            "",
		"content/missing/nothing.md": "",
	} {
		got, err := fsys.ReadFile(name)
		if errors.Is(err, ErrOutside) || (want != "" && (err != nil || string(got) != want)) {
			t.Errorf("ReadFile(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	if _, err := fsys.ReadFile("content/gone.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a link that leads nowhere: got %v, want not found", err)
	}
}

// TestWalkedFilesAreChecked makes sure that a file listed by ReadDir is
// remembered only when it is no link, so reading a listed link still checks it.
func TestWalkedFilesAreChecked(t *testing.T) {
	root := tree(t, map[string]string{
		"secret.txt":            "x",
		"wb/content/ch/page.md": "# Page\n",
	}, map[string]string{"wb/content/ch/secret.md": "../../../secret.txt"})
	fsys := New(root)
	var read, refused []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, err := fsys.ReadFile(p); errors.Is(err, ErrOutside) {
			refused = append(refused, p)
		} else if err == nil {
			read = append(read, p)
		}
		return nil
	})
	if err != nil || len(read) != 1 || read[0] != "content/ch/page.md" || len(refused) != 1 || refused[0] != "content/ch/secret.md" {
		t.Fatalf("read %v, refused %v, err %v; want page.md read and secret.md refused", read, refused, err)
	}
}

func TestRootReachedThroughALink(t *testing.T) {
	real := tree(t, map[string]string{"wb/content/a.md": "# A\n"}, map[string]string{"wb/content/b.md": "a.md"})
	via := filepath.Join(t.TempDir(), "via")
	if err := os.Symlink(real, via); err != nil {
		t.Skip(err)
	}
	fsys := New(via)
	if b, err := fsys.ReadFile("content/b.md"); err != nil || string(b) != "# A\n" {
		t.Fatalf("got %q, %v; want a link inside a folder reached through a link to be read", b, err)
	}
}

func TestInvalidNames(t *testing.T) {
	fsys := New(t.TempDir())
	for _, name := range []string{"../x", "/etc/passwd", "a/../../x", ""} {
		if _, err := fsys.ReadFile(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("ReadFile(%q): got %v, want invalid", name, err)
		}
	}
}

func TestIsAnFS(t *testing.T) {
	root := tree(t, map[string]string{"wb/praxis.yaml": "title: A\n", "wb/content/ch/a.md": "# A\n"},
		map[string]string{"wb/content/ch/b.md": "a.md"})
	if err := fstest.TestFS(New(root), "praxis.yaml", "content/ch/a.md", "content/ch/b.md"); err != nil {
		t.Fatal(err)
	}
}
