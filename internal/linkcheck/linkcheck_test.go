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
