package watch

import (
	"slices"
	"strings"
	"testing"
)

func TestIsEditorTemp(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"session.md", false},
		{"praxis.yaml", false},
		{"notes.md~", true},
		{".notes.md.swp", true},
		{".notes.md.swx", true},
		{"notes.md.swo", true},
		{"4913", true},
		{"5036", true},
		{".#notes.md", true},
		{"#notes.md#", true},
		{"#", false},
		{".DS_Store", true},
		{"notes.md___jb_tmp___", true},
		{"notes.md___jb_old___", true},
		{"notes.md.crswap", true},
		{"notes.md.tmp", true},
		{"NOTES.TMP", true},
		{"v2.md", false},
		{"2024-review.md", false},
		{"tmp.md", false},
	}
	for _, tt := range tests {
		if got := isEditorTemp(tt.name); got != tt.want {
			t.Errorf("isEditorTemp(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestClassify(t *testing.T) {
	s, err := newScope([]string{"content", "themes/plain"}, []string{"praxis.yaml", "config/site.yaml"},
		func(rel string) bool { return rel == "content/drafts" })
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rel   string
		isDir bool
		want  class
	}{
		{"", true, ancestor},
		{"content", true, inTree},
		{"content/a.md", false, inTree},
		{"content/part/a.md", false, inTree},
		{"content/.git", true, outside},
		{"content/.hidden/a.md", false, outside},
		{"content/a.md.swp", false, outside},
		{"content/drafts", true, outside},
		{"content/drafts/a.md", false, outside},
		{"contents/a.md", false, outside},
		{"themes", true, ancestor},
		{"themes/plain/style.css", false, inTree},
		{"themes/other", true, outside},
		{"praxis.yaml", false, listed},
		{"praxis.yaml", true, outside},
		{"config", true, ancestor},
		{"config/site.yaml", false, listed},
		{"config/other.yaml", false, outside},
		{"public", true, outside},
		{"README.md", false, outside},
	}
	for _, tt := range tests {
		if got := s.classify(tt.rel, tt.isDir); got != tt.want {
			t.Errorf("classify(%q, dir=%v) = %d, want %d", tt.rel, tt.isDir, got, tt.want)
		}
	}
}

func TestClassifyWholeRoot(t *testing.T) {
	s, err := newScope([]string{"."}, nil, func(rel string) bool { return rel == "public" })
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rel   string
		isDir bool
		want  class
	}{
		{"", true, inTree},
		{"a.md", false, inTree},
		{".git", true, outside},
		{"public", true, outside},
		{"public/index.html", false, outside},
		{"content/public/x.md", false, inTree},
	}
	for _, tt := range tests {
		if got := s.classify(tt.rel, tt.isDir); got != tt.want {
			t.Errorf("classify(%q, dir=%v) = %d, want %d", tt.rel, tt.isDir, got, tt.want)
		}
	}
}

func TestNewScopeRejectsPathsOutsideRoot(t *testing.T) {
	tests := []struct {
		dirs, files []string
		want        string
	}{
		{[]string{"../x"}, nil, "not a path inside the site root"},
		{[]string{"/abs"}, nil, "not a path inside the site root"},
		{nil, []string{"."}, "is a folder, not a file"},
	}
	for _, tt := range tests {
		_, err := newScope(tt.dirs, tt.files, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("newScope(%q, %q) error = %v, want one containing %q", tt.dirs, tt.files, err, tt.want)
		}
	}
}

func TestTopmost(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{[]string{"a/b.md"}, []string{"a/b.md"}},
		{[]string{"a", "a/b.md", "a/c/d.md", "ab.md"}, []string{"a", "ab.md"}},
		{[]string{"", "a", "b/c"}, []string{""}},
		{[]string{"x/y/z", "x"}, []string{"x"}},
	}
	for _, tt := range tests {
		set := make(map[string]bool)
		for _, p := range tt.in {
			set[p] = true
		}
		var got []string
		for p := range topmost(set) {
			got = append(got, p)
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("topmost(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		p, dir string
		want   bool
	}{
		{"a/b", "a", true},
		{"a", "a", true},
		{"ab", "a", false},
		{"a", "a/b", false},
		{"anything", "", true},
	}
	for _, tt := range tests {
		if got := within(tt.p, tt.dir); got != tt.want {
			t.Errorf("within(%q, %q) = %v, want %v", tt.p, tt.dir, got, tt.want)
		}
	}
}
