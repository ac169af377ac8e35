package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// liveFiles is a workbook with two editions, a sitemap, an alias, an asset,
// a code block, a facilitator page and links between pages and prompts.
var liveFiles = map[string]string{
	"praxis.yaml":             "title: Live test\nbase_url: https://example.org/wb/\neditions: [participant, facilitator]\n",
	"content/_index.md":       "---\ntitle: Home\n---\nStart with [the first page](1-one/a.md).\n",
	"content/1-one/_index.md": "---\ntitle: One\ndescription: The first chapter.\n---\nChapter one.\n",
	"content/1-one/a.md": "---\ntitle: Page A\nweight: 1\naliases: [old-a/]\n---\nBody of A.\n\n## Why it matters\n\n" +
		"::: prompt {#a-first}\nWhat matters to you?\n:::\n",
	"content/1-one/b.md": "---\ntitle: Page B\nweight: 2\n---\nSee [why](a.md#why-it-matters) and [](prompt:a-first).\n\n" +
		"::: prompt {#b-first}\nWhat did you try?\n:::\n",
	"content/1-one/guide.md": "---\ntitle: Guide\nweight: 3\nedition: facilitator\n---\nFor facilitators only.\n",
	"content/2-two/c.md":     "---\ntitle: Page C\n---\n![a picture](pic.png)\n\n```go\nfunc main() {}\n```\n",
	"content/2-two/pic.png":  "PNG1",
}

// liveSite is a workbook in a temporary folder, built by one Live builder
// and checked against clean builds.
type liveSite struct {
	t    *testing.T
	root string
	live *Live
	last map[string][]byte // the files of the last build, with Finish's
}

// fixedNow keeps the build date the same in every build of a test.
func fixedNow() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

func newLiveSite(t *testing.T) *liveSite {
	t.Helper()
	s := &liveSite{t: t, root: t.TempDir()}
	for name, text := range liveFiles {
		s.write(name, text)
	}
	s.live = New(Options{Root: s.root, Defaults: praxis.Defaults, Now: fixedNow}).Live()
	return s
}

// config returns a Builder for the site, as Live's own, and its settings.
func (s *liveSite) config() (*Builder, *config.Config) {
	s.t.Helper()
	b := New(Options{Root: s.root, Defaults: praxis.Defaults, Now: fixedNow})
	cfg, err := b.LoadConfig()
	if err != nil {
		s.t.Fatal(err)
	}
	return b, cfg
}

func (s *liveSite) path(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s *liveSite) write(rel, text string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.path(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.path(rel), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// edit replaces old with new in a source file, which must contain old.
func (s *liveSite) edit(rel, old, new string) {
	s.t.Helper()
	data, err := os.ReadFile(s.path(rel))
	if err != nil {
		s.t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		s.t.Fatalf("%s does not contain %q:\n%s", rel, old, data)
	}
	s.write(rel, strings.Replace(string(data), old, new, 1))
}

// build runs the Live builder after the changes, and Finish when it left
// work, and checks that the files Build rendered and the final output are
// exactly what a clean build makes. It returns Build's result with what
// Finish rendered and changed added.
func (s *liveSite) build(changed ...string) *LiveResult {
	s.t.Helper()
	b := New(Options{Root: s.root, Defaults: praxis.Defaults, Now: fixedNow})
	cfg, err := b.LoadConfig()
	if err != nil {
		s.t.Fatal(err)
	}
	res, err := s.live.Build(context.Background(), cfg, changed)
	if err != nil {
		s.t.Fatalf("live build after %q: %v", changed, err)
	}
	if s.last != nil {
		if want := diffFiles(s.last, res.Files); !slices.Equal(res.Changed, want) {
			s.t.Errorf("after %q: Changed = %q, but the files that differ are %q", changed, res.Changed, want)
		}
	}
	clean := NewMemory()
	if _, err := b.Build(context.Background(), cfg, clean); err != nil {
		s.t.Fatalf("clean build after %q: %v", changed, err)
	}
	want := clean.Files()
	for _, f := range res.Rendered {
		if !bytes.Equal(res.Files[f], want[f]) {
			s.t.Errorf("after %q: Build rendered %s, but not as a clean build does", changed, f)
		}
	}
	if res.Deferred > 0 && !s.live.Deferred() {
		s.t.Errorf("after %q: Deferred = %d, but Live.Deferred() = false", changed, res.Deferred)
	}
	if s.live.Deferred() {
		fin, err := s.live.Finish(context.Background())
		if err != nil {
			s.t.Fatalf("finishing the live build after %q: %v", changed, err)
		}
		if (fin != nil) != (res.Deferred > 0) {
			s.t.Fatalf("after %q: Build deferred %d steps, but Finish returned %v", changed, res.Deferred, fin)
		}
		if fin != nil {
			res.Files = fin.Files
			res.Rendered = merge(res.Rendered, fin.Rendered)
			res.Changed = merge(res.Changed, fin.Changed)
		}
	}
	sameFiles(s.t, changed, res.Files, want)
	s.last = res.Files
	return res
}

func merge(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// sameFiles fails the test unless the live and clean builds have the same
// files with the same bytes.
func sameFiles(t *testing.T, changed []string, live, clean map[string][]byte) {
	t.Helper()
	for name, want := range clean {
		got, ok := live[name]
		if !ok {
			t.Errorf("after %q: live build lacks %s", changed, name)
			continue
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("after %q: %s differs from a clean build at byte %d:\nlive:  %q\nclean: %q",
				changed, name, i, excerpt(got, i), excerpt(want, i))
		}
	}
	for name := range live {
		if _, ok := clean[name]; !ok {
			t.Errorf("after %q: live build has %s, which a clean build does not", changed, name)
		}
	}
}

func excerpt(b []byte, at int) string {
	return string(b[max(0, at-60):min(len(b), at+60)])
}

// pagesOf keeps the content pages of the participant edition of a
// rendered list, by their address in that edition, dropping the print
// book, chapter handouts, search index, prompt bank, actions page, 404 page and redirects.
func pagesOf(rendered []string) []string {
	var out []string
	for _, f := range rendered {
		f, ok := strings.CutPrefix(f, "participant/")
		if !ok || f == "search-index.js" || strings.HasPrefix(f, "print/") || strings.HasSuffix(f, "/print.html") || strings.HasPrefix(f, "prompts/") || strings.HasPrefix(f, "actions/") || f == "404.html" || strings.Contains(f, "old-a/") {
			continue
		}
		out = append(out, f)
	}
	return out
}

func TestLiveMatchesCleanBuildAfterEdits(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	steps := []struct {
		name   string
		change func() []string
	}{
		{"body edit", func() []string {
			s.edit("content/1-one/a.md", "Body of A.", "Body of A, edited.")
			return []string{"content/1-one/a.md"}
		}},
		{"link to an anchor of the same page", func() []string {
			s.edit("content/1-one/a.md", "Body of A, edited.", "Body of A, edited: see [why](#why-it-matters) and [](prompt:b-first).")
			return []string{"content/1-one/a.md"}
		}},
		{"new heading", func() []string {
			s.edit("content/1-one/a.md", "## Why it matters", "## First things\n\n## Why it matters")
			return []string{"content/1-one/a.md"}
		}},
		{"prompt text shown by a link elsewhere", func() []string {
			s.edit("content/1-one/a.md", "What matters to you?", "What matters most to you?")
			return []string{"content/1-one/a.md"}
		}},
		{"title", func() []string {
			s.edit("content/1-one/b.md", "title: Page B", "title: Page Bee")
			return []string{"content/1-one/b.md"}
		}},
		{"weight reorders pages and renumbers prompts", func() []string {
			s.edit("content/1-one/b.md", "weight: 2", "weight: 0")
			return []string{"content/1-one/b.md"}
		}},
		{"rename", func() []string {
			if err := os.Rename(s.path("content/2-two/c.md"), s.path("content/2-two/see.md")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/2-two/c.md", "content/2-two/see.md"}
		}},
		{"new page in a new chapter", func() []string {
			s.write("content/3-three/deep/d.md", "---\ntitle: Page D\n---\nBack to [A](../../1-one/a.md).\n")
			return []string{"content/3-three/deep/d.md"}
		}},
		{"delete", func() []string {
			if err := os.Remove(s.path("content/1-one/guide.md")); err != nil {
				t.Fatal(err)
			}
			return []string{"content/1-one/guide.md"}
		}},
		{"asset of the same size", func() []string {
			s.write("content/2-two/pic.png", "PNG2")
			return []string{"content/2-two/pic.png"}
		}},
		{"code block", func() []string {
			s.edit("content/2-two/see.md", "func main() {}", "func main() { println(1) }")
			return []string{"content/2-two/see.md"}
		}},
		{"theme file", func() []string {
			s.write("themes/default/extra.css", "p { color: red }\n")
			return []string{"themes/default/extra.css"}
		}},
		{"template", func() []string {
			s.write("templates/404.html", `{{define "main"}}<p>Nothing here, sorry.</p>{{end}}`)
			return []string{"templates/404.html"}
		}},
		{"config", func() []string {
			s.edit("praxis.yaml", "title: Live test", "title: Live test, renamed")
			return []string{"praxis.yaml"}
		}},
		{"brand", func() []string {
			s.write("content/2-two/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
			s.edit("praxis.yaml", "title: Live test, renamed", "title: Live test, renamed\nbrand:\n  logo: content/2-two/logo.svg\n  accent: '#8a2b5f'")
			return []string{"content/2-two/logo.svg", "praxis.yaml"}
		}},
		{"brand logo inside content/", func() []string {
			s.write("content/2-two/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`)
			return []string{"content/2-two/logo.svg"}
		}},
		{"unknown changes", func() []string {
			s.edit("content/1-one/a.md", "edited", "edited twice")
			return nil
		}},
	}
	for _, step := range steps {
		changed := step.change()
		t.Logf("%s: %q", step.name, changed)
		s.build(changed...)
	}
}

func TestLiveRendersOnlyWhatChanged(t *testing.T) {
	all := []string{"1-one/a/index.html", "1-one/b/index.html", "1-one/index.html", "2-two/c/index.html",
		"2-two/index.html", "index.html"}
	tests := []struct {
		name string
		file string // edited source, under content/
		old  string
		new  string
		want []string // content pages of the participant edition rendered anew
	}{
		{"body edit renders the page", "1-one/a.md", "Body of A.", "Body of A, edited.", []string{"1-one/a/index.html"}},
		{"prompt text renders pages showing it", "1-one/a.md", "What matters to you?", "What matters now?",
			[]string{"1-one/a/index.html", "1-one/b/index.html"}},
		{"title renders every page", "1-one/b.md", "title: Page B", "title: Page Bee", all},
		{"description renders every page", "1-one/_index.md", "The first chapter.", "Chapter one.", all},
		{"weight renders every page", "1-one/b.md", "weight: 2", "weight: 0", all},
		{"same bytes render nothing", "1-one/a.md", "Body of A.", "Body of A.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newLiveSite(t)
			first := s.build()
			if got := pagesOf(first.Rendered); !slices.Equal(got, all) {
				t.Fatalf("first build rendered %q, want every page %q", got, all)
			}
			s.edit("content/"+tt.file, tt.old, tt.new)
			res := s.build("content/" + tt.file)
			if got := pagesOf(res.Rendered); !slices.Equal(got, tt.want) {
				t.Errorf("after editing %s (%q → %q): rendered %q, want %q", tt.file, tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestLiveTemplateChangeRendersEverything(t *testing.T) {
	s := newLiveSite(t)
	first := s.build()
	s.write("templates/extra.html", "unused")
	res := s.build("templates/extra.html")
	if !slices.Equal(res.Rendered, first.Rendered) {
		t.Errorf("after a template change rendered %q, want everything the first build rendered %q", res.Rendered, first.Rendered)
	}
}

func TestLiveChangedListsDifferingFiles(t *testing.T) {
	s := newLiveSite(t)
	_, cfg := s.config()
	first, err := s.live.Build(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Changed != nil {
		t.Errorf("first build: Changed = %q, want nil", first.Changed)
	}
	if _, err := s.live.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.edit("content/2-two/c.md", "func main() {}", "func main() { return }")
	res := s.build("content/2-two/c.md")
	want := []string{"facilitator/2-two/c/index.html", "facilitator/2-two/print.html", "facilitator/print/index.html",
		"participant/2-two/c/index.html", "participant/2-two/print.html", "participant/print/index.html"}
	if !slices.Equal(res.Changed, want) {
		t.Errorf("Changed = %q, want %q", res.Changed, want)
	}
}

func TestLiveKeepsLastGoodBuildAfterError(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	s.write("content/2-two/pic.png", "PNG3")
	s.edit("content/1-one/b.md", "a.md#why-it-matters", "a.md#no-such-heading")
	_, cfg := s.config()
	if _, err := s.live.Build(context.Background(), cfg, []string{"content/1-one/b.md", "content/2-two/pic.png"}); err == nil ||
		!strings.Contains(err.Error(), "content/1-one/b.md:5:") {
		t.Fatalf("build with a broken link: error %v, want one at content/1-one/b.md:5", err)
	}
	// The fix names only b.md; the asset changed in the failed build must
	// still be copied anew.
	s.edit("content/1-one/b.md", "a.md#no-such-heading", "a.md#why-it-matters")
	res := s.build("content/1-one/b.md")
	if got := string(res.Files["participant/2-two/pic.png"]); got != "PNG3" {
		t.Errorf("asset after the failed build: %q, want PNG3", got)
	}
}

func TestLiveBuildRendersEditedPageFirst(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	s.edit("content/1-one/b.md", "title: Page B", "title: Page Bee")
	_, cfg := s.config()
	res, err := s.live.Build(context.Background(), cfg, []string{"content/1-one/b.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"facilitator/1-one/b/index.html", "participant/1-one/b/index.html"}
	if !slices.Equal(res.Rendered, want) || res.Deferred == 0 {
		t.Fatalf("Build after a title change rendered %q and deferred %d steps; want %q and the rest deferred",
			res.Rendered, res.Deferred, want)
	}
	if !bytes.Contains(res.Files["participant/1-one/b/index.html"], []byte("Page Bee")) || bytes.Contains(res.Files["participant/1-one/a/index.html"], []byte("Page Bee")) {
		t.Fatalf("after Build, want the new title on the edited page only, the others still as they were")
	}
	fin, err := s.live.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(fin.Changed, "participant/1-one/a/index.html") || slices.Contains(fin.Changed, "participant/1-one/b/index.html") {
		t.Errorf("Finish changed %q; want the other pages, not the edited one again", fin.Changed)
	}
	if s.live.Deferred() {
		t.Errorf("Deferred() after Finish = true, want false")
	}
	if again, err := s.live.Finish(context.Background()); again != nil || err != nil {
		t.Errorf("second Finish = %v, %v; want nil, nil", again, err)
	}
}

func TestLiveBuildCancelsUnfinishedWork(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	s.edit("content/1-one/b.md", "title: Page B", "title: Page Bee")
	_, cfg := s.config()
	mid, err := s.live.Build(context.Background(), cfg, []string{"content/1-one/b.md"})
	if err != nil {
		t.Fatal(err)
	}
	s.last = mid.Files // what the next Changed is relative to
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.live.Finish(ctx); err == nil {
		t.Fatalf("Finish with a cancelled context succeeded")
	}
	// The next save comes before the other pages were rendered: the next
	// build must still bring every page up to date.
	s.edit("content/2-two/c.md", "func main() {}", "func main() { return }")
	s.build("content/2-two/c.md")
}

func TestLiveAppliesBodyEditsInPlace(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	tests := []struct {
		name     string
		file     string
		old, new string
		inPlace  bool
	}{
		{"body text", "1-one/a.md", "Body of A.", "Body of A, edited.", true},
		{"code block", "2-two/c.md", "func main() {}", "func main() { return }", true},
		{"link to another page", "1-one/a.md", "edited.", "edited, [see B](b.md).", true},
		{"new heading id", "1-one/a.md", "## Why it matters", "## First\n\n## Why it matters", false},
		{"prompt text", "1-one/b.md", "What did you try?", "What did you try first?", false},
		{"front matter", "1-one/b.md", "weight: 2", "weight: 4", false},
	}
	for _, tt := range tests {
		before := s.live.editions["participant"]
		s.edit("content/"+tt.file, tt.old, tt.new)
		s.build("content/" + tt.file)
		if got := s.live.editions["participant"] == before; got != tt.inPlace {
			t.Errorf("%s: edition updated in place = %v, want %v", tt.name, got, tt.inPlace)
		}
	}
}

func TestLiveFirstBuildRendersTheFirstPagesFirst(t *testing.T) {
	s := newLiveSite(t)
	b, cfg := s.config()
	res, err := s.live.Build(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1-one/a/index.html", "1-one/b/index.html", "1-one/index.html", "index.html"}
	if got := pagesOf(res.Rendered); !slices.Equal(got, want) || res.Deferred == 0 || !res.Incomplete {
		t.Fatalf("first Build rendered %q and deferred %d steps; want the start page and the first chapter %q, the rest deferred", got, res.Deferred, want)
	}
	for _, f := range []string{"theme/style.css", "prompts.js", "prompt-index.js", "2-two/pic.png"} {
		if res.Files["participant/"+f] == nil {
			t.Errorf("first Build lacks %s, which pages need at once", f)
		}
	}
	if res.Files["participant/2-two/c/index.html"] != nil {
		t.Errorf("first Build has 2-two/c/index.html, which should wait for Finish")
	}
	fin, err := s.live.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	clean := NewMemory()
	if _, err := b.Build(context.Background(), cfg, clean); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, nil, fin.Files, clean.Files())
}

func TestLiveReusesSummariesOfUnchangedPages(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	known := s.live.known["participant"]
	if len(known) != 6 {
		t.Fatalf("after the first build: summaries %v, want one for each of the 6 pages", known)
	}
	before := map[string]*site.Summary{}
	for src, e := range known {
		before[src] = e.sum
	}
	s.edit("content/1-one/b.md", "What did you try?", "What did you try first?")
	s.build("content/1-one/b.md")
	var parsed []string
	for src, e := range s.live.known["participant"] {
		if e.sum != before[src] {
			parsed = append(parsed, src)
		}
	}
	if !slices.Equal(parsed, []string{"content/1-one/b.md"}) {
		t.Errorf("pages summarized again: %q, want only the edited page", parsed)
	}
}

func TestLiveErrorsNamePositionsAfterInPlaceEdits(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	// Two lines more before the prompt: an edit applied in place.
	s.edit("content/1-one/a.md", "Body of A.", "Body of A.\n\nMore.\n")
	s.build("content/1-one/a.md")
	s.edit("content/1-one/b.md", "::: prompt {#b-first}", "::: prompt {#a-first}")
	_, cfg := s.config()
	_, err := s.live.Build(context.Background(), cfg, []string{"content/1-one/b.md"})
	if err == nil || !strings.Contains(err.Error(), `id "a-first" is already used at content/1-one/a.md:13:1`) {
		t.Fatalf("duplicate id after an in-place edit: error %v, want one naming a-first at its new place, content/1-one/a.md:13:1", err)
	}
}

func TestLiveEditsBeforeTheFirstBuildIsFinished(t *testing.T) {
	s := newLiveSite(t)
	_, cfg := s.config()
	if _, err := s.live.Build(context.Background(), cfg, nil); err != nil {
		t.Fatal(err)
	}
	// Saves come before Finish ever ran: one to a page rendered first,
	// one to a page left for later; then the rest is finished.
	before := s.live.editions["participant"]
	s.edit("content/1-one/a.md", "Body of A.", "Body of A, edited.")
	if _, err := s.live.Build(context.Background(), cfg, []string{"content/1-one/a.md"}); err != nil {
		t.Fatal(err)
	}
	s.edit("content/2-two/c.md", "func main() {}", "func main() { return }")
	s.build("content/2-two/c.md") // Build, Finish, and compare with a clean build
	if s.live.editions["participant"] != before {
		t.Errorf("the edits were not applied in place")
	}
}

// TestChangedFiles checks the short cut of changedFiles against diffFiles:
// with every old file carried over, only the files put are compared, and
// when one is missing it falls back to comparing all.
func TestChangedFiles(t *testing.T) {
	same, other := []byte("same"), []byte("other")
	old := map[string][]byte{"a": same, "b": same, "c": same}
	tests := []struct {
		name string
		cur  map[string][]byte
		put  []string
		want []string
	}{
		{"one changed", map[string][]byte{"a": same, "b": other, "c": same}, []string{"b"}, []string{"b"}},
		{"put unchanged", map[string][]byte{"a": same, "b": same, "c": same}, []string{"a"}, []string{}},
		{"one added", map[string][]byte{"a": same, "b": same, "c": same, "d": same}, []string{"d", "d"}, []string{"d"}},
		{"one not carried", map[string][]byte{"a": same, "b": other}, []string{"b"}, []string{"b", "c"}},
		{"lost and added", map[string][]byte{"a": same, "b": same, "d": same}, []string{"d"}, []string{"c", "d"}},
	}
	for _, tt := range tests {
		got := changedFiles(old, tt.cur, tt.put)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: changedFiles = %q, want %q", tt.name, got, tt.want)
		}
		if want := diffFiles(old, tt.cur); !slices.Equal(got, want) {
			t.Errorf("%s: changedFiles = %q, but diffFiles = %q", tt.name, got, want)
		}
	}
}

// TestLiveReportsLimits checks that praxis serve's builds, which reparse
// only the pages that changed, keep the limits of one page too: a page
// nested too deep is an error at its place, in a first build and in a
// rebuild after an edit.
func TestLiveReportsLimits(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	_, cfg := s.config()
	deep := strings.Repeat("> ", 33) + "too deep\n\n"
	s.edit("content/1-one/b.md", "::: prompt {#b-first}", deep+"::: prompt {#b-first}")
	want := "content/1-one/b.md:7:65: a quote nested 33 levels deep; praxis allows at most 32 levels of nesting"
	if _, err := s.live.Build(context.Background(), cfg, []string{"content/1-one/b.md"}); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("rebuild with a page nested too deep: error %v, want %q", err, want)
	}
	fresh := New(Options{Root: s.root, Defaults: praxis.Defaults, Now: fixedNow}).Live()
	if _, err := fresh.Build(context.Background(), cfg, nil); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("first build with a page nested too deep: error %v, want %q", err, want)
	}
}

// TestLiveUpdatesSearchIndexAfterInPlaceEdit edits a page's text in a way
// Live applies in place, which renders only that page and the books: the
// search indexes of both editions must follow.
func TestLiveUpdatesSearchIndexAfterInPlaceEdit(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	before := s.live.editions["participant"]
	s.edit("content/1-one/a.md", "Body of A.", "Body of A, about marmalade.")
	res := s.build("content/1-one/a.md") // and compares every file with a clean build
	if s.live.editions["participant"] != before {
		t.Fatal("the edit was not applied in place, which this test is about")
	}
	for _, f := range []string{"participant/search-index.js", "facilitator/search-index.js"} {
		if !slices.Contains(res.Changed, f) || !bytes.Contains(res.Files[f], []byte("marmalade")) {
			t.Errorf("after the edit: %s changed = %v, holds the new word = %v; want both", f,
				slices.Contains(res.Changed, f), bytes.Contains(res.Files[f], []byte("marmalade")))
		}
	}
}

// TestLiveKeepsBodiesOfFinishedPages checks that the pages Finish renders
// in the print book's pass keep their rendered bodies, so that a change
// to the frame (a title) frames them again without rendering Markdown.
func TestLiveKeepsBodiesOfFinishedPages(t *testing.T) {
	s := newLiveSite(t)
	res := s.build()
	if res.Deferred == 0 {
		t.Fatal("the first build deferred nothing; the test needs pages left for Finish")
	}
	for name, e := range s.live.editions {
		for _, p := range e.site.Pages {
			if _, ok := s.live.st.bodies[e.prefix+p.Source]; !ok {
				t.Errorf("%s: no body kept for %s after Finish", name, p.Source)
			}
		}
	}
}

// TestLivePublishesOnlyLinkedFiles edits links to a file in praxis serve's
// builds: the file appears in an edition when a page of it links to the
// file, and leaves it when the last such link goes, as in a clean build. A
// link inside a facilitator block publishes it in the facilitator edition
// only.
func TestLivePublishesOnlyLinkedFiles(t *testing.T) {
	s := newLiveSite(t)
	s.write("content/1-one/worksheet.pdf", "%PDF-1.4")
	s.build()
	published := func(f string) bool { _, ok := s.last[f]; return ok }
	for _, f := range []string{"participant/1-one/worksheet.pdf", "facilitator/1-one/worksheet.pdf"} {
		if published(f) {
			t.Fatalf("%s is published before any page links to it", f)
		}
	}
	s.edit("content/1-one/a.md", "Body of A.", "Body of A.\n\n::: facilitator\nHand out [the sheet](worksheet.pdf).\n:::\n")
	s.build("content/1-one/a.md")
	if published("participant/1-one/worksheet.pdf") || !published("facilitator/1-one/worksheet.pdf") {
		t.Fatalf("linked from a facilitator block: participant %v, facilitator %v; want only the facilitator edition",
			published("participant/1-one/worksheet.pdf"), published("facilitator/1-one/worksheet.pdf"))
	}
	s.edit("content/1-one/b.md", "See [why]", "Fill in [the sheet](worksheet.pdf). See [why]")
	s.build("content/1-one/b.md")
	if !published("participant/1-one/worksheet.pdf") {
		t.Fatal("linked from a participant page, the file is not published in the participant edition")
	}
	s.edit("content/1-one/b.md", "Fill in [the sheet](worksheet.pdf). ", "")
	s.build("content/1-one/b.md")
	if published("participant/1-one/worksheet.pdf") {
		t.Fatal("the last participant link is gone, but the file is still published in the participant edition")
	}
}

// TestLiveChangedAfterSettingsChange changes a setting (the paper, which
// every page's print rules name, but not the search index or the
// redirects): Build and then Finish must name, between them, exactly the
// files whose bytes differ from the last result, not every file that
// Build left for Finish.
func TestLiveChangedAfterSettingsChange(t *testing.T) {
	s := newLiveSite(t)
	s.build()
	s.edit("praxis.yaml", "title: Live test", "title: Live test\npaper: Letter")
	_, cfg := s.config()
	res, err := s.live.Build(context.Background(), cfg, []string{"praxis.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if want := diffFiles(s.last, res.Files); !slices.Equal(res.Changed, want) {
		t.Errorf("Build: Changed = %q, but the files that differ are %q", res.Changed, want)
	}
	fin, err := s.live.Finish(context.Background())
	if err != nil || fin == nil {
		t.Fatalf("Finish = %v, %v; want the rest of the build", fin, err)
	}
	if want := diffFiles(res.Files, fin.Files); !slices.Equal(fin.Changed, want) {
		t.Errorf("Finish: Changed = %q, but the files that differ are %q", fin.Changed, want)
	}
	want := diffFiles(s.last, fin.Files)
	if got := merge(res.Changed, fin.Changed); !slices.Equal(got, want) {
		t.Errorf("Build and Finish changed %q, but the files that differ are %q", got, want)
	}
}
