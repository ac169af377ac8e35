package build

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/linkcheck"
	"github.com/praxis-workbooks/praxis/internal/txtartest"
)

// buildNames builds testdata/names.txtar and returns the output folder.
func buildNames(t *testing.T) string {
	t.Helper()
	root := txtartest.Unpack(t, "testdata/names.txtar")
	out := filepath.Join(t.TempDir(), "public")
	b := New(Options{Root: root, Output: out, Defaults: praxis.Defaults, Now: fixedNow})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Write(context.Background(), cfg); err != nil {
		t.Fatalf("building testdata/names.txtar: %v", err)
	}
	return out
}

// TestAwkwardNamesLinkToTheirFiles builds a workbook whose names hold #, ?,
// %, spaces and non-ASCII letters, and a folder named javascript:alert(1):
// every address praxis writes must be valid and, decoded, name its file.
func TestAwkwardNamesLinkToTheirFiles(t *testing.T) {
	out := buildNames(t)
	for _, f := range []string{"a b/50% off/index.html", "a b/q?/index.html", "c#sharp/notes #1/index.html",
		"javascript:alert(1)/page/index.html", "Ünïcødé/café/index.html", "100%ab/index.html", "a b/photo one.svg",
		"c#sharp/file?.txt", "old page/index.html"} {
		if _, err := os.Stat(filepath.Join(out, "participant", filepath.FromSlash(f))); err != nil {
			t.Errorf("output file named as its source: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "facilitator", "Ünïcødé", "für trainer", "index.html")); err != nil {
		t.Errorf("facilitator page named as its source: %v", err)
	}
	for _, edition := range []string{"participant/", "facilitator/"} {
		problems, err := linkcheck.CheckPublished(os.DirFS(filepath.Join(out, edition)), "https://example.org/wb/"+strings.TrimPrefix(edition, "participant/"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Errorf("%sbroken reference: %s", edition, p)
		}
		checkPromptPages(t, out, edition)
		checkQRAddresses(t, out, edition)
	}
}

// checkPromptPages checks that the page of every prompt in prompt-index.js
// and of every plan in prompts.js, which the scripts append to the site's
// root, is percent-encoded and names a file.
func checkPromptPages(t *testing.T, out, edition string) {
	t.Helper()
	var pages []string
	var index struct {
		Prompts []struct{ Page string }
	}
	var list struct {
		Plans map[string]struct{ Page string }
	}
	readScript(t, filepath.Join(out, edition, "prompt-index.js"), &index)
	readScript(t, filepath.Join(out, edition, "prompts.js"), &list)
	for _, p := range index.Prompts {
		pages = append(pages, p.Page)
	}
	for _, p := range list.Plans {
		pages = append(pages, p.Page)
	}
	if len(pages) < 4 {
		t.Fatalf("%sprompt-index.js and prompts.js name %d pages, want the prompts' and the plan's", edition, len(pages))
	}
	for _, p := range pages {
		file, err := url.PathUnescape(p)
		if err != nil || strings.ContainsAny(p, " #?") {
			t.Errorf("%sprompt page %q is not percent-encoded", edition, p)
			continue
		}
		if _, err := os.Stat(filepath.Join(out, edition, filepath.FromSlash(file))); err != nil {
			t.Errorf("%sprompt page %q: %v", edition, p, err)
		}
	}
}

// readScript decodes the JSON that the script file assigns to a window
// property into v.
func readScript(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, js, _ := strings.Cut(string(data), " = ")
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(js), ";")), v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

var qrURL = regexp.MustCompile(`<span class="print-qr-url">([^<]*)</span>`)

// checkQRAddresses checks the web address printed under each page's QR
// code in the print book.
func checkQRAddresses(t *testing.T, out, edition string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, edition, "print", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, m := range qrURL.FindAllStringSubmatch(string(data), -1) {
		found++
		addr := strings.ReplaceAll(m[1], "&amp;", "&")
		// The participant edition is published at base_url, the
		// facilitator edition at base_url plus facilitator/.
		rel, ok := strings.CutPrefix(addr, "https://example.org/wb/"+strings.TrimPrefix(edition, "participant/"))
		file, err := url.PathUnescape(rel)
		if !ok || err != nil || strings.ContainsAny(rel, " #?") {
			t.Errorf("QR address %q is not a percent-encoded address of the edition", addr)
			continue
		}
		if _, err := os.Stat(filepath.Join(out, edition, filepath.FromSlash(file), "index.html")); err != nil {
			t.Errorf("QR address %q: %v", addr, err)
		}
	}
	if found < 8 {
		t.Errorf("%sprint/index.html has %d QR addresses, want one per page", edition, found)
	}
}
