// Package linkcheck verifies a built site: every relative link and resource
// of every HTML page must name a file that exists in the output, and every
// #fragment an element id of its target page. Tests use it on the example
// workbook; it reads only the output folder.
package linkcheck

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Problem is one broken reference.
type Problem struct {
	Page string // the HTML file holding the reference
	Ref  string // the href or src as written
	Why  string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.Page, p.Ref, p.Why) }

type page struct {
	ids  map[string]bool
	refs []string
}

// Check reads every .html file of the site fsys and returns the broken
// references, sorted. External (scheme or //) references are not followed.
func Check(fsys fs.FS) ([]Problem, error) {
	pages := map[string]*page{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		pg, err := parse(string(data))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		pages[p] = pg
		return nil
	})
	if err != nil {
		return nil, err
	}
	var problems []Problem
	for name, pg := range pages {
		for _, ref := range pg.refs {
			if why := check(fsys, pages, name, ref); why != "" {
				problems = append(problems, Problem{Page: name, Ref: ref, Why: why})
			}
		}
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].String() < problems[j].String() })
	return problems, nil
}

func parse(src string) (*page, error) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, err
	}
	pg := &page{ids: map[string]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case a.Key == "id" || (a.Key == "name" && n.Data == "a"):
					pg.ids[a.Val] = true
				case a.Key == "href" && (n.Data == "a" || n.Data == "link"), a.Key == "src":
					pg.refs = append(pg.refs, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return pg, nil
}

func check(fsys fs.FS, pages map[string]*page, from, ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return "malformed address"
	}
	if u.Scheme != "" || strings.HasPrefix(ref, "//") {
		return ""
	}
	if strings.HasPrefix(u.Path, "/") {
		return "absolute path: breaks from file:// and under a sub-path"
	}
	target := from
	if u.Path != "" {
		if strings.HasSuffix(u.Path, "/") {
			return "links a folder: opened from disk this shows a directory listing; link index.html"
		}
		target = path.Join(path.Dir(from), u.Path)
		if strings.HasPrefix(target, "../") {
			return "leaves the site"
		}
		if _, err := fs.Stat(fsys, target); err != nil {
			return "no such file " + target
		}
	}
	if u.Fragment == "" {
		return ""
	}
	pg := pages[target]
	if pg == nil {
		return ""
	}
	if !pg.ids[u.Fragment] {
		return "no element with id " + u.Fragment + " in " + target
	}
	return ""
}
