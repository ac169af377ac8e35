package content

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/diag"
)

// Addresses praxis writes itself (see package addresses). A page, asset or
// alias published at one of them would overwrite what praxis generates, or
// be overwritten by it, so Load reports it at the source, saying what
// praxis uses the address for. README.md shows the list to writers.
var (
	// reservedFiles are files of every edition, with what they are.
	reservedFiles = addresses.Files()
	// reservedDirs are top-level folders of every edition praxis fills.
	reservedDirs = addresses.Dirs()
)

// An owner is what puts one file into the output.
type owner struct {
	pos    diag.Pos // where it is written: a source, or a front matter entry
	label  string   // what it is, said before the address: `alias "old/": `
	name   string   // how another owner's message names it
	fix    string   // how to publish it elsewhere, for messages
	praxis string   // for a file only praxis makes: what it is
	alias  bool
	made   bool // the page praxis makes for a chapter without _index.md
}

// claims collects who publishes each output file.
type claims struct {
	owners map[string]owner
	errs   diag.List
}

// checkAddresses reports sources that would be published at one address:
// two sources, or a source and a file praxis makes. loaded are the pages
// read from files, in the order read; w is arranged. Addresses that differ
// only in letter case go to w.Warnings (see caseTwins).
func (w *Workbook) checkAddresses(loaded []*Page) diag.List {
	a := &claims{owners: map[string]owner{}}
	for f, what := range reservedFiles {
		a.owners[f] = owner{praxis: what}
	}
	for _, c := range w.Chapters {
		a.owners[addresses.Handout(c.Dir)] = owner{praxis: "the handout of chapter " + c.Dir}
	}
	w.claimGenerated(a, loaded)
	for _, as := range w.Assets {
		a.claim(as.URL, sourceOwner(as.Source, as.URL, false))
	}
	for _, p := range loaded {
		a.claim(p.OutputFile(), sourceOwner(p.Source, p.OutputFile(), p.IsIndex))
	}
	for _, p := range loaded {
		for i, al := range p.Meta.Aliases {
			pos := diag.Pos{File: p.Source, Line: 1, Col: 1}
			if i < len(p.Meta.AliasPos) {
				pos = p.Meta.AliasPos[i]
			}
			a.claim(AliasFile(al), owner{pos: pos, label: fmt.Sprintf("alias %q: ", al),
				name: fmt.Sprintf("alias %q at %s", al, pos), fix: "change or remove the alias", alias: true})
		}
	}
	w.Warnings = a.caseTwins()
	return a.errs
}

// caseTwins warns about output files whose addresses differ only in letter
// case, like Intro/index.html and intro/index.html, and about folders named
// like praxis's own but for case (Theme/): the file systems of macOS and
// Windows ignore case, so when the site is unzipped or copied there, one
// file replaces the other. Each warning is at a source and names the other
// one. Sources that differ only in case can exist only on a computer whose
// file system tells them apart, so these are warnings: the site works on
// a web server.
func (a *claims) caseTwins() diag.List {
	var warns diag.List
	byKey := make(map[string][]string, len(a.owners))
	for f := range a.owners {
		k := strings.ToLower(f)
		byKey[k] = append(byKey[k], f)
	}
	for _, files := range byKey {
		if len(files) < 2 {
			continue
		}
		slices.SortFunc(files, func(x, y string) int {
			return cmp.Or(cmp.Compare(a.owners[x].praxis, a.owners[y].praxis), cmp.Compare(x, y))
		})
		for _, f := range files[1:] {
			o, first := a.owners[f], files[0]
			if o.praxis != "" {
				o, f, first = a.owners[first], first, f
			}
			if o.praxis == "" {
				warns.Warn(o.pos, "%saddress %q differs only in letter case from %q (%s); on macOS and Windows they are one file, so one would replace the other there: %s",
					o.label, "/"+f, "/"+first, a.owners[first].describe(), o.fix)
			}
		}
	}
	for f, o := range a.owners {
		top, _, _ := strings.Cut(f, "/")
		for dir, what := range reservedDirs {
			if top != dir && o.praxis == "" && strings.EqualFold(top, dir) {
				warns.Warn(o.pos, "%saddress %q is in a folder that differs only in letter case from /%s/, which praxis uses for %s; on macOS and Windows they are one folder: %s",
					o.label, "/"+f, dir, what, o.fix)
			}
		}
	}
	return warns
}

// describe names the owner for a message about another one.
func (o owner) describe() string {
	switch {
	case o.praxis != "":
		return "used by praxis for " + o.praxis
	case o.alias, o.made:
		return o.name
	}
	return o.pos.String()
}

// claimGenerated claims the pages praxis makes for a home page or chapter
// without an _index.md. They are named after the chapter's first page.
func (w *Workbook) claimGenerated(a *claims, loaded []*Page) {
	fromFile := map[*Page]bool{}
	for _, p := range loaded {
		fromFile[p] = true
	}
	if !fromFile[w.Home] {
		a.owners[w.Home.OutputFile()] = owner{praxis: "the home page (there is no " + Dir + "/_index.md)"}
	}
	for _, c := range w.Chapters {
		if fromFile[c.Index] || len(c.Pages) == 0 || reservedDirs[c.Dir] != "" {
			continue // a chapter in a reserved folder: its pages say so
		}
		folder := Dir + "/" + c.Dir + "/"
		a.claim(c.Index.OutputFile(), owner{pos: diag.Pos{File: c.Pages[0].Source, Line: 1, Col: 1},
			label: "the page of chapter " + folder + ": ", name: "the page of chapter " + folder + " (it has no _index.md)",
			fix: "rename the folder " + folder, made: true})
	}
}

// sourceOwner is the owner for a page or asset at src published at file.
func sourceOwner(src, file string, isIndex bool) owner {
	return owner{pos: diag.Pos{File: src, Line: 1, Col: 1}, name: src, fix: renameFix(src, file, isIndex)}
}

// renameFix says what to rename so that the source src is no longer
// published at file: the folder that makes the first part of its address,
// the folder of an _index.md, or else the file.
func renameFix(src, file string, isIndex bool) string {
	rel := strings.TrimPrefix(src, Dir+"/")
	top, _, nested := strings.Cut(rel, "/")
	first, _, _ := strings.Cut(file, "/")
	switch {
	case nested && top == first && reservedDirs[first] != "":
		return "rename the folder " + Dir + "/" + top + "/"
	case isIndex && path.Dir(rel) != ".":
		return "rename the folder " + Dir + "/" + path.Dir(rel) + "/"
	}
	return "rename the file"
}

// claim records o as the owner of file, or reports that file is taken.
func (a *claims) claim(file string, o owner) {
	addr := "/" + file
	if what, dir := reservedDir(file); what != "" {
		a.errs.Add(o.pos, "%saddress %q is inside /%s/, which praxis uses for %s; %s", o.label, addr, dir, what, o.fix)
		return
	}
	prev, taken := a.owners[file]
	if !taken {
		prev, taken = a.parentFile(file)
	}
	switch {
	case taken && prev.praxis != "":
		a.errs.Add(o.pos, "%saddress %q is used by praxis for %s; %s", o.label, addr, prev.praxis, o.fix)
	case taken:
		a.errs.Add(o.pos, "%saddress %q is also produced by %s; %s", o.label, addr, prev.name, bothFix(o, prev))
	default:
		a.owners[file] = o
	}
}

// parentFile finds a file praxis makes where file needs a folder, like
// sitemap.xml for sitemap.xml/index.html.
func (a *claims) parentFile(file string) (owner, bool) {
	for d := path.Dir(file); d != "."; d = path.Dir(d) {
		if o, ok := a.owners[d]; ok && o.praxis != "" {
			return o, true
		}
	}
	return owner{}, false
}

// bothFix says how to resolve a clash of o with the earlier prev.
func bothFix(o, prev owner) string {
	switch {
	case prev.made, o.alias && !prev.alias:
		return o.fix
	case o.alias:
		return "change or remove one of them"
	}
	return "rename or move one of them"
}

// reservedDir returns the top-level folder file lies in, or is named
// like, when praxis fills that folder itself, and what it holds.
func reservedDir(file string) (what, dir string) {
	dir, _, _ = strings.Cut(file, "/")
	return reservedDirs[dir], dir
}

// AliasFile is the output file for an alias like "/old/page/" or "old.html".
func AliasFile(alias string) string {
	a := strings.TrimPrefix(path.Clean("/"+alias), "/")
	if strings.HasSuffix(a, ".html") {
		return a
	}
	if a == "" {
		return "index.html"
	}
	return a + "/index.html"
}
