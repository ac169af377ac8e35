package cli

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzHandoutAddress checks that whatever --handout says, praxis pdf
// prints a file inside the built site, and names its PDF with one plain
// file name in the current folder that is never the whole workbook's.
func FuzzHandoutAddress(f *testing.F) {
	for _, s := range []string{"content/2-insight/perspective.md", "2-insight", "4-sessions/first-session/", "/",
		"content/_index.md", "../../etc/passwd", "a/../../b", "..", "a\\..\\..\\b", "a//b", "./a", "x.html", "\x00"} {
		f.Add(s)
	}
	const id = "wb"
	out := filepath.FromSlash("/site/public")
	f.Fuzz(func(t *testing.T, flag string) {
		addr, _, ok := handoutAddress(flag)
		if !ok {
			return
		}
		if addr != "" && !fs.ValidPath(addr) {
			t.Fatalf("--handout %q: address %q is not a path inside the site", flag, addr)
		}
		for _, page := range []string{addr + "/index.html", addr + "/print.html"} {
			if full := filepath.Join(out, filepath.FromSlash(page)); !strings.HasPrefix(full, out+string(filepath.Separator)) {
				t.Fatalf("--handout %q: prints %s, outside the site", flag, full)
			}
			name := defaultPDFName(id, strings.TrimPrefix(page, "/"))
			if strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".pdf") || name == id+".pdf" {
				t.Fatalf("--handout %q: default name %q", flag, name)
			}
		}
	})
}
