package site

import (
	"net/url"
	"path"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
)

// PromptScheme starts a link to a prompt: [](prompt:first-step).
const PromptScheme = "prompt:"

// resolved is what a link of a page becomes: the address it points to and,
// for a prompt link, the text and title it gets.
type resolved struct {
	dest  string
	text  string // the link text, for an empty link to a prompt
	title string // the link title, for a link to a prompt without one
}

// resolveLinks works out the relative address of every link and image of
// p, and reports those whose target does not exist.
func (s *Site) resolveLinks(p *Page) diag.List {
	var errs diag.List
	p.links = make([]resolved, len(p.Summary.Links))
	for i, l := range p.Summary.Links {
		r, target, msg := s.resolve(p, l)
		if msg != "" {
			errs.Add(p.Pos(l.Offset), "%s", msg)
			continue
		}
		p.links[i] = r
		if target != nil {
			target.Link = i
			p.Targets = append(p.Targets, *target)
		}
	}
	return errs
}

// resolve returns what a link becomes, or a message saying why it is
// broken.
func (s *Site) resolve(p *Page, l LinkInfo) (resolved, *Target, string) {
	dest := l.Dest
	switch {
	case dest == "":
		return resolved{}, nil, "link has no target; write [text](page.md) or [text](https://…)"
	case strings.HasPrefix(dest, PromptScheme):
		return s.resolvePrompt(p, l, strings.TrimPrefix(dest, PromptScheme))
	case strings.HasPrefix(dest, "#"):
		if !p.anchors[dest[1:]] {
			return resolved{}, nil, "link to " + dest + ": no heading or prompt with that id on this page" + s.anchorHint(p, dest[1:])
		}
		return resolved{dest: dest}, &Target{Page: p, Frag: dest[1:]}, ""
	case isExternal(dest):
		return resolved{dest: dest}, nil, ""
	}
	out, target, msg := s.resolvePath(p, dest)
	return resolved{dest: out}, target, msg
}

func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme != "" && len(u.Scheme) > 1
}

// resolvePath resolves a link to another source file, relative to the page's
// folder (or to content/ when it starts with a slash).
func (s *Site) resolvePath(p *Page, dest string) (string, *Target, string) {
	target, frag, _ := strings.Cut(dest, "#")
	target, _, _ = strings.Cut(target, "?")
	unescaped, err := url.PathUnescape(target)
	if err != nil {
		unescaped = target // a % that starts no escape: a name like "50% off.md"
	}
	var src string
	if strings.HasPrefix(unescaped, "/") {
		src = path.Join(content.Dir, unescaped)
	} else {
		src = path.Join(sourceDir(p), unescaped)
	}
	if src != content.Dir && !strings.HasPrefix(src, content.Dir+"/") {
		return "", nil, "link to " + dest + " points outside the content folder; link to pages and files inside content/"
	}
	if tp := s.pageForSource(src); tp != nil {
		if frag != "" && !tp.anchors[frag] {
			return "", nil, "link to " + dest + ": " + tp.Source + " has no heading or prompt with id \"" + frag + "\"" + s.anchorHint(tp, frag)
		}
		return withFrag(Rel(p.URL, tp.OutputFile()), frag), &Target{Page: tp, Frag: frag}, ""
	}
	if s.assets[src] {
		asset := strings.TrimPrefix(src, content.Dir+"/")
		return withFrag(Rel(p.URL, asset), frag), &Target{Asset: asset, Frag: frag}, ""
	}
	if strings.HasSuffix(src, ".md") {
		return "", nil, "link to " + dest + ": there is no page " + src + " (check the file name, or whether the page is a draft or facilitator-only)"
	}
	return "", nil, "link to " + dest + ": there is no file " + src
}

// pageForSource finds the page for a link to a .md file or a folder.
func (s *Site) pageForSource(src string) *Page {
	if p := s.bySource[src]; p != nil {
		return p
	}
	if strings.HasSuffix(src, ".md") {
		return nil
	}
	return s.bySource[path.Join(src, "_index.md")]
}

func withFrag(u, frag string) string {
	if frag == "" {
		return u
	}
	return u + "#" + frag
}

func (s *Site) anchorHint(p *Page, id string) string {
	var ids []string
	for a := range p.anchors {
		ids = append(ids, a)
	}
	if near := diag.Suggest(id, ids); near != "" {
		return " (did you mean #" + near + "?)"
	}
	return ""
}
