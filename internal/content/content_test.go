package content

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
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

// TestLoadLeavesOutFoldersWithTheirIndex checks that the pages of a folder
// whose _index.md is a draft or facilitator-only are left out with it,
// whatever their own front matter says, and come back when the build
// includes drafts or is the facilitator edition.
func TestLoadLeavesOutFoldersWithTheirIndex(t *testing.T) {
	fsys := fstest.MapFS{
		"content/open/p.md":          file("# P\n"),
		"content/wip/_index.md":      file("---\ndraft: true\n---\n"),
		"content/wip/p.md":           file("# P\n"),
		"content/team/_index.md":     file("---\nedition: facilitator\n---\n"),
		"content/team/p.md":          file("---\nedition: participant\n---\n"),
		"content/team/deep/more.md":  file("# More\n"),
		"content/open/sub/_index.md": file("---\nedition: facilitator\n---\n"),
		"content/open/sub/q.md":      file("# Q\n"),
	}
	for _, tc := range []struct {
		opts Options
		want []string
	}{
		{Options{}, []string{"open/", "open/p/"}},
		{Options{Drafts: true}, []string{"open/", "open/p/", "wip/", "wip/p/"}},
		{Options{Edition: "facilitator"}, []string{"open/", "open/p/", "open/sub/", "open/sub/q/", "team/", "team/deep/more/", "team/p/"}},
	} {
		wb, err := Load(fsys, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range wb.Pages()[1:] {
			got = append(got, p.URL)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v: pages %q, want %q", tc.opts, got, tc.want)
		}
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
		`content/c/page.md:1:1: address "/c/page/index.html" is also produced by content/c/page/_index.md; rename or move one of them`,
		`content/d.md:2:11: alias "c/page/": address "/c/page/index.html" is also produced by content/c/page/_index.md; change or remove the alias`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
}

func TestLoadAliasClashNamesBothPlaces(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md": file("---\ntitle: A\naliases:\n  - old/\n---\n"),
		"content/b.md": file("---\naliases: [new/, old/]\n---\n"),
	}
	_, err := Load(fsys, Options{})
	want := `content/b.md:2:17: alias "old/": address "/old/index.html" is also produced by alias "old/" at content/a.md:4:5; change or remove one of them`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestLoadReservedAddresses checks that a source published where praxis
// writes a file of its own is an error at the source.
func TestLoadReservedAddresses(t *testing.T) {
	tests := []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"content/prompts.md": "# P\n"},
			`content/prompts.md:1:1: address "/prompts/index.html" is used by praxis for the All prompts page; rename the file`},
		{map[string]string{"content/print.md": "# P\n"},
			`content/print.md:1:1: address "/print/index.html" is used by praxis for the print book; rename the file`},
		{map[string]string{"content/actions.md": "# A\n"},
			`content/actions.md:1:1: address "/actions/index.html" is used by praxis for the My action steps page; rename the file`},
		{map[string]string{"content/prompts/_index.md": "# P\n"},
			`content/prompts/_index.md:1:1: address "/prompts/index.html" is used by praxis for the All prompts page; rename the folder content/prompts/`},
		{map[string]string{"content/prompts/a.md": "# A\n"},
			`content/prompts/a.md:1:1: the page of chapter content/prompts/: address "/prompts/index.html" is used by praxis for the All prompts page; rename the folder content/prompts/`},
		{map[string]string{"content/a.md": "---\naliases: [prompts/]\n---\n"},
			`content/a.md:2:11: alias "prompts/": address "/prompts/index.html" is used by praxis for the All prompts page; change or remove the alias`},
		{map[string]string{"content/ch/a.md": "# A\n", "content/ch/print.html": "<p>"},
			`content/ch/print.html:1:1: address "/ch/print.html" is used by praxis for the handout of chapter ch; rename the file`},
		{map[string]string{"content/theme/style.css": "x"},
			`content/theme/style.css:1:1: address "/theme/style.css" is inside /theme/, which praxis uses for the theme's files; rename the folder content/theme/`},
		{map[string]string{"content/theme.md": "# T\n"},
			`content/theme.md:1:1: address "/theme/index.html" is inside /theme/, which praxis uses for the theme's files; rename the file`},
		{map[string]string{"content/prompts.js": "x"},
			`content/prompts.js:1:1: address "/prompts.js" is used by praxis for the list of prompts the answers script reads; rename the file`},
		{map[string]string{"content/answers-store.html": "x"},
			`content/answers-store.html:1:1: address "/answers-store.html" is used by praxis for the page that keeps the answers of all pages in the browser; rename the file`},
		{map[string]string{"content/prompt-index.js": "x"},
			`content/prompt-index.js:1:1: address "/prompt-index.js" is used by praxis for the prompts' details the answers script reads for downloads; rename the file`},
		{map[string]string{"content/search-index.js": "x"},
			`content/search-index.js:1:1: address "/search-index.js" is used by praxis for the search index the search box reads; rename the file`},
		{map[string]string{"content/404.html": "x"},
			`content/404.html:1:1: address "/404.html" is used by praxis for the page shown at a missing address; rename the file`},
		{map[string]string{"content/sitemap.xml": "x"},
			`content/sitemap.xml:1:1: address "/sitemap.xml" is used by praxis for the sitemap; rename the file`},
		{map[string]string{"content/a.md": "---\naliases: [sitemap.xml]\n---\n"},
			`content/a.md:2:11: alias "sitemap.xml": address "/sitemap.xml/index.html" is used by praxis for the sitemap; change or remove the alias`},
		{map[string]string{"content/a.md": "---\naliases: [.praxis-output]\n---\n"},
			`content/a.md:2:11: alias ".praxis-output": address "/.praxis-output/index.html" is used by praxis for the mark of an output folder it made; change or remove the alias`},
		{map[string]string{"content/a.md": "---\naliases: [/]\n---\n"},
			`content/a.md:2:11: alias "/": address "/index.html" is used by praxis for the home page (there is no content/_index.md); change or remove the alias`},
		{map[string]string{"content/ch/a.md": "# A\n", "content/ch/index.html": "x"},
			`content/ch/index.html:1:1: address "/ch/index.html" is also produced by the page of chapter content/ch/ (it has no _index.md); rename the file`},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{}
		for name, text := range tt.files {
			fsys[name] = file(text)
		}
		_, err := Load(fsys, Options{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%v):\ngot  %v\nwant %s", tt.files, err, tt.want)
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
		{"# Goals {#goals .unnumbered}\n", "Goals"},
		{"# Appendix {-}\n", "Appendix"},
		{"# Set {a, b}\n", "Set {a, b}"},
		{"# Colour {style=\"color: red\" #c}\n", "Colour"},
		{"# A [marked]{.mark} word\n", "A marked word"},
		{"# Title {#t} ##\n", "Title"},
		{"", ""},
		// Nothing participants may not read: not a heading in a comment or
		// a facilitator block, however it is written, nor a comment in a
		// heading.
		{"<!--\n# Secret\n-->\n# Real\n", "Real"},
		{"<!-- one line --> text\n# Real\n", "Real"},
		{"# Real <!-- secret -->\n", "Real"},
		{"# Write `<!-- a comment -->` in HTML\n", "Write <!-- a comment --> in HTML"},
		{"# Open <!-- never closed\n", "Open <!-- never closed"},
		{"::: facilitator\n# Secret\n:::\n# Real\n", "Real"},
		{":::: Facilitator {#f}\n::: note\n# Secret\n:::\n## Secret too\n::::\n# Real\n", "Real"},
		{":::facilitator\n# Secret\n:::\n", ""},
		{":::\tfacilitator\t{#f}\n# Secret\n:::\n", ""},
		{"::: facilitator{#f}\n# Secret\n:::\n", ""},
		{"::: {#f .facilitator}\n```\n:::\n```\n# Secret\n:::\n# Real\n", "Real"},
		{"::: note\n# Note title\n:::\n", "Note title"},
		{"::: facilitator\nx\n\n    :::\n# Secret\n:::\n# Real\n", "Real"},
		{"- ::: facilitator\n  # Secret\n  - ::: note\n    # Secret too\n  :::\n:::\n\n# Real\n", "Real"},
		{"1. > ::: {.facilitator}\n   # Secret\n", ""},
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

func TestLoadRefusesLinksOutOfTheWorkbook(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	for name, data := range map[string]string{
		filepath.Join(root, "content/ch/_index.md"): "# Chapter\n",
		filepath.Join(root, "shared/inside.md"):     "# Inside\n",
		filepath.Join(elsewhere, "secret.txt"):      "not for the web\n",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"content/ch/inside.md":  filepath.Join("..", "..", "shared", "inside.md"),
		"content/ch/secret.txt": filepath.Join(elsewhere, "secret.txt"),
	}
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	wb, err := Load(folder.New(root), Options{})
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || !errors.Is(list[0], folder.ErrOutside) ||
		!strings.HasPrefix(list[0].Error(), "content/ch/secret.txt: symbolic link leads outside the workbook folder (to ") {
		t.Fatalf("got %v; want one error for the link to a file outside the workbook", err)
	}
	if wb == nil || len(wb.Assets) != 0 || len(wb.Chapters[0].Pages) != 1 {
		t.Fatalf("want the link inside the workbook loaded and the one outside left out: %+v", wb)
	}
}

func TestAddressesThatDifferOnlyInCaseAreWarnings(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":      file("# Home\n"),
		"content/Intro.md":       file("# Intro\n"),
		"content/intro.md":       file("---\naliases: [Old/]\n---\n# intro\n"),
		"content/Prompts.md":     file("# My prompts\n"),
		"content/ch/_index.md":   file("---\naliases: [old/]\n---\n# Chapter\n"),
		"content/ch/Photo.JPG":   file("jpeg"),
		"content/ch/photo.jpg":   file("jpeg"),
		"content/Theme/logo.png": file("png"),
	}
	wb, err := Load(fsys, Options{})
	if err != nil {
		t.Fatalf("want warnings only, got errors: %v", err)
	}
	want := []string{
		`content/Prompts.md:1:1: warning: address "/Prompts/index.html" differs only in letter case from "/prompts/index.html" (used by praxis for the All prompts page); on macOS and Windows they are one file, so one would replace the other there: rename the file`,
		`content/Theme/logo.png:1:1: warning: address "/Theme/logo.png" is in a folder that differs only in letter case from /theme/, which praxis uses for the theme's files; on macOS and Windows they are one folder: rename the file`,
		`content/ch/_index.md:2:11: warning: alias "old/": address "/old/index.html" differs only in letter case from "/Old/index.html" (alias "Old/" at content/intro.md:2:11); on macOS and Windows they are one file, so one would replace the other there: change or remove the alias`,
		`content/ch/photo.jpg:1:1: warning: address "/ch/photo.jpg" differs only in letter case from "/ch/Photo.JPG" (content/ch/Photo.JPG:1:1); on macOS and Windows they are one file, so one would replace the other there: rename the file`,
		`content/intro.md:1:1: warning: address "/intro/index.html" differs only in letter case from "/Intro/index.html" (content/Intro.md:1:1); on macOS and Windows they are one file, so one would replace the other there: rename the file`,
	}
	if got := wb.Warnings.Error(); got != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
