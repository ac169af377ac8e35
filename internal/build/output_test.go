package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	writeWith(t, Options{Root: root, Defaults: praxis.Defaults})
	got, err := os.Stat(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.Stat(ref)
	if got.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("public/ has mode %v, want %v (0755 less the umask)", got.Mode().Perm(), want.Mode().Perm())
	}
}

// TestWriteKeepsUnchangedFiles checks that a second build links the files
// whose bytes did not change to the first build's, so they keep their
// modification time, and writes the others anew.
func TestWriteKeepsUnchangedFiles(t *testing.T) {
	root := t.TempDir()
	write := (&liveSite{t: t, root: root}).write
	write("content/_index.md", "# Home\n")
	write("content/1-a/_index.md", "# One\n")
	write("content/1-a/p.md", "# P\n\nFirst words.\n")
	write("content/1-a/q.md", "# Q\n\nOther words.\n")
	build := func() {
		t.Helper()
		writeWith(t, Options{Root: root, Defaults: praxis.Defaults, Now: fixedNow})
	}
	build()
	stat := func(rel string) os.FileInfo {
		t.Helper()
		fi, err := os.Stat(filepath.Join(root, "public", filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	q, p := stat("1-a/q/index.html"), stat("1-a/p/index.html")
	write("content/1-a/p.md", "# P\n\nFirst words, changed.\n")
	build()
	if !os.SameFile(q, stat("1-a/q/index.html")) {
		t.Errorf("the unchanged page 1-a/q/index.html was written again")
	}
	if os.SameFile(p, stat("1-a/p/index.html")) {
		t.Errorf("the changed page 1-a/p/index.html was not written again")
	}
	data, err := os.ReadFile(filepath.Join(root, "public", "1-a", "p", "index.html"))
	if err != nil || !strings.Contains(string(data), "First words, changed.") {
		t.Errorf("1-a/p/index.html after the change: %v, %.80q", err, data)
	}
}

// TestWriteReusesUnchangedSteps checks that with a cache folder a build
// renders only the pages whose inputs changed since the last build into the
// same folder, links the rest, and still writes what a clean build writes;
// a page edited by hand in the output, or a template change, is rendered
// again.
func TestWriteReusesUnchangedSteps(t *testing.T) {
	root := t.TempDir()
	write := (&liveSite{t: t, root: root}).write
	write("content/_index.md", "# Home\n")
	write("content/1-a/_index.md", "# One\n")
	write("content/1-a/p.md", "# P\n\nFirst words. See [Q](q.md).\n")
	write("content/1-a/q.md", "# Q\n\n::: prompt {#q1}\nWhy?\n:::\n")
	cache := t.TempDir()
	build := func(out string) []string {
		t.Helper()
		var log strings.Builder
		writeWith(t, Options{Root: root, Output: out, Defaults: praxis.Defaults, Now: fixedNow, CacheDir: cache, Log: &log})
		var rendered []string
		for _, line := range strings.Split(strings.TrimSpace(log.String()), "\n") {
			if src, _, ok := strings.Cut(strings.TrimSpace(line), " → "); ok {
				rendered = append(rendered, src)
			}
		}
		return rendered
	}
	out := filepath.Join(root, "public")
	all := []string{"content/_index.md", "content/1-a/_index.md", "content/1-a/p.md", "content/1-a/q.md"}
	steps := []struct {
		name   string
		change func()
		want   []string
	}{
		{"first build", func() {}, all},
		{"nothing changed", func() {}, nil},
		{"a page's text", func() { write("content/1-a/p.md", "# P\n\nOther words. See [Q](q.md).\n") }, []string{"content/1-a/p.md"}},
		{"a prompt shown elsewhere", func() { write("content/1-a/p.md", "# P\n\nSee [](prompt:q1).\n") }, []string{"content/1-a/p.md"}},
		{"the prompt's text", func() { write("content/1-a/q.md", "# Q\n\n::: prompt {#q1}\nWhy not?\n:::\n") },
			[]string{"content/1-a/p.md", "content/1-a/q.md"}},
		{"a page edited in the output", func() {
			f := filepath.Join(out, "1-a", "q", "index.html")
			data, _ := os.ReadFile(f)
			if err := os.Remove(f); err != nil { // a new file, as editors write
				t.Fatal(err)
			}
			if err := os.WriteFile(f, append(data, "<!-- by hand -->"...), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/1-a/q.md"}},
		{"a template", func() { write("templates/404.html", `{{define "main"}}<p>Nothing here.</p>{{end}}`) }, all},
	}
	for _, step := range steps {
		step.change()
		if got := build(out); !slices.Equal(got, step.want) {
			t.Errorf("%s: rendered %q, want %q", step.name, got, step.want)
		}
		clean := filepath.Join(t.TempDir(), "clean")
		writeWith(t, Options{Root: root, Output: clean, Defaults: praxis.Defaults, Now: fixedNow})
		sameTree(t, step.name, out, clean)
	}
}

// sameTree fails the test unless folders a and b hold the same files with
// the same bytes.
func sameTree(t *testing.T, what, a, b string) {
	t.Helper()
	files := func(root string) map[string]string {
		m := map[string]string{}
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(root, p)
				m[rel] = string(data)
			}
			return nil
		})
		return m
	}
	fa, fb := files(a), files(b)
	for name, data := range fb {
		if fa[name] != data {
			t.Errorf("%s: %s differs from a clean build", what, name)
		}
	}
	if len(fa) != len(fb) {
		t.Errorf("%s: %d files, a clean build has %d", what, len(fa), len(fb))
	}
}

// writeWith builds the workbook opts name into its output folder, as praxis
// build does.
func writeWith(t *testing.T, opts Options) {
	t.Helper()
	opts.Defaults = praxis.Defaults
	b := New(opts)
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Write(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
}
