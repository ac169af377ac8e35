package watch

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestApply(t *testing.T) {
	st := func(size int64) fileStat { return fileStat{size: size, mtime: 1, mode: 0o644} }
	tests := []struct {
		name    string
		before  index
		roots   []string
		snap    index
		touched []string
		want    string
	}{
		{
			name:   "folder removed: every file under it",
			before: index{"c/x/a.md": st(1), "c/x/y/b.md": st(1), "c/z.md": st(1)},
			roots:  []string{"c/x"},
			snap:   index{},
			want:   "removed c/x/a.md\nremoved c/x/y/b.md",
		},
		{
			name:   "folder created: every file in it",
			before: index{"c/z.md": st(1)},
			roots:  []string{"c/new"},
			snap:   index{"c/new/a.md": st(1), "c/new/d/b.md": st(2)},
			want:   "created c/new/a.md\ncreated c/new/d/b.md",
		},
		{
			name:   "rescan of a known folder reports only real changes",
			before: index{"c/a.md": st(1), "c/b.md": st(1)},
			roots:  []string{"c"},
			snap:   index{"c/a.md": st(1), "c/b.md": st(2)},
			want:   "modified c/b.md",
		},
		{
			name:    "event on a file with an unchanged stat still counts",
			before:  index{"c/a.md": st(1)},
			roots:   []string{"c/a.md"},
			snap:    index{"c/a.md": st(1)},
			touched: []string{"c/a.md"},
			want:    "modified c/a.md",
		},
		{
			name:   "paths outside the roots are left alone",
			before: index{"c/a.md": st(1), "t/page.html": st(1)},
			roots:  []string{"c/a.md"},
			snap:   index{},
			want:   "removed c/a.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			roots, touched := make(map[string]bool), make(map[string]bool)
			for _, r := range tt.roots {
				roots[r] = true
			}
			for _, r := range tt.touched {
				touched[r] = true
			}
			ix := tt.before
			got := format(coalesce(ix.apply(roots, tt.snap, touched)))
			if got != tt.want {
				t.Fatalf("apply(roots %q):\ngot:\n%s\nwant:\n%s", tt.roots, got, tt.want)
			}
			for p := range tt.snap {
				if _, ok := ix[p]; !ok {
					t.Errorf("index lacks %s after apply", p)
				}
			}
		})
	}
}

func TestDiffers(t *testing.T) {
	base := fileStat{size: 4, mtime: 100, mode: 0o644}
	hashed := func(st fileStat, sum uint64) fileStat { st.sum, st.hashed = sum, true; return st }
	with := func(f func(*fileStat)) fileStat { st := base; f(&st); return st }
	tests := []struct {
		name     string
		old, new fileStat
		want     bool
	}{
		{"same", base, base, false},
		{"size", base, with(func(s *fileStat) { s.size = 5 }), true},
		{"mtime by a nanosecond", base, with(func(s *fileStat) { s.mtime = 101 }), true},
		{"mode", base, with(func(s *fileStat) { s.mode = 0o755 }), true},
		{"same content hash", hashed(base, 7), hashed(base, 7), false},
		{"other content, same size and time", hashed(base, 7), hashed(base, 8), true},
		{"hash on one side only", hashed(base, 7), base, false},
	}
	for _, tt := range tests {
		if got := tt.old.differs(tt.new); got != tt.want {
			t.Errorf("%s: %+v.differs(%+v) = %v, want %v", tt.name, tt.old, tt.new, got, tt.want)
		}
	}
}

// TestPollSeesSameSecondSameSizeEdit writes a file twice with the same size
// and gives both versions the very same modification time, as a file system
// with coarse time stamps would: only the content hash can tell them apart.
func TestPollSeesSameSecondSameSizeEdit(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "content", "a.md")
	writeFile(t, file, "aaaa")
	stamp := time.Now().Truncate(time.Second)
	setTime(t, file, stamp)
	w, err := New(Options{Root: root, Dirs: []string{"content"}, Poll: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	writeFile(t, file, "bbbb")
	setTime(t, file, stamp)
	got := format(coalesce(w.pollOnce(time.Now())))
	if got != "modified content/a.md" {
		t.Fatalf("poll after same-size edit with the same time stamp: got %q, want %q", got, "modified content/a.md")
	}
	if got := w.pollOnce(time.Now()); len(got) != 0 {
		t.Fatalf("second poll without edits: got %q, want nothing", format(got))
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func setTime(t *testing.T, path string, at time.Time) {
	t.Helper()
	if err := os.Chtimes(path, at, at); err != nil {
		t.Fatal(err)
	}
}
