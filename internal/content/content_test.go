package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestLoadOrdersChaptersAndPages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":           file("---\ntitle: Home\n---\nWelcome"),
		"content/about.md":            file("# About us\n"),
		"content/b-action/_index.md":  file("---\ntitle: Action\nweight: 1\n---\n"),
		"content/b-action/plan.md":    file("---\nweight: 2\n---\n# The plan\n"),
		"content/b-action/first.md":   file("---\nweight: 1\n---\n# First\n"),
		"content/a-insight/zeta.md":   file("---\ntitle: Zeta\n---\n"),
		"content/a-insight/alpha.md":  file("---\ntitle: Alpha\n---\n"),
		"content/a-insight/img.png":   file("PNG"),
		"content/a-insight/.hidden":   file("x"),
		"content/a-insight/_draft.md": file("x"),
		"content/a-insight/wip.md":    file("---\ndraft: true\n---\n"),
		"content/a-insight/fac.md":    file("---\nedition: facilitator\n---\n"),
	}
	wb, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range wb.Pages() {
		got = append(got, p.URL+"="+p.Meta.Title)
	}
	want := "=Home about/=About us a-insight/=A insight a-insight/alpha/=Alpha a-insight/zeta/=Zeta b-action/=Action b-action/first/=First b-action/plan/=The plan"
	if strings.Join(got, " ") != want {
		t.Errorf("reading order:\ngot  %s\nwant %s", strings.Join(got, " "), want)
	}
	if len(wb.Assets) != 1 || wb.Assets[0].URL != "a-insight/img.png" {
		t.Errorf("assets: got %+v", wb.Assets)
	}
	if wb.Chapters[0].Number != 1 || wb.Chapters[1].Title() != "Action" {
		t.Errorf("chapters: got %+v %+v", wb.Chapters[0], wb.Chapters[1])
	}
}

func TestLoadDraftsAndEditions(t *testing.T) {
	fsys := fstest.MapFS{
		"content/c/wip.md": file("---\ndraft: true\n---\n"),
		"content/c/fac.md": file("---\nedition: facilitator\n---\n"),
	}
	wb, err := Load(fsys, Options{Drafts: true, Edition: "facilitator"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(wb.Chapters[0].Pages); n != 2 {
		t.Errorf("got %d pages, want 2", n)
	}
}

func TestLoadReportsEveryError(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":             file("---\ntitel: x\n---\n"),
		"content/b.md":             file("---\nweight: x\n---\n"),
		"content/c/page.md":        file("# P\n"),
		"content/c/page/_index.md": file("# Q\n"),
		"content/d.md":             file("---\naliases: [c/page/]\n---\n"),
	}
	wb, err := Load(fsys, Options{})
	if err == nil {
		t.Fatal("want errors")
	}
	if wb == nil || len(wb.Front) != 3 {
		t.Errorf("pages with problems must still be loaded, got %+v", wb)
	}
	for _, want := range []string{
		`content/a.md:2:1: unknown key "titel"`,
		`content/b.md:2:9: weight must be a whole number`,
		`content/c/page.md: address "/c/page/index.html" is also produced by content/c/page/_index.md; rename or move one of them`,
		`content/d.md: alias "c/page/": address "/c/page/index.html" is also produced by`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

func TestLoadWithoutContentFolder(t *testing.T) {
	_, err := Load(fstest.MapFS{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "there is no content/ folder here, so this is not a workbook yet") {
		t.Fatalf("got %v", err)
	}
}

func TestFirstHeading(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# Title\n", "Title"},
		{"intro\n\n## **Bold** heading ##\n", "Bold heading"},
		{"```\n# not a heading\n```\n# Real\n", "Real"},
		{"#hashtag\n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FirstHeading([]byte(tt.in)); got != tt.want {
			t.Errorf("FirstHeading(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAliasFile(t *testing.T) {
	for in, want := range map[string]string{"/old/page/": "old/page/index.html", "old": "old/index.html", "x/y.html": "x/y.html", "../../etc": "etc/index.html"} {
		if got := AliasFile(in); got != want {
			t.Errorf("AliasFile(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadFollowsLinksToFiles(t *testing.T) {
	root := t.TempDir()
	mustWrite := func(name, data string) {
		t.Helper()
		full := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite("shared/intro.md", "# Shared intro\n")
	mustWrite("content/ch/_index.md", "# Chapter\n")
	if err := os.Symlink(filepath.Join(root, "shared/intro.md"), filepath.Join(root, "content/ch/intro.md")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	wb, err := Load(os.DirFS(root), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(wb.Chapters) != 1 || len(wb.Chapters[0].Pages) != 1 || wb.Chapters[0].Pages[0].Meta.Title != "Shared intro" {
		t.Fatalf("linked page not loaded: %+v", wb.Chapters)
	}
}
