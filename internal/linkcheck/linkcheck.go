// Package linkcheck verifies a built site: every relative link and resource
// of every HTML page (and the address a redirect page sends to) must be a
// valid, percent-encoded URL that names a file of the output once decoded,
// and every #fragment an element id of its target page. No link may run a
// script. CheckSitemap does the same for sitemap.xml. Tests use it on the
// example workbook and on workbooks with awkward file names; it reads only
// the output folder.
package linkcheck

import (
	"encoding/xml"
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
func Check(fsys fs.FS) ([]Problem, error) { return CheckPublished(fsys, "") }

// CheckPublished is Check for a site published at base, an absolute
// address ending in "/" like "https://example.org/wb/": a link that starts
// with base is checked as a link into the site, and so is every address
// of sitemap.xml, which must be valid and start with base. With base "",
// it is Check.
func CheckPublished(fsys fs.FS, base string) ([]Problem, error) {
	c := &checker{fsys: fsys, base: base, pages: map[string]*page{}}
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
		c.pages[p] = pg
		return nil
	})
	if err != nil {
		return nil, err
	}
	var problems []Problem
	for name, pg := range c.pages {
		for _, ref := range pg.refs {
			if why := c.check(name, ref); why != "" {
				problems = append(problems, Problem{Page: name, Ref: ref, Why: why})
			}
		}
	}
	if base != "" {
		sitemap, err := c.sitemap()
		if err != nil {
			return nil, err
		}
		problems = append(problems, sitemap...)
	}
	sort.Slice(problems, func(i, j int) bool { return problems[i].String() < problems[j].String() })
	return problems, nil
}

// checker checks the references of one site.
type checker struct {
	fsys  fs.FS
	base  string           // the site's published address, or ""
	pages map[string]*page // by file
}

// sitemap checks every <loc> of sitemap.xml, which must exist.
func (c *checker) sitemap() ([]Problem, error) {
	data, err := fs.ReadFile(c.fsys, "sitemap.xml")
	if err != nil {
		return nil, err
	}
	var set struct {
		Locs []string `xml:"url>loc"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("sitemap.xml: %w", err)
	}
	var problems []Problem
	for _, loc := range set.Locs {
		why := unencoded(loc)
		if why == "" && !strings.HasPrefix(loc, c.base) {
			why = "does not start with the site's address " + c.base
		}
		if why == "" {
			why = c.check("index.html", loc)
		}
		if why != "" {
			problems = append(problems, Problem{Page: "sitemap.xml", Ref: loc, Why: why})
		}
	}
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
			if ref, ok := refreshURL(n); ok {
				pg.refs = append(pg.refs, ref)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return pg, nil
}

// refreshURL returns the address a <meta http-equiv="refresh"> sends to.
func refreshURL(n *html.Node) (string, bool) {
	if n.Data != "meta" || !strings.EqualFold(attr(n, "http-equiv"), "refresh") {
		return "", false
	}
	_, after, ok := strings.Cut(attr(n, "content"), ";")
	after = strings.TrimSpace(after)
	if !ok || len(after) < 4 || !strings.EqualFold(after[:4], "url=") {
		return "", false
	}
	return strings.TrimSpace(after[4:]), true
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// scripted are URL schemes whose links run script instead of opening a page.
var scripted = map[string]bool{"javascript": true, "vbscript": true}

// unencoded returns a description of the first byte of ref that a URL
// must percent-encode (RFC 3986), or "": spaces, controls, backslashes,
// non-ASCII bytes, and % not followed by two hex digits.
func unencoded(ref string) string {
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c <= ' ' || c == 0x7f || c == '\\' || c >= 0x80:
			return fmt.Sprintf("byte %q at %d is not percent-encoded", c, i)
		case c == '%' && (i+2 >= len(ref) || !isHex(ref[i+1]) || !isHex(ref[i+2])):
			return fmt.Sprintf("%% at %d starts no percent-escape", i)
		}
	}
	return ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// check returns what is wrong with reference ref of page from, or "".
func (c *checker) check(from, ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return "malformed address"
	}
	if scripted[strings.ToLower(u.Scheme)] {
		return "runs a script when followed"
	}
	// A fragment may hold letters of any script, as ids do; the file
	// part must be percent-encoded.
	file, _, _ := strings.Cut(ref, "#")
	if why := unencoded(file); why != "" {
		return why
	}
	if c.base != "" && strings.HasPrefix(ref, c.base) {
		// From the site root; a web server shows a folder's index.html.
		u, err = url.Parse("./" + ref[len(c.base):])
		if err != nil {
			return "malformed address"
		}
		if u.Path == "./" || strings.HasSuffix(u.Path, "/") {
			u.Path += "index.html"
		}
		from = "index.html"
	} else if u.Scheme != "" || strings.HasPrefix(ref, "//") {
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
		if target == ".." || strings.HasPrefix(target, "../") {
			return "leaves the site"
		}
		if _, err := fs.Stat(c.fsys, target); err != nil {
			return "no such file " + target
		}
	}
	if u.Fragment == "" {
		return ""
	}
	pg := c.pages[target]
	if pg == nil {
		return ""
	}
	if !pg.ids[u.Fragment] {
		return "no element with id " + u.Fragment + " in " + target
	}
	return ""
}
