package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strconv"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// step makes some output files of an edition from inputs summed up in key.
type step struct {
	name     string // identifies the step across builds: "page:content/a.md", "print", …
	key      digest // the inputs; the zero digest means "unknown": always run
	rendered bool   // its files are pages, listed in LiveResult.Rendered when made anew
	urgent   bool   // must be up to date in Build's result; others may wait for Finish
	write    func(e *edition) error
}

// writeChanged writes every output file of the edition, reusing from m the
// files of steps whose inputs did not change. Steps that are not urgent and
// have files from the last build are not run: their old files are written
// and the steps returned, for Finish to run. changed holds the sources
// changed since the last build. writeChanged also returns the pages it
// rendered. With inPlace set, e is the last build's edition with the
// changed pages updated in place (Live.update): only the changed pages and
// the books can differ, so every other file is put as it was without a
// look at its step (and the steps the last build left unfinished stay so).
func (e *edition) writeChanged(ctx context.Context, b *Builder, m *memo, changed map[string]bool, inPlace bool) (rendered []string, later []step, err error) {
	frame, prompts := e.digests()
	pages := e.site.Pages
	if inPlace {
		if err := m.carry(e); err != nil {
			return nil, nil, err
		}
		pages = nil
		for _, p := range e.site.Pages {
			if changed[p.Source] {
				pages = append(pages, p)
			}
		}
	}
	bodies := e.pageBodies(m, frame, pages)
	var errs diag.List
	var todo []step
	// Most steps of a rebuild only put last time's files: that is quicker
	// done in turn than handed to other goroutines.
	urgent := func(p *site.Page) bool { return changed[p.Source] }
	if len(m.prev) == 0 {
		urgent = e.opensFirst
	}
	for _, s := range e.liveSteps(b, m, pages, bodies, frame, prompts, urgent, !inPlace) {
		settled, deferred, err := m.settle(e, s, true)
		errs.Append(err)
		if deferred {
			later = append(later, s)
		}
		if !settled {
			todo = append(todo, s)
		}
	}
	var mu sync.Mutex
	parallel(ctx, len(todo), func(i int) {
		made, err := m.make(e, todo[i])
		mu.Lock()
		defer mu.Unlock()
		errs.Append(err)
		rendered = append(rendered, made...)
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return rendered, later, errs.Err()
}

// opensFirst reports whether p is a page a reader opens first: the start
// page, a page outside the chapters, or a page of the first chapter. When
// Live knows nothing of an earlier build, those are rendered first and the
// rest later, so that a big workbook is online within seconds.
func (e *edition) opensFirst(p *site.Page) bool {
	chapters := e.site.Workbook.Chapters
	return p.Chapter == nil || len(chapters) > 0 && p.Chapter == chapters[0]
}

// body is a page's body as its step uses it: an id of what it is made
// from and, when the last build rendered it from the same, the HTML.
type body struct {
	html []byte // nil until rendered
	id   digest // the page's source and what assembly decided for it
	made digest // what assembly decided, with the converter settings (see made)
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
	for i, p := range pages {
		made := e.made(p)
		if old, ok := m.prevBodies[p.Source]; ok && old.body.made == made && old.line == p.BodyLine && bytes.Equal(old.src, p.Body) {
			bodies[i] = old.body
			m.keepBody(p.Source, old)
		} else {
			bodies[i] = body{id: bodyID(p, made), made: made}
		}
		e.keys[p.Index] = pageKey(frame, bodies[i].id)
	}
	return bodies
}

// made is the digest of the converter settings and of what assembly
// decided for page p (site.Page.AppendDecisions): with the page's source,
// what its body is made from.
func (e *edition) made(p *site.Page) digest {
	e.digests()
	return newHasher().digest(e.sums.conv).bytes(p.AppendDecisions(nil)).sum()
}

// bodyID identifies page p's body by its source and made (see made).
func bodyID(p *site.Page, made digest) digest {
	return newHasher().digest(made).str(p.Source).str(strconv.Itoa(p.BodyLine)).bytes(p.Body).sum()
}

// pageKey is the key of the step of a page whose body is body.
func pageKey(frame, body digest) digest { return newHasher().digest(frame).digest(body).sum() }

// bookKey is the key of the step of the print book and the handouts: the
// frame, the prompts and every page (e.keys).
func (e *edition) bookKey(frame, prompts digest) digest {
	book := newHasher().digest(frame).digest(prompts)
	for _, key := range e.keys {
		book.digest(key)
	}
	return book.sum()
}

// framePage writes page p in the page layout with its body, rendering the
// body first when there is none yet and keeping it in m.
func (e *edition) framePage(m *memo, p *site.Page, b body) error {
	if b.html == nil {
		html, err := e.renderBody(p)
		if err != nil {
			return err
		}
		b.html = html
		m.keepBody(p.Source, bodyEntry{line: p.BodyLine, src: p.Body, body: b})
	}
	return e.writeFramed(p, template.HTML(b.html))
}

// renderBody parses page p again and renders its body for the web.
func (e *edition) renderBody(p *site.Page) ([]byte, error) {
	t, err := e.tree(p)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := e.conv.Render(&buf, t.Doc); err != nil {
		return nil, fmt.Errorf("%s: rendering: %w", p.Source, err)
	}
	return buf.Bytes(), nil
}

// liveSteps lists the steps that make the edition's files, with the
// digests of their inputs: one for each of pages, whose bodies are given,
// the books, and with all set, every other file. The print book comes
// first because it takes longest. The pages whose sources changed are
// urgent, and so are the files that are only copied; the other pages, the
// books and the lists of prompts may wait.
func (e *edition) liveSteps(b *Builder, m *memo, pages []*site.Page, bodies []body, frame, prompts digest, urgent func(*site.Page) bool, all bool) []step {
	site := newHasher().digest(frame).digest(prompts).sum()
	steps := []step{{name: printStep, key: e.bookKey(frame, prompts), rendered: true, write: func(ec *edition) error { return ec.writeBooks(nil, nil) }}}
	for i, p := range pages {
		steps = append(steps, step{name: pageStep + p.Source, key: e.keys[p.Index], rendered: true, urgent: urgent(p),
			write: func(ec *edition) error { return ec.framePage(m, p, bodies[i]) }})
	}
	if !all {
		return steps
	}
	return append(steps, e.otherSteps(b, frame, site)...)
}

// printStep is the name of the step that writes the print book and the
// chapter handouts; pageStep starts the name of a page's step.
const (
	printStep = "print"
	pageStep  = "page:"
	themeStep = "theme"
)

// otherSteps are the steps of the files that are neither pages nor books.
func (e *edition) otherSteps(b *Builder, frame, site digest) []step {
	steps := []step{
		{name: "bank", key: site, rendered: true, write: (*edition).writePromptBank},
		{name: "actions", key: e.sums.actions, rendered: true, write: (*edition).writeActionsPage},
	}
	steps = append(steps,
		step{name: "404", key: frame, rendered: true, write: (*edition).write404},
		step{name: "aliases", key: frame, rendered: true, write: (*edition).writeAliases},
		step{name: "sitemap", key: frame, urgent: true, write: (*edition).writeSitemap},
		step{name: "prompts.js", key: site, urgent: true, write: (*edition).writePromptIndex},
		step{name: StoreFile, key: frame, urgent: true, write: (*edition).writeStore},
		// Theme files change only with a change outside content/, after
		// which Live runs every step anyway; a build always copies them.
		step{name: themeStep, key: e.themeKey(frame), urgent: true, write: func(ec *edition) error { return ec.writeTheme(b) }},
	)
	for _, a := range e.site.Assets() {
		steps = append(steps, assetStep(e.src, a))
	}
	return steps
}

// themeKey is the key of the theme step: the frame and, since the brand's
// files may be anywhere in the workbook, content/ too, the size and
// modification time of each.
func (e *edition) themeKey(frame digest) digest {
	h := newHasher().digest(frame)
	for _, f := range e.cfg.Brand.Files() {
		if info, err := fs.Stat(e.src, path.Clean(f.Path)); err == nil {
			h.str(f.Path).val(info.Size()).val(info.ModTime().UnixNano())
		}
	}
	return h.sum()
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
	h := newHasher().val(*e.cfg).str(e.name).val(e.info.Comparable()).val(e.pageNumbers).bytes(layouts[:])
	for _, p := range e.site.Pages {
		chapter := 0
		if p.Chapter != nil {
			chapter = p.Chapter.Number
		}
		h.str(p.Source).str(p.URL).val(p.IsIndex).val(chapter).val(p.Meta)
	}
	return h.sum()
}

// promptDigest sums up the prompts as the prompt bank and prompts.js list
// them: ids, numbers, kinds, texts, pages and attributes.
func (e *edition) promptDigest() digest {
	h := newHasher()
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
		key = newHasher().str(a.Source).val(info.Size()).val(info.ModTime().UnixNano()).sum()
	}
	return step{name: assetStepName(a.Source), key: key, urgent: true, write: func(ec *edition) error {
		data, err := fs.ReadFile(fsys, a.Source)
		if err != nil {
			return fmt.Errorf("copying %s: %w", a.Source, err)
		}
		return ec.sink.Put(a.URL, data)
	}}
}
