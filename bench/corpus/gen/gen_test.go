package gen

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/build"
)

func TestSameSeedSameBytes(t *testing.T) {
	for name, flavour := range map[string]func(Options) []File{"praxis": Praxis, "hugo": Hugo} {
		a, b := flavour(Options{Pages: 30}), flavour(Options{Pages: 30})
		if !slices.EqualFunc(a, b, sameFile) {
			t.Errorf("%s: two corpora with the same seed differ", name)
		}
		c := flavour(Options{Pages: 30, Seed: 7})
		if slices.EqualFunc(a, c, sameFile) {
			t.Errorf("%s: seeds %d and 7 gave the same corpus", name, DefaultSeed)
		}
	}
}

func sameFile(a, b File) bool { return a.Path == b.Path && bytes.Equal(a.Data, b.Data) }

var contentPage = regexp.MustCompile(`^content/ch-\d{3}/page-\d{3}\.md$`)

func TestPageCount(t *testing.T) {
	for _, tc := range []struct{ pages, chapters int }{{1, 1}, {20, 1}, {21, 2}, {50, 3}, {400, 20}} {
		for name, files := range map[string][]File{"praxis": Praxis(Options{Pages: tc.pages}), "hugo": Hugo(Options{Pages: tc.pages})} {
			pages, chapters := 0, 0
			for _, f := range files {
				if contentPage.MatchString(f.Path) {
					pages++
				}
				if strings.HasSuffix(f.Path, "/_index.md") && f.Path != "content/_index.md" {
					chapters++
				}
			}
			if pages != tc.pages || chapters != tc.chapters {
				t.Errorf("%s with -pages %d: got %d pages in %d chapters, want %d in %d",
					name, tc.pages, pages, chapters, tc.pages, tc.chapters)
			}
		}
	}
}

func TestPageSize(t *testing.T) {
	total, n := 0, 0
	for _, f := range Praxis(Options{Pages: 100}) {
		if contentPage.MatchString(f.Path) {
			total += len(f.Data)
			n++
		}
	}
	if avg := total / n; avg < 3500 || avg > 4600 {
		t.Errorf("average page size: got %d bytes, want about 4 KB", avg)
	}
}

// TestPageIsAPrefix checks that a page does not depend on the corpus size
// except for the targets of its links.
func TestPageIsAPrefix(t *testing.T) {
	large := map[string]string{}
	for _, f := range Praxis(Options{Pages: 400}) {
		large[f.Path] = string(f.Data)
	}
	links := regexp.MustCompile(`\]\([^)]*\)`)
	for _, f := range Praxis(Options{Pages: 40}) {
		g, ok := large[f.Path]
		if !ok {
			t.Fatalf("%s is missing from the large corpus", f.Path)
		}
		if contentPage.MatchString(f.Path) && links.ReplaceAllString(string(f.Data), "") != links.ReplaceAllString(g, "") {
			t.Errorf("%s differs between 40 and 400 pages beyond its links", f.Path)
		}
	}
}

func TestHugoFlavourHasNoPraxisSyntax(t *testing.T) {
	for _, f := range Hugo(Options{Pages: 40}) {
		s := string(f.Data)
		if strings.Contains(s, ":::") || strings.Contains(s, ".md)") {
			t.Errorf("%s holds a fenced div or a .md link:\n%s", f.Path, s)
		}
	}
}

func TestRel(t *testing.T) {
	for _, tc := range []struct{ dir, file, want string }{
		{"content/ch-001", "content/ch-001/page-003.md", "page-003.md"},
		{"content/ch-001", "content/ch-002/page-003.md", "../ch-002/page-003.md"},
		{"content", "content/ch-002/_index.md", "ch-002/_index.md"},
		{"ch-001/page-002", "ch-002/page-003/", "../../ch-002/page-003/"},
		{"ch-001/page-002", "ch-001/page-003/", "../page-003/"},
		{"ch-001/page-002", "ch-001/", "../"},
		{"ch-001", "ch-001/page-001/", "page-001/"},
		{"", "ch-001/", "ch-001/"},
		{"ch-001/page-002", "", "../../"},
		{"", "", "./"},
	} {
		if got := rel(tc.dir, tc.file); got != tc.want {
			t.Errorf("rel(%q, %q): got %q, want %q", tc.dir, tc.file, got, tc.want)
		}
	}
}

// TestPraxisCorpusBuilds builds the corpus with praxis in-process: every
// link, prompt id and block of the generated pages must be valid.
func TestPraxisCorpusBuilds(t *testing.T) {
	names := buildPraxis(t, 50)
	for _, want := range []string{"index.html", "ch-003/index.html", "ch-003/page-010/index.html"} {
		if !slices.Contains(names, want) {
			t.Errorf("praxis output lacks %s; got %d files", want, len(names))
		}
	}
}

// buildPraxis builds an n-page corpus in memory and returns the output
// file names.
func buildPraxis(t *testing.T, n int) []string {
	t.Helper()
	root := t.TempDir()
	if err := Write(root, Praxis(Options{Pages: n})); err != nil {
		t.Fatal(err)
	}
	b := build.New(build.Options{Root: root, Defaults: praxis.Defaults})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	mem := build.NewMemory()
	st, err := b.Build(context.Background(), cfg, mem)
	if err != nil {
		t.Fatalf("building a %d-page corpus: %v", n, err)
	}
	if want := n + (n+ChapterSize-1)/ChapterSize + 1; st.Pages != want {
		t.Errorf("built %d pages, want %d", st.Pages, want)
	}
	return mem.Names()
}

// TestHugoRendersTheSamePages builds both flavours and compares the pages
// they produce (praxis adds its print book and prompt bank).
func TestHugoRendersTheSamePages(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("hugo not installed: apt-get install -y hugo")
		}
		t.Skip("hugo not installed: apt-get install -y hugo")
	}
	const n = 30
	src, out := t.TempDir(), t.TempDir()
	if err := Write(src, Hugo(Options{Pages: n})); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "--source", src, "--destination", out, "--quiet")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	var got []string
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			rel, _ := filepath.Rel(out, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// praxis's own generated pages (the print book, the prompt bank, the
	// action steps) have no counterpart in the Hugo site.
	generated := []string{"print/", "prompts/", "actions/"}
	var want []string
	for _, name := range buildPraxis(t, n) {
		if strings.HasSuffix(name, "index.html") && !slices.ContainsFunc(generated, func(g string) bool { return strings.HasPrefix(name, g) }) {
			want = append(want, name)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("pages: hugo wrote %v\npraxis wrote %v", got, want)
	}
}
