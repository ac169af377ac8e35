package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/config"
)

// FuzzEditSequences applies a sequence of edits, read from the fuzzer's
// bytes, to a small workbook with two chapters and two editions: page
// bodies, headings, prompts, references to prompts and pages, facilitator
// blocks, editions, titles, weights, new, removed and renamed pages,
// chapter settings and praxis.yaml. After every edit it builds the
// workbook the three ways praxis does: a clean build, the Live builder of
// praxis serve (in place where it can, Build then Finish), and Write into
// an output folder with a cache folder, as praxis build run again does.
// The incremental builds must write every file byte for byte as the clean
// build does, and list exactly the files that changed; when an edit breaks
// the workbook (a link to a removed page, a duplicate id), all three fail,
// and the output folder keeps the last good build.
func FuzzEditSequences(f *testing.F) {
	for _, seed := range [][]byte{
		{seqConfig, 2, 0, seqConfig, 0, 0},
		{seqBody, 0, 1, seqHeading, 1, 0, seqPrompt, 2, 0, seqRefPrompt, 3, 0},
		{seqAddPage, 0, 1, seqRefPage, 5, 1, seqRemove, 5, 0, seqRemove, 1, 1},
		{seqRename, 2, 1, seqRename, 4, 0, seqUnknown, 1, 0, seqWeight, 2, 3},
		{seqFacilitator, 1, 1, seqEdition, 2, 0, seqConfig, 1, 0, seqConfig, 2, 0, seqEdition, 2, 0},
		{seqTitle, 0, 4, seqChapter, 1, 1, seqConfig, 0, 0, seqPrompt, 3, 0, seqPrompt, 3, 0, seqClearRefs, 3, 0},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		r := newSeqRun(t)
		r.check("first build", nil)
		for i := 0; i+2 < len(ops) && i < 3*seqMaxSteps; i += 3 {
			what, changed := r.book.apply(ops[i], int(ops[i+1]), int(ops[i+2]))
			r.sync()
			r.check(what, changed)
		}
	})
}

// seqMaxSteps bounds the edits of one sequence, so that one input takes
// well under a second.
const seqMaxSteps = 12

// The edits of a sequence, one per op byte (taken modulo seqOps), each
// with two argument bytes a and b.
const (
	seqBody        = iota // page a's body gets b words
	seqHeading            // page a gets a heading
	seqPrompt             // page a gets a prompt with a new id, or b odd: the id of another prompt (a duplicate)
	seqRefPrompt          // page a refers to prompt b, or to a prompt id that never existed
	seqRefPage            // page a links to page b, with ID b's first heading when b is odd
	seqFacilitator        // page a gets a facilitator block, with a prompt when b is odd
	seqEdition            // page a is for facilitators only, or again for both
	seqTitle              // page a's title changes
	seqWeight             // page a's weight becomes b
	seqAddPage            // a new page in chapter a
	seqRemove             // page a is removed; with b odd, links to it and its prompts go too
	seqRename             // page a moves to chapter b; with b odd, links to it follow
	seqClearRefs          // page a's references go
	seqChapter            // chapter a's title or description changes
	seqConfig             // the title, the editions or base_url change
	seqUnknown            // page a's body changes, and the build is told nothing of what changed
	seqOps
)

// seqChapters are the chapter folders pages go into; 3-three has no
// _index.md and exists only while it has pages.
var seqChapters = []string{"1-one", "2-two", "3-three"}

// seqPage is one page of the workbook, which seqBook writes as Markdown.
type seqPage struct {
	title       string
	weight      int
	facilitator bool     // edition: facilitator
	words       int      // length of the opening paragraph
	headings    []string // ## headings after it
	prompts     []string // prompt ids
	notes       []string // facilitator blocks: the prompt id each holds, or ""
	refs        []string // "prompt:ID", or the content path of a page (with "#anchor")
}

// seqBook is the workbook a sequence edits: its settings and pages by
// their path under content/.
type seqBook struct {
	title   string
	both    bool // editions: [participant, facilitator]
	baseURL bool
	pages   map[string]*seqPage
	next    int               // numbers new pages, prompts and headings
	dirty   map[string]bool   // files to write or remove, relative to the workbook folder
	texts   map[string]string // what is written now, by the same paths
}

func newSeqBook() *seqBook {
	return &seqBook{title: "Sequence", both: true, dirty: map[string]bool{"praxis.yaml": true}, texts: map[string]string{},
		pages: map[string]*seqPage{
			"_index.md":        {title: "Home", refs: []string{"1-one/a.md"}},
			"1-one/_index.md":  {title: "One"},
			"1-one/a.md":       {title: "Page A", weight: 1, words: 3, headings: []string{"Why it matters"}, prompts: []string{"a-first"}},
			"1-one/b.md":       {title: "Page B", weight: 2, prompts: []string{"b-first"}, refs: []string{"1-one/a.md#why-it-matters", "prompt:a-first"}},
			"1-one/guide.md":   {title: "Guide", weight: 3, facilitator: true, notes: []string{""}},
			"2-two/_index.md":  {title: "Two"},
			"2-two/c.md":       {title: "Page C", words: 5, notes: []string{"c-note"}},
			"2-two/session.md": {title: "Session", weight: 1, prompts: []string{"s-goal"}},
		}}
}

// names returns the content paths of the pages, sorted, without the
// chapters' _index.md files when pagesOnly.
func (k *seqBook) names(pagesOnly bool) []string {
	var out []string
	for name := range k.pages {
		if !pagesOnly || path.Base(name) != "_index.md" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// pick returns the a-th of list, cycling, or "" for an empty list.
func pick(list []string, a int) string {
	if len(list) == 0 {
		return ""
	}
	return list[a%len(list)]
}

// promptIDs returns the ids of every prompt, sorted.
func (k *seqBook) promptIDs() []string {
	var ids []string
	for _, p := range k.pages {
		ids = append(ids, p.prompts...)
		for _, id := range p.notes {
			if id != "" {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// touch marks page name as to be written again.
func (k *seqBook) touch(name string) { k.dirty["content/"+name] = true }

// newID returns a fresh name with prefix.
func (k *seqBook) newID(prefix string) string {
	k.next++
	return fmt.Sprintf("%s%d", prefix, k.next)
}

// apply makes edit op with arguments a and b and returns what it did and
// the paths it changed (nil for an edit the build is not told of).
func (k *seqBook) apply(op byte, a, b int) (string, []string) {
	op %= seqOps
	name := pick(k.names(op != seqBody && op != seqTitle && op != seqClearRefs && op != seqRefPage), a)
	p := k.pages[name]
	if p == nil && op != seqAddPage && op != seqChapter && op != seqConfig {
		op = seqAddPage // every page is gone
	}
	var what string
	switch op {
	case seqBody:
		p.words = b % 7
		what = fmt.Sprintf("%d words in %s", p.words, name)
	case seqHeading:
		p.headings = append(p.headings, k.newID("Heading "))
		what = "a heading in " + name
	case seqPrompt:
		id := k.newID("q")
		if ids := k.promptIDs(); b%2 == 1 && len(ids) > 0 {
			id = pick(ids, b/2)
		}
		p.prompts = append(p.prompts, id)
		what = "prompt " + id + " in " + name
	case seqRefPrompt:
		id := "never-was"
		if ids := k.promptIDs(); b%5 != 4 && len(ids) > 0 {
			id = pick(ids, b)
		}
		p.refs = append(p.refs, "prompt:"+id)
		what = name + " refers to prompt " + id
	case seqRefPage:
		target := pick(k.names(false), b)
		if t := k.pages[target]; b%2 == 1 && len(t.headings) > 0 {
			target += "#" + strings.ToLower(strings.ReplaceAll(t.headings[0], " ", "-"))
		}
		p.refs = append(p.refs, target)
		what = name + " links to " + target
	case seqFacilitator:
		id := ""
		if b%2 == 1 {
			id = k.newID("f")
		}
		p.notes = append(p.notes, id)
		what = fmt.Sprintf("a facilitator block (prompt %q) in %s", id, name)
	case seqEdition:
		p.facilitator = !p.facilitator
		what = fmt.Sprintf("%s for facilitators only: %v", name, p.facilitator)
	case seqTitle:
		p.title = k.newID("Title ")
		what = name + " titled " + p.title
	case seqWeight:
		p.weight = b % 5
		what = fmt.Sprintf("%s weighs %d", name, p.weight)
	case seqAddPage:
		name = path.Join(pick(seqChapters, a), k.newID("p")+".md")
		k.pages[name] = &seqPage{title: "New " + name, weight: b % 4, words: b % 3}
		k.touch(name)
		return "new page " + name, k.flush()
	case seqRemove:
		k.remove(name, b%2 == 1)
		return fmt.Sprintf("removed %s (links too: %v)", name, b%2 == 1), k.flush()
	case seqRename:
		to := path.Join(pick(seqChapters, b), k.newID("r")+".md")
		k.rename(name, to, b%2 == 1)
		return fmt.Sprintf("renamed %s to %s (links too: %v)", name, to, b%2 == 1), k.flush()
	case seqClearRefs:
		p.refs = nil
		what = "no references in " + name
	case seqChapter:
		ch := pick([]string{"1-one/_index.md", "2-two/_index.md"}, a)
		k.pages[ch].title = k.newID("Chapter ")
		k.pages[ch].words = b % 4
		k.touch(ch)
		return "chapter " + ch + " changed", k.flush()
	case seqConfig:
		k.config(a)
		return "praxis.yaml changed", k.flush()
	case seqUnknown:
		p.words = (p.words + 1 + b) % 9
		k.touch(name)
		k.flush()
		return "unannounced edit of " + name, nil
	}
	k.touch(name)
	return what, k.flush()
}

// remove takes page name out of the workbook; when links is set, the
// links to it and the references to its prompts go too.
func (k *seqBook) remove(name string, links bool) {
	gone := k.pages[name]
	delete(k.pages, name)
	k.touch(name)
	if !links {
		return
	}
	ids := map[string]bool{}
	for _, id := range slices.Concat(gone.prompts, gone.notes) {
		ids["prompt:"+id] = true
	}
	for other, p := range k.pages {
		kept := slices.DeleteFunc(slices.Clone(p.refs), func(ref string) bool {
			target, _, _ := strings.Cut(ref, "#")
			return target == name || ids[ref]
		})
		if len(kept) != len(p.refs) {
			p.refs = kept
			k.touch(other)
		}
	}
}

// rename moves page name to to; when links is set, links to it follow.
func (k *seqBook) rename(name, to string, links bool) {
	k.pages[to] = k.pages[name]
	delete(k.pages, name)
	k.touch(name)
	k.touch(to)
	if !links {
		return
	}
	for other, p := range k.pages {
		for i, ref := range p.refs {
			if target, anchor, ok := strings.Cut(ref, "#"); target == name {
				p.refs[i] = to
				if ok {
					p.refs[i] += "#" + anchor
				}
				k.touch(other)
			}
		}
	}
}

// config changes one of the settings, chosen by a.
func (k *seqBook) config(a int) {
	switch a % 3 {
	case 0:
		k.title = k.newID("Sequence ")
	case 1:
		k.both = !k.both
	case 2:
		k.baseURL = !k.baseURL
	}
	k.dirty["praxis.yaml"] = true
}

// flush renders the files marked dirty into texts (deleting the removed)
// and returns their paths, sorted, with the pages whose rendering changed
// because something they link to did.
func (k *seqBook) flush() []string {
	for name := range k.dirty {
		if rel, ok := strings.CutPrefix(name, "content/"); ok && k.pages[rel] == nil {
			delete(k.texts, name)
		}
	}
	if k.dirty["praxis.yaml"] {
		k.texts["praxis.yaml"] = k.configText()
	}
	for name, p := range k.pages {
		if k.dirty["content/"+name] {
			k.texts["content/"+name] = p.markdown(name)
		}
	}
	changed := slices.Sorted(func(yield func(string) bool) {
		for name := range k.dirty {
			if !yield(name) {
				return
			}
		}
	})
	clear(k.dirty)
	return changed
}

func (k *seqBook) configText() string {
	text := "title: " + k.title + "\n"
	if k.both {
		text += "editions: [participant, facilitator]\n"
	}
	if k.baseURL {
		text += "base_url: https://example.org/wb/\n"
	}
	return text
}

// markdown writes page p, at content path name, as Markdown.
func (p *seqPage) markdown(name string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "---\ntitle: %s\nweight: %d\n", p.title, p.weight)
	if p.facilitator {
		s.WriteString("edition: facilitator\n")
	}
	s.WriteString("---\n")
	s.WriteString(strings.TrimSpace("Words "+strings.Repeat("and more ", p.words)) + ".\n")
	for _, h := range p.headings {
		fmt.Fprintf(&s, "\n## %s\n", h)
	}
	for _, id := range p.prompts {
		fmt.Fprintf(&s, "\n::: prompt {#%s}\nWhat about %s?\n:::\n", id, id)
	}
	for _, id := range p.notes {
		s.WriteString("\n:::: facilitator\nAsk the group first.\n")
		if id != "" {
			fmt.Fprintf(&s, "\n::: prompt {#%s}\nWhat did the group say about %s?\n:::\n", id, id)
		}
		s.WriteString("::::\n")
	}
	for _, ref := range p.refs {
		if id, ok := strings.CutPrefix(ref, "prompt:"); ok {
			fmt.Fprintf(&s, "\nSee [](prompt:%s).\n", id)
			continue
		}
		target, anchor, _ := strings.Cut(ref, "#")
		link, _ := filepath.Rel(path.Dir(name), target)
		link = filepath.ToSlash(link)
		if anchor != "" {
			link += "#" + anchor
		}
		fmt.Fprintf(&s, "\nSee [that page](%s).\n", link)
	}
	return s.String()
}

// seqRun is one sequence: the workbook on disk, the Live builder that
// follows it, and the output folder and cache that Write keeps.
type seqRun struct {
	t          *testing.T
	book       *seqBook
	root       string
	out, cache string
	live       *Live
	last       map[string][]byte // the files of the last good build
}

func newSeqRun(t *testing.T) *seqRun {
	dir := t.TempDir()
	r := &seqRun{t: t, book: newSeqBook(), root: filepath.Join(dir, "wb"), out: filepath.Join(dir, "public"), cache: filepath.Join(dir, "cache")}
	for _, name := range r.book.names(false) {
		r.book.touch(name)
	}
	r.book.flush()
	r.sync()
	r.live = New(Options{Root: r.root, Defaults: praxis.Defaults, Now: fixedNow}).Live()
	return r
}

// sync makes the workbook folder hold exactly the book's texts.
func (r *seqRun) sync() {
	r.t.Helper()
	on := map[string]bool{}
	err := filepath.WalkDir(r.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(r.root, p)
		on[filepath.ToSlash(rel)] = true
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		r.t.Fatal(err)
	}
	for name := range on {
		if _, ok := r.book.texts[name]; !ok {
			if err := os.Remove(filepath.Join(r.root, filepath.FromSlash(name))); err != nil {
				r.t.Fatal(err)
			}
		}
	}
	for name, text := range r.book.texts {
		file := filepath.Join(r.root, filepath.FromSlash(name))
		if old, err := os.ReadFile(file); err == nil && string(old) == text {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// check builds the workbook after edit what, which changed the paths in
// changed, the three ways, and compares.
func (r *seqRun) check(what string, changed []string) {
	r.t.Helper()
	b := New(Options{Root: r.root, Defaults: praxis.Defaults, Now: fixedNow})
	cfg, err := b.LoadConfig()
	if err != nil {
		r.t.Fatalf("after %s: loading praxis.yaml: %v\n%s", what, err, r.book.texts["praxis.yaml"])
	}
	clean := NewMemory()
	_, cleanErr := b.Build(context.Background(), cfg, clean)
	want := clean.Files()
	if cleanErr != nil {
		want = nil
	}
	r.checkLive(what, changed, cfg, cleanErr, want)
	r.checkWrite(what, cleanErr, want)
	if cleanErr == nil {
		r.last = want
	}
}

// checkLive runs the Live builder, and Finish when Build left work, and
// compares its files with want, the clean build's, or its failure with
// cleanErr.
func (r *seqRun) checkLive(what string, changed []string, cfg *config.Config, cleanErr error, want map[string][]byte) {
	r.t.Helper()
	res, err := r.live.Build(context.Background(), cfg, changed)
	if (err == nil) != (cleanErr == nil) || err != nil && err.Error() != cleanErr.Error() {
		r.t.Fatalf("after %s: live build error %v, clean build error %v", what, err, cleanErr)
	}
	if err != nil {
		return
	}
	for _, f := range res.Rendered {
		if !bytes.Equal(res.Files[f], want[f]) {
			r.t.Errorf("after %s: Build rendered %s, but not as a clean build does", what, f)
		}
	}
	if r.live.Deferred() {
		fin, err := r.live.Finish(context.Background())
		if err != nil {
			r.t.Fatalf("after %s: finishing the live build: %v", what, err)
		}
		if fin != nil {
			res.Files = fin.Files
			res.Changed = merge(res.Changed, fin.Changed)
		}
	}
	if r.last != nil {
		if got, want := res.Changed, seqDiff(r.last, res.Files); !slices.Equal(got, want) {
			r.t.Errorf("after %s: Changed = %q, but the files that differ are %q", what, got, want)
		}
	}
	seqSame(r.t, "after "+what+": the live build", res.Files, want)
}

// checkWrite writes the workbook into the output folder with the cache,
// as praxis build does, and compares the folder with want, or with the
// last good build when the clean build failed with cleanErr.
func (r *seqRun) checkWrite(what string, cleanErr error, want map[string][]byte) {
	r.t.Helper()
	b := New(Options{Root: r.root, Output: r.out, Defaults: praxis.Defaults, Now: fixedNow, CacheDir: r.cache})
	cfg, err := b.LoadConfig()
	if err != nil {
		r.t.Fatal(err)
	}
	_, _, err = b.Write(context.Background(), cfg)
	if (err == nil) != (cleanErr == nil) {
		r.t.Fatalf("after %s: write error %v, clean build error %v", what, err, cleanErr)
	}
	if err != nil {
		want = r.last
	}
	if want == nil {
		return // no good build yet: the folder may be missing
	}
	seqSame(r.t, "after "+what+": the output folder", seqTree(r.t, r.out), want)
}

// seqTree reads every file under dir, by its path relative to dir with
// forward slashes, but the marker that says the folder is praxis's output.
func seqTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(files, ".praxis-output")
	return files
}

// seqDiff lists the files added, removed or changed from old to cur,
// sorted.
func seqDiff(old, cur map[string][]byte) []string {
	var out []string
	for name, data := range cur {
		if prev, ok := old[name]; !ok || !bytes.Equal(prev, data) {
			out = append(out, name)
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// seqSame fails the test, naming what, unless got and want hold the same
// files with the same bytes.
func seqSame(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	for _, name := range seqDiff(want, got) {
		g, inGot := got[name]
		w, inWant := want[name]
		switch {
		case !inGot:
			t.Errorf("%s lacks %s", what, name)
		case !inWant:
			t.Errorf("%s has %s, which a clean build does not", what, name)
		default:
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Errorf("%s: %s differs from a clean build at byte %d:\ngot:   %q\nclean: %q", what, name, i, excerpt(g, i), excerpt(w, i))
		}
	}
}
