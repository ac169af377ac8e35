package urlpath

import (
	"net/url"
	"testing"
)

func TestEscape(t *testing.T) {
	for p, want := range map[string]string{
		"2-action/plan/index.html":       "2-action/plan/index.html",
		"a b/50% off/index.html":         "a%20b/50%25%20off/index.html",
		"c#sharp/q?.txt":                 "c%23sharp/q%3F.txt",
		"café":                           "caf%C3%A9",
		"semi;colon,comma":               "semi%3Bcolon%2Ccomma",
		"keep-._~!$&'()*+=:@/x":          "keep-._~!$&'()*+=:@/x",
		"tab\there\x00\x7f\\back\"quote": "tab%09here%00%7F%5Cback%22quote",
	} {
		got := Escape(p)
		if got != want {
			t.Errorf("Escape(%q) = %q, want %q", p, got, want)
		}
		if back, err := url.PathUnescape(got); err != nil || back != p {
			t.Errorf("Escape(%q) = %q decodes to %q, %v", p, got, back, err)
		}
	}
}
