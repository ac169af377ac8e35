package build

import (
	"context"
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/config"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden")

// TestGoldenPages builds testdata/golden/site in both editions and compares
// whole output pages with testdata/golden/*.golden: frame, navigation,
// blocks, session sheet, print book, handout and prompt bank. The golden
// files of the participant edition, in participant/, are named by their
// address in that edition.
func TestGoldenPages(t *testing.T) {
	b, cfg := goldenBuilder(t, "testdata/golden/site")
	mem := NewMemory()
	if _, err := b.Build(context.Background(), cfg, mem); err != nil {
		t.Fatal(err)
	}
	files := mem.Files()
	for _, name := range []string{
		"index.html", "1-start/index.html", "1-start/session/index.html", "1-start/reflection/index.html",
		"1-start/print.html", "print/index.html", "prompts/index.html", "404.html", "prompts.js", "prompt-index.js", "search-index.js", "sitemap.xml",
		"facilitator/1-start/session/index.html", "facilitator/search-index.js",
	} {
		built := name
		if !strings.HasPrefix(name, "facilitator/") {
			built = "participant/" + name
		}
		compareGolden(t, name, files[built], filepath.Join("testdata/golden", filepath.FromSlash(name)+".golden"))
	}
}

// goldenBuilder is a Builder of the golden site at root, in both editions.
func goldenBuilder(t *testing.T, root string) (*Builder, *config.Config) {
	t.Helper()
	b := New(Options{Root: root, Defaults: praxis.Defaults,
		Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Editions = []string{"participant", "facilitator"}
	return b, cfg
}

// firstDiff describes where two files first differ as line:col.
func firstDiff(a, b []byte) string {
	line, col := 1, 1
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return "line " + strconv.Itoa(line) + " col " + strconv.Itoa(col)
		}
		if a[i] == '\n' {
			line, col = line+1, 0
		}
		col++
	}
	return "the end of the shorter file, line " + strconv.Itoa(line)
}
