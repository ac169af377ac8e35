package site

import (
	"io/fs"
	"net/url"
	"path"
	"strings"
	"testing"
)

func TestRelEscapesAndStartsWithDot(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"", "", "./index.html"},
		{"", "2-action/plan/", "./2-action/plan/index.html"},
		{"1-a/b/", "2-action/plan/index.html", "../../2-action/plan/index.html"},
		{"", "javascript:alert(1)/index.html", "./javascript:alert(1)/index.html"},
		{"x/", "a b/50% off/", "../a%20b/50%25%20off/index.html"},
		{"x/", "c#sharp/q?.txt", "../c%23sharp/q%3F.txt"},
		{"", "Ünïcødé/café/", "./%C3%9Cn%C3%AFc%C3%B8d%C3%A9/caf%C3%A9/index.html"},
		{"", "100%ab/", "./100%25ab/index.html"},
		{"", "semi;colon,comma/", "./semi%3Bcolon%2Ccomma/index.html"},
		{"", "keep-._~!$&'()*+=:@/", "./keep-._~!$&'()*+=:@/index.html"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
	if got, want := Href("https://example.org/wb/", "a b/"), "https://example.org/wb/a%20b/"; got != want {
		t.Errorf("Href with a base: got %q, want %q", got, want)
	}
}

// FuzzHref checks that the address of any file a workbook can hold parses
// as a relative URL reference with no scheme, query or fragment, whose
// path, decoded, is the file, from the site root and from a folder below
// it; and, after a base URL, as that file under the base.
func FuzzHref(f *testing.F) {
	for _, seed := range []string{"index.html", "javascript:alert(1)/index.html", "a b/50% off/index.html",
		"c#sharp/q?.txt", "100%ab/index.html", "Ünïcødé/café/index.html", "%", "#", "?", ":", "a:b:c",
		"vbscript:x", "data:text/html,x", "a\x00b", "\\..\\x", "\xff\xfe", "%2e%2e/x", " ", "a\nb", "&amp;"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, file string) {
		if !fs.ValidPath(file) || file == "." {
			return
		}
		for _, root := range []string{"", "../../"} {
			h := Href(root, file)
			u, err := url.Parse(h)
			if err != nil {
				t.Fatalf("Href(%q, %q) = %q does not parse: %v", root, file, h, err)
			}
			if u.Scheme != "" || u.Opaque != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" {
				t.Fatalf("Href(%q, %q) = %q has a scheme, host, query or fragment: %#v", root, file, h, u)
			}
			if got := strings.TrimPrefix(u.Path, root); got != "./"+file && got != file {
				t.Fatalf("Href(%q, %q) = %q decodes to %q", root, file, h, u.Path)
			}
			for i := 0; i < len(h); i++ {
				if c := h[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0 {
					t.Fatalf("Href(%q, %q) = %q holds %q, which a URL must encode", root, file, h, c)
				}
			}
		}
		const base = "https://example.org/wb/"
		u, err := url.Parse(Href(base, file))
		if err != nil || u.Host != "example.org" || u.RawQuery != "" || u.Fragment != "" || path.Clean(u.Path) != path.Clean("/wb/"+file) {
			t.Fatalf("Href(%q, %q) = %q: %#v, %v", base, file, Href(base, file), u, err)
		}
	})
}
