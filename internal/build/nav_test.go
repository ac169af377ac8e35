package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/layout"
)

// chapterSite writes a workbook of n chapters of one page each and builds
// it into memory.
func chapterSite(t *testing.T, n int) map[string][]byte {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{"content/_index.md": "---\ntitle: Many chapters\n---\nStart here.\n"}
	for c := 1; c <= n; c++ {
		files[fmt.Sprintf("content/ch-%03d/_index.md", c)] = fmt.Sprintf("---\ntitle: Chapter %d\nweight: %d\n---\nAbout it.\n", c, c)
		files[fmt.Sprintf("content/ch-%03d/page.md", c)] = fmt.Sprintf("---\ntitle: Page of %d\n---\nText.\n", c)
	}
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := New(Options{Root: root, Defaults: praxis.Defaults, Now: fixedNow})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	out := NewMemory()
	if _, err := b.Build(context.Background(), cfg, out); err != nil {
		t.Fatal(err)
	}
	return out.Files()
}

var (
	sidebarRE = regexp.MustCompile(`(?s)<nav class="sidebar".*?</nav>`)
	chapterRE = regexp.MustCompile(`<li class="toc-chapter[^"]*">\s*<a href="[^"]*"[^>]*><span class="num">(\d+)</span>`)
	moreRE    = regexp.MustCompile(`<li class="toc-more"><a href="([^"]*)">([^<]*)</a></li>`)
)

// sidebarOf returns the chapter numbers a page's sidebar lists, and its
// link to all chapters ("" for none).
func sidebarOf(t *testing.T, files map[string][]byte, page string) (chapters []string, more string) {
	t.Helper()
	nav := sidebarRE.Find(files[page])
	if nav == nil {
		t.Fatalf("%s has no sidebar", page)
	}
	for _, m := range chapterRE.FindAllSubmatch(nav, -1) {
		chapters = append(chapters, string(m[1]))
	}
	if m := moreRE.FindSubmatch(nav); m != nil {
		more = string(m[1]) + " " + string(m[2])
	}
	return chapters, more
}

func span(lo, hi int) string {
	var s []string
	for i := lo; i <= hi; i++ {
		s = append(s, fmt.Sprint(i))
	}
	return strings.Join(s, " ")
}

// TestSidebarWindowsManyChapters checks that a workbook of more than
// layout.FullNavChapters chapters lists, on every page, the
// layout.NavWindow chapters around the page's own and links to the start
// page, and that a smaller one lists every chapter.
func TestSidebarWindowsManyChapters(t *testing.T) {
	n := layout.FullNavChapters + 10
	files := chapterSite(t, n)
	half := layout.NavWindow / 2
	tests := []struct {
		page, chapters, more string
	}{
		{"index.html", span(1, layout.NavWindow), "./index.html All 70 chapters"},
		{"ch-001/page/index.html", span(1, layout.NavWindow), "../../index.html All 70 chapters"},
		{"ch-040/index.html", span(40-half, 40+half), "../index.html All 70 chapters"},
		{"ch-040/page/index.html", span(40-half, 40+half), "../../index.html All 70 chapters"},
		{"ch-070/page/index.html", span(n-layout.NavWindow+1, n), "../../index.html All 70 chapters"},
	}
	for _, tt := range tests {
		chapters, more := sidebarOf(t, files, tt.page)
		if got := strings.Join(chapters, " "); got != tt.chapters {
			t.Errorf("%s: sidebar lists chapters %s, want %s", tt.page, got, tt.chapters)
		}
		if more != tt.more {
			t.Errorf("%s: link to all chapters = %q, want %q", tt.page, more, tt.more)
		}
	}
	if home := string(files["index.html"]); !strings.Contains(home, `href="./ch-070/index.html"`) {
		t.Error("the start page, which the sidebar links to, does not list chapter 70")
	}

	small := chapterSite(t, layout.FullNavChapters)
	chapters, more := sidebarOf(t, small, "ch-030/page/index.html")
	if got, want := strings.Join(chapters, " "), span(1, layout.FullNavChapters); got != want || more != "" {
		t.Errorf("%d chapters: sidebar lists %s and link %q, want every chapter and no link", layout.FullNavChapters, got, more)
	}
}
