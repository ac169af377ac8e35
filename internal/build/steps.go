package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// A build is a plan of steps, each making some output files of an edition
// from inputs summed up in its key (see keys.go). One driver, runSteps,
// runs the plan for praxis build and praxis pdf (Builder.Write) and for
// praxis serve (Live): a step whose key is the one it had in the last
// build puts the files it made then, taken from a store, and the others
// run. The store is what differs: Live keeps the files in memory (memo),
// Write the manifest of the last build into the same output folder, whose
// files it links (reuse).

// step makes some output files of an edition from inputs summed up in key.
type step struct {
	name     string     // identifies the step across builds: "page:content/a.md", "print", …
	key      digest     // the inputs; the zero digest means "unknown": always run
	page     *site.Page // the page a page step makes; nil for other steps
	rendered bool       // its files are rendered, listed in LiveResult.Rendered when made anew
	urgent   bool       // must be up to date in Live.Build's result; others may wait for Finish
	write    func(e *edition) error
}

// Step names: the print book with the chapter handouts and the search
// index, the prefix of a page's step, and the theme's files.
const (
	printStep = "print"
	pageStep  = "page:"
	themeStep = "theme"
)

// store is what a build reuses of the last one: the files each step made,
// by the step's name and key.
type store interface {
	// reuse puts into e's sink the files step s made in the last build,
	// when its key was s.key then, and reports whether it did.
	reuse(e *edition, s step) (bool, error)
	// stale puts the files step s made in the last build whatever its key
	// was, for a step left for later, and reports whether there were any;
	// the step still counts as to be made.
	stale(e *edition, s step) (bool, error)
	// record remembers the files step s made in this build.
	record(e *edition, s step, files []outFile)
	// keepsBytes reports whether record needs the files' bytes.
	keepsBytes() bool
}

// outFile is an output file of a step, by its name in the edition's folder.
type outFile struct {
	name string
	data []byte // nil when the store keeps names only
}

// runSteps runs the plan of edition e: each step whose key is the one it
// had in the last build puts the files it made then, from st. With lazy
// set, a step that is not urgent is left for later and returned instead,
// its last files put when it has any. The other steps run; when the print
// step is among them, the pages to make are rendered in its pass, each
// from one syntax tree (see writeBooks). runSteps returns the files of
// the rendered steps it ran and the pages it rendered, in reading order.
func (e *edition) runSteps(st store, plan []step, lazy bool) (made []string, pages []*site.Page, later []step, err error) {
	var errs diag.List
	todo, later, err := e.settle(st, plan, lazy)
	errs.Append(err)
	var mu sync.Mutex
	done := func(s step, files []outFile, err error) {
		mu.Lock()
		defer mu.Unlock()
		errs.Append(err)
		if err != nil {
			return
		}
		if s.rendered {
			for _, f := range files {
				made = append(made, f.name)
			}
		}
		if s.page != nil {
			pages = append(pages, s.page)
		}
	}
	if i := slices.IndexFunc(todo, func(s step) bool { return s.name == printStep }); i >= 0 {
		book := todo[i]
		var web, rest []step
		for _, s := range todo {
			switch {
			case s.page != nil:
				web = append(web, s)
			case s.name != printStep:
				rest = append(rest, s)
			}
		}
		e.runBooks(st, book, web, done)
		todo = rest
	}
	parallel(e.context(), len(todo), func(i int) {
		files, err := e.record(st, todo[i], todo[i].write)
		done(todo[i], files, err)
	})
	if err := e.context().Err(); err != nil {
		return nil, nil, nil, err
	}
	slices.SortFunc(pages, func(a, b *site.Page) int { return a.Index - b.Index })
	return made, pages, later, errs.Err()
}

// settle puts the files of the steps of plan that need not run, from st,
// and returns the others, in the order of plan: those to run now and,
// with lazy set, those left for later.
func (e *edition) settle(st store, plan []step, lazy bool) (todo, later []step, err error) {
	const (
		run = iota
		reused
		deferred
	)
	fate := make([]int, len(plan))
	errList := make([]error, len(plan))
	// Checking a step's old files can mean reading them (Write), so it is
	// done on all cores.
	parallel(e.context(), len(plan), func(i int) {
		s := plan[i]
		if s.key != (digest{}) {
			ok, err := st.reuse(e, s)
			if ok || err != nil {
				fate[i], errList[i] = reused, err
				return
			}
		}
		if lazy && !s.urgent {
			_, errList[i] = st.stale(e, s)
			fate[i] = deferred
		}
	})
	var errs diag.List
	for i, s := range plan {
		errs.Append(errList[i])
		switch fate[i] {
		case run:
			todo = append(todo, s)
		case deferred:
			later = append(later, s)
		}
	}
	return todo, later, errs.Err()
}

// runBooks runs the print step book, rendering in its pass the web pages
// of the page steps web, and records the files of each step apart.
func (e *edition) runBooks(st store, book step, web []step, done func(step, []outFile, error)) {
	render := make(map[*site.Page]bool, len(web))
	for _, s := range web {
		render[s.page] = true
	}
	rec := &recorder{Sink: e.sink, keep: st.keepsBytes()}
	ec := *e
	ec.sink = rec
	if err := ec.writeBooks(render); err != nil {
		done(book, nil, err)
		return
	}
	byFile := make(map[string]int, len(web))
	for i, s := range web {
		byFile[s.page.OutputFile()] = i
	}
	byStep := make([][]outFile, len(web))
	var rest []outFile
	for _, f := range rec.files {
		if i, ok := byFile[f.name]; ok {
			byStep[i] = append(byStep[i], f)
		} else {
			rest = append(rest, f)
		}
	}
	for i, s := range web {
		st.record(e, s, byStep[i])
		done(s, byStep[i], nil)
	}
	st.record(e, book, rest)
	done(book, rest, nil)
}

// record runs write for step s of edition e and records in st the files
// it wrote.
func (e *edition) record(st store, s step, write func(*edition) error) ([]outFile, error) {
	rec := &recorder{Sink: e.sink, keep: st.keepsBytes()}
	ec := *e
	ec.sink = rec
	if err := write(&ec); err != nil {
		return nil, err
	}
	st.record(e, s, rec.files)
	return rec.files, nil
}

// recorder passes the files a step writes on to a sink and notes them,
// with their bytes when keep is set.
type recorder struct {
	Sink
	keep  bool
	mu    sync.Mutex
	files []outFile
}

func (r *recorder) note(file string, data []byte) {
	if !r.keep {
		data = nil
	}
	r.mu.Lock()
	r.files = append(r.files, outFile{file, data})
	r.mu.Unlock()
}

// copiesPut reports whether the recorder, and the sink behind it, are
// done with the bytes given to Put when it returns.
func (r *recorder) copiesPut() bool { return !r.keep && lendsPut(r.Sink) }

func (r *recorder) Put(file string, data []byte) error {
	if err := r.Sink.Put(file, data); err != nil {
		return err
	}
	r.note(file, data)
	return nil
}

// Create returns a writer for file; with keep set, its bytes are held and
// put when it is closed.
func (r *recorder) Create(file string) (io.WriteCloser, error) {
	if r.keep {
		return createBuffered(file, r.Put)
	}
	w, err := r.Sink.Create(file)
	if err == nil {
		r.note(file, nil)
	}
	return w, err
}

// plan lists the steps that make the edition's files, with their keys: the
// print book first, as it takes longest, then one step for each of pages,
// and with all set, the steps of every other file. urgent picks the pages
// Live must show at once (nil for none). m, Live's memo, gives the pages'
// bodies that can be reused (nil for none).
func (e *edition) plan(b *Builder, m *memo, pages []*site.Page, urgent func(*site.Page) bool, all bool) []step {
	frame, prompts := e.digests()
	bodies := e.pageBodies(m, frame, pages)
	if e.reread != nil {
		e.reread.drop(e.site.Pages) // after the pages' keys, which sum up their bodies
	}
	// The print step runs in runBooks, with the pages to render.
	steps := []step{{name: printStep, key: e.bookKey(frame, prompts), rendered: true}}
	for i, p := range pages {
		steps = append(steps, step{name: pageStep + p.Source, key: e.keys[p.Index], page: p, rendered: true,
			urgent: urgent != nil && urgent(p), write: func(ec *edition) error { return ec.framePage(p, bodies[i]) }})
	}
	if !all {
		return steps
	}
	site := newKey().digest(frame).digest(prompts).sum()
	steps = append(steps,
		step{name: "bank", key: site, rendered: true, write: (*edition).writePromptBank},
		step{name: "actions", key: e.sums.actions, rendered: true, write: (*edition).writeActionsPage},
		step{name: "404", key: frame, rendered: true, write: (*edition).write404},
		step{name: "aliases", key: frame, rendered: true, write: (*edition).writeAliases},
		step{name: "sitemap", key: frame, urgent: true, write: (*edition).writeSitemap},
		step{name: "prompts.js", key: site, urgent: true, write: (*edition).writePromptIndex},
		step{name: StoreFile, key: frame, urgent: true, write: (*edition).writeStore},
		// The theme's files, and the brand's, which may be anywhere in
		// the workbook, are not covered by any key: they are always copied.
		step{name: themeStep, urgent: true, write: func(ec *edition) error { return ec.writeTheme(b) }},
	)
	for _, a := range e.site.Assets() {
		steps = append(steps, assetStep(e.src, a))
	}
	return steps
}

// body is a page's body as its step uses it: an id of what it is made
// from and, when the last build rendered it from the same, the HTML.
type body struct {
	html []byte // nil until rendered
	id   digest // the page's source and what assembly decided for it
	made digest // what assembly decided, with the converter settings (see made)
}

// bodyEntry is a page's rendered body and what it was rendered from.
type bodyEntry struct {
	line int    // the line of the source on which the body starts
	src  []byte // the Markdown body
	body body
}

// pageBodies works out the keys of the steps of pages, noting them in
// e.keys, and takes from m the bodies that can be reused. A body is made
// from the page's source and what assembly decided for it (its links and
// prompt numbers, site.Page.AppendDecisions); its page adds the frame. So a
// page whose body is made from the same keeps it, and the others are
// rendered only when their step runs.
func (e *edition) pageBodies(m *memo, frame digest, pages []*site.Page) []body {
	if len(e.keys) != len(e.site.Pages) {
		e.keys = make([]digest, len(e.site.Pages))
	}
	bodies := make([]body, len(pages))
	parallel(e.context(), len(pages), func(i int) {
		p := pages[i]
		made := e.made(p)
		if old, ok := m.oldBody(p); ok && old.body.made == made {
			bodies[i] = old.body
			m.keepBody(p.Source, old)
		} else {
			bodies[i] = body{id: bodyID(p, made), made: made}
		}
		e.keys[p.Index] = pageKey(frame, bodies[i].id)
	})
	return bodies
}

// made is the digest of the converter settings and of what assembly
// decided for page p (site.Page.AppendDecisions): with the page's source,
// what its body is made from.
func (e *edition) made(p *site.Page) digest {
	e.digests()
	return newKey().digest(e.sums.conv).bytes(p.AppendDecisions(nil)).sum()
}

// bodyID identifies page p's body by its source and made (see made).
func bodyID(p *site.Page, made digest) digest {
	return newKey().digest(made).str(p.Source).str(strconv.Itoa(p.BodyLine)).bytes(p.Body).sum()
}

// pageKey is the key of the step of a page whose body is body.
func pageKey(frame, body digest) digest { return newKey().digest(frame).digest(body).sum() }

// bookKey is the key of the step of the print book and the handouts: the
// frame, the prompts and every page (e.keys).
func (e *edition) bookKey(frame, prompts digest) digest {
	book := newKey().digest(frame).digest(prompts)
	for _, key := range e.keys {
		book.digest(key)
	}
	return book.sum()
}

// framePage writes page p in the page layout with its body, rendering the
// body first when there is none yet and keeping it in Live's memo.
func (e *edition) framePage(p *site.Page, b body) error {
	if b.html == nil {
		t, err := e.tree(p)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := e.conv.Render(&buf, t.Doc); err != nil {
			return fmt.Errorf("%s: rendering: %w", p.Source, err)
		}
		b.html = buf.Bytes()
		e.memo.keepBody(p.Source, bodyEntry{line: p.BodyLine, src: p.Body, body: b})
	}
	return e.writeFramed(p, template.HTML(b.html))
}

// editionDigests are the digests of what an edition's frame, prompts and
// actions page are made of. They are worked out once per edition: an
// edition updated in place (see Live.update) keeps all three.
type editionDigests struct {
	once                          sync.Once
	frame, prompts, actions, conv digest
}

// digests returns the edition's frame and prompt digests.
func (e *edition) digests() (frame, prompts digest) {
	e.sums.once.Do(func() {
		e.sums.frame, e.sums.prompts = e.frameDigest(), e.promptDigest()
		e.sums.actions = e.actionsDigest(e.sums.frame)
		e.sums.conv = convDigest(e.cfg, e.name)
	})
	return e.sums.frame, e.sums.prompts
}

// frameDigest sums up what every page's frame is made of: the settings,
// the edition, the build date, the print book's page numbers, the
// templates and the address, place in reading order and front matter of
// every page.
func (e *edition) frameDigest() digest {
	layouts := e.renderer.Digest()
	h := newKey().config(e.cfg).str(e.name).info(e.info).numbers(e.pageNumbers).bytes(layouts[:])
	for _, p := range e.site.Pages {
		chapter := 0
		if p.Chapter != nil {
			chapter = p.Chapter.Number
		}
		h.str(p.Source).str(p.URL).bool(p.IsIndex).int(int64(chapter)).meta(p.Meta)
	}
	return h.sum()
}

// promptDigest sums up the prompts as the prompt bank and prompts.js list
// them: ids, numbers, kinds, texts, pages and attributes.
func (e *edition) promptDigest() digest {
	h := newKey()
	for _, pr := range e.site.Prompts {
		h.str(pr.ID).str(pr.Number).str(pr.Kind).str(pr.Text).str(pr.Page.Source)
		for _, a := range pr.Block.Attrs {
			h.str(a.Key).str(a.Value)
		}
		h.str("")
	}
	return h.sum()
}

// assetStepName is the step that copies the asset with source path src.
func assetStepName(src string) string { return "asset:" + src }

// assetStep copies one asset. Its key is the file's size and modification
// time; Live also forgets the step when a change names the file, so an
// edit that keeps both is still copied.
func assetStep(fsys fs.FS, a content.Asset) step {
	var key digest
	if info, err := fs.Stat(fsys, a.Source); err == nil {
		key = newKey().str(a.Source).int(info.Size()).int(info.ModTime().UnixNano()).sum()
	}
	return step{name: assetStepName(a.Source), key: key, urgent: true, write: func(ec *edition) error {
		data, err := fs.ReadFile(fsys, a.Source)
		if err != nil {
			return fmt.Errorf("copying %s: %w", a.Source, err)
		}
		return ec.sink.Put(a.URL, data)
	}}
}

// isPageStep reports whether the step named name makes the page of source
// src.
func isPageStep(name string) (src string, ok bool) { return strings.CutPrefix(name, pageStep) }
