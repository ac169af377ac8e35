package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// A build is a plan of steps, each making some output files of an edition
// from inputs summed up in its key (see keys.go). One driver, runSteps,
// runs the plan for praxis build and praxis pdf (Builder.Write) and for
// praxis serve (Live): a step whose key is the one it had in the last
// build keeps the files it made then, from the edition's store (see
// store), and the others run.

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
// index, and the prefix of a page's step.
const (
	printStep = "print"
	pageStep  = "page:"
)

// runSteps runs the plan of edition e: each step whose key is the one it
// had in the last build keeps the files it made then. With lazy set, a
// step that is not urgent is left for later and returned instead, its last
// files kept when it has any. The other steps run; when the print step is
// among them, the pages to make are rendered in its pass, each from one
// syntax tree (see writeBooks). runSteps returns the files of the rendered
// steps it ran and the pages it rendered, in reading order.
func (e *edition) runSteps(plan []step, lazy bool) (made []string, pages []*site.Page, later []step, err error) {
	var errs diag.List
	todo, later := e.settle(plan, lazy)
	var mu sync.Mutex
	done := func(s step, files []file, err error) {
		mu.Lock()
		defer mu.Unlock()
		errs.Append(err)
		for _, f := range files {
			if s.rendered && err == nil {
				made = append(made, f.Name)
			}
		}
		if s.page != nil && err == nil {
			pages = append(pages, s.page)
		}
	}
	if i := slices.IndexFunc(todo, func(s step) bool { return s.name == printStep }); i >= 0 {
		web := slices.DeleteFunc(slices.Clone(todo), func(s step) bool { return s.page == nil })
		e.runBooks(todo[i], web, done)
		todo = slices.DeleteFunc(todo, func(s step) bool { return s.page != nil || s.name == printStep })
	}
	parallel(e.context(), len(todo), func(i int) {
		rec := e.recorder()
		err := todo[i].write(rec.edition)
		if err == nil {
			rec.record(todo[i], rec.files)
		}
		done(todo[i], rec.files, err)
	})
	if err := e.context().Err(); err != nil {
		return nil, nil, nil, err
	}
	slices.SortFunc(pages, func(a, b *site.Page) int { return a.Index - b.Index })
	return made, pages, later, errs.Err()
}

// settle keeps the files of the steps of plan whose key is the last
// build's and returns the others, in the order of plan: those to run and,
// with lazy set, those that are not urgent, left for later with their last
// files kept. Checking a step's old files can mean reading them (Write),
// so it is done on all cores.
func (e *edition) settle(plan []step, lazy bool) (todo, later []step) {
	if e.st == nil {
		return plan, nil
	}
	kept := make([]bool, len(plan))
	parallel(e.context(), len(plan), func(i int) {
		kept[i] = plan[i].key != (digest{}) && e.st.reuse(e, plan[i])
	})
	for i, s := range plan {
		switch {
		case kept[i]:
		case lazy && !s.urgent:
			e.st.stale(e, s)
			later = append(later, s)
		default:
			todo = append(todo, s)
		}
	}
	return todo, later
}

// runBooks runs the print step book, rendering in its pass the web pages
// of the page steps web, and records the files of each step apart.
func (e *edition) runBooks(book step, web []step, done func(step, []file, error)) {
	render := make(map[*site.Page]bool, len(web))
	byFile := make(map[string]int, len(web))
	for i, s := range web {
		render[s.page] = true
		byFile[e.prefix+s.page.OutputFile()] = i
	}
	rec := e.recorder()
	if err := rec.edition.writeBooks(render); err != nil {
		done(book, nil, err)
		return
	}
	byStep := make([][]file, len(web))
	var rest []file
	for _, f := range rec.files {
		if i, ok := byFile[f.Name]; ok {
			byStep[i] = append(byStep[i], f)
		} else {
			rest = append(rest, f)
		}
	}
	for i, s := range web {
		rec.record(s, byStep[i])
		done(s, byStep[i], nil)
	}
	rec.record(book, rest)
	done(book, rest, nil)
}

// recorder passes the files a step writes on to the build's sink, if
// any, in the edition's folder, and notes them for its store: with their
// bytes in Live, which has no sink, and with their SHA-256 in Write.
type recorder struct {
	Sink    // nil in Live
	edition *edition
	mu      sync.Mutex
	files   []file
}

// recorder returns a recorder and a copy of e that writes through it.
func (e *edition) recorder() *recorder {
	r := &recorder{Sink: e.sink}
	ec := *e
	ec.sink, r.edition = r, &ec
	return r
}

// record records in the store that step s made files.
func (r *recorder) record(s step, files []file) {
	if r.edition.st != nil {
		r.edition.st.record(r.edition.prefix+s.name, entry{Key: s.key, Files: files}, true)
	}
}

func (r *recorder) note(f file) {
	r.mu.Lock()
	r.files = append(r.files, f)
	r.mu.Unlock()
}

// copiesPut reports whether the recorder, and the sink behind it, are
// done with the bytes given to Put when it returns.
func (r *recorder) copiesPut() bool { return r.Sink != nil && lendsPut(r.Sink) }

func (r *recorder) Put(name string, data []byte) error {
	f := file{Name: r.edition.prefix + name, data: data}
	if r.Sink == nil {
		if err := checkPath(f.Name); err != nil {
			return err
		}
	} else {
		if err := r.Sink.Put(f.Name, data); err != nil {
			return err
		}
		f.data = nil
		if r.edition.st != nil {
			f.Sum = sha256.Sum256(data)
		}
	}
	r.note(f)
	return nil
}

// Create returns a writer for file: in Live, one whose bytes are put when
// it is closed; in Write, the sink's, summing up the bytes written.
func (r *recorder) Create(name string) (io.WriteCloser, error) {
	if r.Sink == nil {
		return createBuffered(name, r.Put)
	}
	w, err := r.Sink.Create(r.edition.prefix + name)
	if err != nil || r.edition.st == nil {
		return w, err
	}
	f := &summedFile{w: w, h: sha256.New(), done: func(sum digest) { r.note(file{Name: r.edition.prefix + name, Sum: sum}) }}
	f.Writer = bufio.NewWriterSize(io.MultiWriter(w, f.h), 64<<10)
	return f, nil
}

// summedFile is a file being written that notes its SHA-256 when closed.
type summedFile struct {
	*bufio.Writer
	w    io.WriteCloser
	h    hash.Hash
	done func(digest)
}

func (f *summedFile) Close() error {
	err := f.Flush()
	if cerr := f.w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		f.done(digest(f.h.Sum(nil)))
	}
	return err
}

// plan lists the steps that make the edition's files, with their keys: the
// print book first, as it takes longest, then one step for each of pages,
// and with all set, the steps of every other file. A page's key sums up
// its body (see pageBodies) and its frame (frameDigest); the prompt
// bank's and prompts.js's, the frame and the prompts (promptDigest); the
// print book's, every page and the prompts. changed holds the sources
// Live saw change: their pages are urgent (when nothing is known of what
// the last build was made from: the pages a reader opens first) and their
// assets are copied whatever their key.
func (e *edition) plan(b *Builder, pages []*site.Page, changed map[string]bool, all bool) []step {
	if e.sums == (editionDigests{}) {
		e.sums.frame, e.sums.prompts, e.sums.conv = e.frameDigest(), e.promptDigest(), convDigest(e.cfg, e.name)
		e.sums.actions = e.actionsDigest(e.sums.frame)
	}
	frame, prompts := e.sums.frame, e.sums.prompts
	bodies := e.pageBodies(frame, pages)
	urgent := func(p *site.Page) bool { return changed[p.Source] }
	if e.st != nil && e.st.fresh {
		urgent = e.opensFirst
	}
	if e.reread != nil {
		e.reread.drop(e.site.Pages) // after the pages' keys, which sum up their bodies
	}
	// The print step runs in runBooks, with the pages to render.
	steps := []step{{name: printStep, key: e.bookKey(frame, prompts), rendered: true}}
	for i, p := range pages {
		steps = append(steps, step{name: pageStep + p.Source, key: e.keys[p.Index], page: p, rendered: true,
			urgent: urgent(p), write: func(ec *edition) error { return ec.framePage(p, bodies[i]) }})
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
		step{name: "theme", urgent: true, write: func(ec *edition) error { return ec.writeTheme(b) }},
	)
	for _, a := range e.site.Assets() {
		steps = append(steps, assetStep(e.src, a, changed[a.Source]))
	}
	return steps
}

// body is a page's body as its step uses it: what it is made from and,
// when the last build rendered it from the same, the HTML.
type body struct {
	line int    // the line of the source on which the Markdown starts
	src  []byte // the Markdown
	html []byte // nil until rendered
	id   digest // the page's source and what assembly decided for it
	made digest // what assembly decided, with the converter settings (see made)
}

// pageBodies works out the keys of the steps of pages, noting them in
// e.keys, and takes from Live's store the bodies that can be reused. A body is made
// from the page's source and what assembly decided for it (its links and
// prompt numbers, site.Page.AppendDecisions); its page adds the frame. So a
// page whose body is made from the same keeps it, and the others are
// rendered only when their step runs.
func (e *edition) pageBodies(frame digest, pages []*site.Page) []body {
	if len(e.keys) != len(e.site.Pages) {
		e.keys = make([]digest, len(e.site.Pages))
	}
	bodies := make([]body, len(pages))
	parallel(e.context(), len(pages), func(i int) {
		p := pages[i]
		if old, ok := e.st.oldBody(e, p); ok && old.made == e.made(p) {
			bodies[i] = old
			e.st.keepBody(e, p.Source, old)
		} else {
			bodies[i] = e.newBody(p, nil)
		}
		e.keys[p.Index] = newKey().digest(frame).digest(bodies[i].id).sum()
	})
	return bodies
}

// made is the digest of the converter settings and of what assembly
// decided for page p (site.Page.AppendDecisions): with the page's source,
// what its body is made from.
func (e *edition) made(p *site.Page) digest {
	return newKey().digest(e.sums.conv).bytes(p.AppendDecisions(nil)).sum()
}

// newBody returns the body of page p, with its HTML when rendered.
func (e *edition) newBody(p *site.Page, html []byte) body {
	made := e.made(p)
	id := newKey().digest(made).str(p.Source).str(strconv.Itoa(p.BodyLine)).bytes(p.Body).sum()
	src := p.Body
	if e.reread != nil {
		src = nil // a big build lets go of the Markdown (see rereads); only Live compares it
	}
	return body{line: p.BodyLine, src: src, html: html, id: id, made: made}
}

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
// body first when there is none yet and keeping it in Live's store.
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
		e.st.keepBody(e, p.Source, b)
	}
	return e.writeFramed(p, template.HTML(b.html))
}

// editionDigests are the digests of what an edition's frame, prompts and
// actions page are made of, and of its converter settings. An edition's
// first plan works them out; one updated in place (see Live.update) keeps
// them.
type editionDigests struct{ frame, prompts, actions, conv digest }

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

// assetStep copies one asset. Its key is the file's size and modification
// time, unless Live saw the file change (touched): an edit that keeps
// both is still copied.
func assetStep(fsys fs.FS, a content.Asset, touched bool) step {
	var key digest
	if info, err := fs.Stat(fsys, a.Source); err == nil && !touched {
		key = newKey().str(a.Source).int(info.Size()).int(info.ModTime().UnixNano()).sum()
	}
	return step{name: "asset:" + a.Source, key: key, urgent: true, write: func(ec *edition) error {
		data, err := fs.ReadFile(fsys, a.Source)
		if err != nil {
			return fmt.Errorf("copying %s: %w", a.Source, err)
		}
		return ec.sink.Put(a.URL, data)
	}}
}
