package build

import (
	"context"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/folder"
)

// TestBuildWritesOnlyKnownAddresses builds a workbook with both editions,
// chapters (one without an _index.md), an asset, an alias and a base_url,
// and checks that every file it writes is a page, an asset, a redirect, a
// handout or one of package addresses' list, which content refuses
// sources at: so build writes nothing at an address the list lacks. It
// also checks that build writes every file of the list.
func TestBuildWritesOnlyKnownAddresses(t *testing.T) {
	root := t.TempDir()
	write := (&liveSite{t: t, root: root}).write
	write("praxis.yaml", "title: T\nbase_url: https://example.org/wb/\neditions: [participant, facilitator]\n")
	write("content/_index.md", "# Home\n")
	write("content/1-a/_index.md", "# One\n")
	write("content/1-a/p.md", "---\ntitle: P\naliases: [old/p/]\n---\n\n::: prompt {#p1}\nWhy?\n:::\n\n::: actions {#a1}\n:::\n")
	write("content/2-b/q.md", "# Q\n\n![A picture](pic.png)\n")
	write("content/2-b/pic.png", "not really a picture")
	b := New(Options{Root: root, Defaults: praxis.Defaults, Now: fixedNow})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	mem := NewMemory()
	if _, err := b.Build(context.Background(), cfg, mem); err != nil {
		t.Fatal(err)
	}
	reserved := addresses.Files()
	delete(reserved, addresses.Marker) // Write's, not Build's
	for _, edition := range cfg.Editions {
		prefix := cfg.EditionFolder(edition)
		known := knownAddresses(t, root, edition)
		for f := range reserved {
			known[f] = true
			if _, ok := mem.Files()[prefix+f]; !ok {
				t.Errorf("%s: %s is in the list of addresses but was not built", edition, f)
			}
		}
		for f := range mem.Files() {
			rel, ok := strings.CutPrefix(f, prefix)
			top, _, _ := strings.Cut(rel, "/")
			if ok && !known[rel] && addresses.Dirs()[top] == "" {
				t.Errorf("%s: built %s, which is neither a source's address nor in package addresses' list", edition, f)
			}
		}
	}
}

// knownAddresses returns the addresses the sources of edition claim:
// pages, assets, redirects and chapter handouts.
func knownAddresses(t *testing.T, root, edition string) map[string]bool {
	t.Helper()
	wb, err := content.Load(folder.New(root), content.Options{Edition: edition})
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, p := range wb.Pages() {
		known[p.OutputFile()] = true
		for _, a := range p.Meta.Aliases {
			known[content.AliasFile(a)] = true
		}
	}
	for _, a := range wb.Assets {
		known[a.URL] = true
	}
	for _, c := range wb.Chapters {
		known[addresses.Handout(c.Dir)] = true
	}
	if len(wb.Chapters) < 2 || len(wb.Assets) != 1 || edition != config.Participant && edition != config.Facilitator {
		t.Fatalf("the test workbook lacks what it should test: %d chapters, %d assets", len(wb.Chapters), len(wb.Assets))
	}
	return known
}
