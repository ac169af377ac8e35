package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis"
)

// TestGoldenActionsPage compares the "My action steps" page of
// testdata/golden/site with testdata/golden/actions/index.html.golden
// (go test ./internal/build -run Golden -update rewrites it).
func TestGoldenActionsPage(t *testing.T) {
	compareGolden(t, ActionsPage, buildGoldenSite(t)[ActionsPage], filepath.Join("testdata/golden", filepath.FromSlash(ActionsPage)+".golden"))
}

// TestActionsPageListsPlansAndReviews checks what the actions page tells
// the script: each plan's date column and the reviews that look back at it,
// with links that work from the page's folder.
func TestActionsPageListsPlansAndReviews(t *testing.T) {
	page := string(buildGoldenSite(t)[ActionsPage])
	for _, want := range []string{
		`<li data-plan="plan" data-when="2" data-reviews="look-back" data-file="1-start/session/index.html#plan"><a href="../1-start/session/index.html#plan">`,
		`<body class="kind-actions">`,
		`<a href="../prompts/index.html">All prompts</a>`,
		`<a href="../actions/index.html">My action steps</a>`,
		`<script src="../theme/loop.js" defer></script>`,
		`data-base-url="https://example.org/golden/"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("%s lacks %s; got:\n%s", ActionsPage, want, page)
		}
	}
}

// buildGoldenSite builds testdata/golden/site (participant edition) in
// memory and returns its files.
func buildGoldenSite(t *testing.T) map[string][]byte {
	t.Helper()
	b := New(Options{Root: "testdata/golden/site", Defaults: praxis.Defaults,
		Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	mem := NewMemory()
	if _, err := b.Build(context.Background(), cfg, mem); err != nil {
		t.Fatal(err)
	}
	return mem.Files()
}
