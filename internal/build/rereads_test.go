package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A big workbook's build reads every page again to render it; what it
// writes must be what a small workbook's build, which keeps the trees,
// writes: every file of both editions, byte for byte.
func TestRereadPagesBuildTheSameSite(t *testing.T) {
	build := func(keep int) map[string][]byte {
		b, cfg := goldenBuilder(t, "testdata/golden/site")
		b.keepTreesUpTo = keep
		mem := NewMemory()
		if _, err := b.Build(context.Background(), cfg, mem); err != nil {
			t.Fatal(err)
		}
		return mem.Files()
	}
	kept, reread := build(keepTreesUpTo), build(0)
	if len(kept) != len(reread) {
		t.Errorf("%d files with the trees kept, %d with the pages read again", len(kept), len(reread))
	}
	for name, want := range kept {
		if got, ok := reread[name]; !ok {
			t.Errorf("%s is missing when the pages are read again", name)
		} else if !bytes.Equal(got, want) {
			t.Errorf("%s differs when the pages are read again, at %s", name, firstDiff(got, want))
		}
	}
}

// A page saved between assembly and rendering is reported, not rendered
// from its new text into what was assembled from the old.
func TestRereadRefusesAPageChangedDuringTheBuild(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("testdata/golden/site")); err != nil {
		t.Fatal(err)
	}
	e := rereadEdition(t, root)
	e.reread.drop(e.site.Pages)
	var page, other = e.site.Pages[1], e.site.Pages[2]
	if page.Body != nil {
		t.Fatal("drop kept the body")
	}
	file := filepath.Join(root, filepath.FromSlash(page.Source))
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, append(src, "\nOne more line.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = e.tree(page)
	if err == nil || !strings.Contains(err.Error(), page.Source+": the file changed while praxis was building the workbook; build again") {
		t.Errorf("tree of a changed page: got %v, want a message that it changed", err)
	}
	if _, err := e.tree(other); err != nil {
		t.Errorf("tree of an unchanged page: %v", err)
	}
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(other.Source))); err != nil {
		t.Fatal(err)
	}
	if _, err := e.tree(other); err == nil || !strings.Contains(err.Error(), other.Source+": reading it again to render it") {
		t.Errorf("tree of a deleted page: got %v, want a message naming it", err)
	}
}

// TestRereadPlanHoldsNoMarkdown checks that the plan of a big build, which
// lets go of the pages' Markdown, does not hold on to it through the
// bodies its page steps render from: at 10,000 pages that was 40 MB more
// live heap and 100 garbage collections instead of 70.
func TestRereadPlanHoldsNoMarkdown(t *testing.T) {
	e := rereadEdition(t, "testdata/golden/site")
	bodies := e.pageBodies(newKey().sum(), e.site.Pages)
	e.reread.drop(e.site.Pages)
	for i, body := range bodies {
		if body.src != nil {
			t.Errorf("%s: the body of its step holds %d bytes of Markdown after the build let go of it", e.site.Pages[i].Source, len(body.src))
		}
	}
}

// rereadEdition assembles the participant edition of the workbook in root
// as a big build does, keeping no syntax trees and reading the pages again
// to render them.
func rereadEdition(t *testing.T, root string) *edition {
	t.Helper()
	b, cfg := goldenBuilder(t, root)
	b.keepTreesUpTo = 0
	e, err := b.assembleEdition(context.Background(), cfg, "participant", NewMemory(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if e.reread == nil {
		t.Fatal("a build that keeps no trees does not read the pages again")
	}
	return e
}
