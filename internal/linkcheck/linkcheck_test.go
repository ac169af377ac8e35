package linkcheck

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheckFindsBrokenReferences(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":   {Data: []byte(`<a href="a/index.html#x">ok</a><a href="a/index.html#nope">bad</a><a href="b/">dir</a><img src="/abs.png"><a href="https://example.org">ext</a><a href="#top">self</a><p id="top">`)},
		"a/index.html": {Data: []byte(`<h2 id="x">X</h2><link href="../missing.css" rel="stylesheet"><a href="../../up.html">up</a>`)},
		"b/index.html": {Data: []byte(``)},
	}
	problems, err := Check(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{
		"a/index.html: ../../up.html: leaves the site",
		"a/index.html: ../missing.css: no such file missing.css",
		"index.html: /abs.png: absolute path: breaks from file:// and under a sub-path",
		"index.html: a/index.html#nope: no element with id nope in a/index.html",
		"index.html: b/: links a folder: opened from disk this shows a directory listing; link index.html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckDecodesAndRefusesScriptsAndBadEscapes(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html": {Data: []byte(`<a href="./a%20b/50%25%23/index.html#x">ok</a>` +
			`<a href="javascript:alert(1)/index.html">script</a>` +
			`<a href="./javascript:alert(1)/index.html">folder</a>` +
			`<a href="./a b/50%25%23/index.html">space</a>` +
			`<a href="./100%41b/index.html">not an escape</a>` +
			`<a href="./100%zz/index.html">bad escape</a>`)},
		"a b/50%#/index.html":            {Data: []byte(`<h2 id="x">X</h2>`)},
		"javascript:alert(1)/index.html": {Data: []byte(``)},
		"old/index.html":                 {Data: []byte(`<meta http-equiv="refresh" content="0; url=../a%20b/50%25%23/index.html#y">`)},
	}
	got := problemList(t, fsys, "")
	want := []string{
		"index.html: ./100%41b/index.html: no such file 100Ab/index.html",
		"index.html: ./100%zz/index.html: malformed address",
		"index.html: ./a b/50%25%23/index.html: byte ' ' at 3 is not percent-encoded",
		"index.html: javascript:alert(1)/index.html: runs a script when followed",
		"old/index.html: ../a%20b/50%25%23/index.html#y: no element with id y in a b/50%#/index.html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCheckPublishedFollowsTheSitesOwnAddresses(t *testing.T) {
	fsys := fstest.MapFS{
		"404.html":       {Data: []byte(`<a href="https://example.org/wb/a%20b/index.html">ok</a><a href="https://example.org/wb/gone/index.html">gone</a><a href="https://elsewhere.example/x">ext</a>`)},
		"a b/index.html": {Data: []byte(``)},
		"index.html":     {Data: []byte(``)},
		"sitemap.xml":    {Data: []byte(`<urlset><url><loc>https://example.org/wb/</loc></url><url><loc>https://example.org/wb/a%20b/</loc></url><url><loc>https://example.org/wb/a b/</loc></url><url><loc>https://example.org/other/</loc></url></urlset>`)},
	}
	got := problemList(t, fsys, "https://example.org/wb/")
	want := []string{
		"404.html: https://example.org/wb/gone/index.html: no such file gone/index.html",
		"sitemap.xml: https://example.org/other/: does not start with the site's address https://example.org/wb/",
		"sitemap.xml: https://example.org/wb/a b/: byte ' ' at 24 is not percent-encoded",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func problemList(t *testing.T, fsys fstest.MapFS, base string) []string {
	t.Helper()
	problems, err := CheckPublished(fsys, base)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	return got
}
