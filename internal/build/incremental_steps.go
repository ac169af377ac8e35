package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"html/template"
	"io/fs"
	"maps"
	"os"
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
	write    func(e *edition) error
}

// writeChanged writes every output file of the edition, reusing from m the
// files of steps whose inputs did not change.
func (e *edition) writeChanged(ctx context.Context, b *Builder, m *memo) error {
	bodies, err := e.renderBodies(ctx)
	if err != nil {
		return err
	}
	steps := e.liveSteps(b, bodies)
	var errs diag.List
	var mu sync.Mutex
	// The print book rewrites the pages' syntax trees while it renders
	// them; it can run beside the other steps only because they no longer
	// read the trees, the bodies being rendered already.
	parallel(ctx, len(steps), func(i int) {
		if err := m.run(e, steps[i]); err != nil {
			mu.Lock()
			errs.Append(err)
			mu.Unlock()
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	return errs.Err()
}

// renderBodies renders the HTML body of every page, in reading order.
func (e *edition) renderBodies(ctx context.Context) ([][]byte, error) {
	pages := e.site.Pages
	bodies := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	parallel(ctx, len(pages), func(i int) {
		var buf bytes.Buffer
		if err := e.conv.Render(&buf, pages[i].Doc); err != nil {
			errs[i] = fmt.Errorf("%s: rendering: %w", pages[i].Source, err)
		}
		bodies[i] = buf.Bytes()
	})
	var list diag.List
	for _, err := range errs {
		list.Append(err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return bodies, list.Err()
}

// liveSteps lists the steps that make the edition's files, with the
// digests of their inputs. The print book comes first because it takes
// longest.
func (e *edition) liveSteps(b *Builder, bodies [][]byte) []step {
	frame, prompts := e.frameDigest(), e.promptDigest()
	book := newHasher().digest(frame).digest(prompts)
	pages := make([]step, len(e.site.Pages))
	for i, p := range e.site.Pages {
		key := newHasher().digest(frame).str(p.Source).bytes(bodies[i]).sum()
		book.digest(key)
		pages[i] = step{name: "page:" + p.Source, key: key, rendered: true,
			write: func(ec *edition) error { return ec.framePage(p, bodies[i]) }}
	}
	steps := []step{
		{name: "print", key: book.sum(), rendered: true, write: (*edition).writePrintBook},
		{name: "bank", key: newHasher().digest(frame).digest(prompts).sum(), rendered: true, write: (*edition).writePromptBank},
	}
	steps = append(steps, pages...)
	steps = append(steps,
		step{name: "404", key: frame, rendered: true, write: (*edition).write404},
		step{name: "aliases", key: frame, rendered: true, write: (*edition).writeAliases},
		step{name: "sitemap", key: frame, write: (*edition).writeSitemap},
		step{name: "prompts.js", write: (*edition).writePromptIndex},
		step{name: "theme", write: func(ec *edition) error { return ec.writeTheme(b) }},
	)
	for _, a := range e.site.Workbook.Assets {
		steps = append(steps, assetStep(b.opts.Root, a))
	}
	return steps
}

// framePage writes page p with its rendered body in the page layout.
func (e *edition) framePage(p *site.Page, body []byte) error {
	return e.writeFramed(p, template.HTML(body))
}

// frameDigest sums up what every page's frame is made of: the settings,
// the edition, the build date, the print book's page numbers and the
// address, place in reading order and front matter of every page.
func (e *edition) frameDigest() digest {
	h := newHasher().val(*e.cfg).str(e.name).val(e.info).val(e.pageNumbers)
	for _, p := range e.site.Pages {
		chapter := 0
		if p.Chapter != nil {
			chapter = p.Chapter.Number
		}
		h.str(p.Source).str(p.URL).val(p.IsIndex).val(chapter).val(p.Meta)
	}
	return h.sum()
}

// promptDigest sums up the prompts as the prompt bank lists them.
func (e *edition) promptDigest() digest {
	h := newHasher()
	for _, pr := range e.site.Prompts {
		h.str(pr.ID).str(pr.Number).str(pr.Kind).str(pr.Text).str(pr.Page.Source)
	}
	return h.sum()
}

// assetStepName is the step that copies the asset with source path src.
func assetStepName(src string) string { return "asset:" + src }

// assetStep copies one asset. Its key is the file's size and modification
// time; Live also forgets the step when a change names the file, so an
// edit that keeps both is still copied.
func assetStep(root string, a content.Asset) step {
	fsys := os.DirFS(root)
	var key digest
	if info, err := fs.Stat(fsys, a.Source); err == nil {
		key = newHasher().str(a.Source).val(info.Size()).val(info.ModTime().UnixNano()).sum()
	}
	return step{name: assetStepName(a.Source), key: key, write: func(ec *edition) error {
		data, err := fs.ReadFile(fsys, a.Source)
		if err != nil {
			return fmt.Errorf("copying %s: %w", a.Source, err)
		}
		return ec.sink.Put(a.URL, data)
	}}
}

// memo remembers what the steps of one edition wrote, by step name, for
// the next build to reuse.
type memo struct {
	prev map[string]memoEntry // of the last good build; read only

	mu       sync.Mutex
	done     map[string]memoEntry // of this build
	rendered []string             // pages made anew in this build
}

type memoEntry struct {
	key   digest
	files []outFile
}

type outFile struct {
	name string
	data []byte
}

// next returns a memo for the build after m's, in which the steps reading
// the changed sources must run again. m may be nil, for a first build.
func (m *memo) next(changed []string) *memo {
	n := &memo{prev: map[string]memoEntry{}, done: map[string]memoEntry{}}
	if m == nil {
		return n
	}
	n.prev = maps.Clone(m.done)
	for _, p := range changed {
		delete(n.prev, assetStepName(p))
	}
	return n
}

// run runs step s for edition e, or puts the files it wrote last time into
// e's sink when its inputs are the same.
func (m *memo) run(e *edition, s step) error {
	if old, ok := m.prev[s.name]; ok && s.key != (digest{}) && old.key == s.key {
		return m.keep(e, s.name, old)
	}
	rec := &recordSink{}
	ec := *e
	ec.sink = rec
	if err := s.write(&ec); err != nil {
		return err
	}
	if s.rendered {
		m.mu.Lock()
		for _, f := range rec.files {
			m.rendered = append(m.rendered, f.name)
		}
		m.mu.Unlock()
	}
	return m.keep(e, s.name, memoEntry{key: s.key, files: rec.files})
}

func (m *memo) keep(e *edition, name string, entry memoEntry) error {
	for _, f := range entry.files {
		if err := e.sink.Put(f.name, f.data); err != nil {
			return err
		}
	}
	m.mu.Lock()
	m.done[name] = entry
	m.mu.Unlock()
	return nil
}

// recordSink keeps the files of one step in the order they are put.
type recordSink struct {
	mu    sync.Mutex
	files []outFile
}

func (r *recordSink) Put(file string, data []byte) error {
	if err := checkPath(file); err != nil {
		return err
	}
	r.mu.Lock()
	r.files = append(r.files, outFile{file, data})
	r.mu.Unlock()
	return nil
}

func (r *recordSink) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.files)
}

// digest identifies the inputs of an output file.
type digest [sha256.Size]byte

// hasher sums up inputs into a digest. Every part is written with its
// length, so that ("ab", "c") and ("a", "bc") differ.
type hasher struct{ h hash.Hash }

func newHasher() *hasher { return &hasher{h: sha256.New()} }

func (h *hasher) bytes(b []byte) *hasher {
	h.h.Write(binary.AppendUvarint(nil, uint64(len(b))))
	h.h.Write(b)
	return h
}

func (h *hasher) str(s string) *hasher { return h.bytes([]byte(s)) }

// val writes v in Go syntax, which shows every field of a struct and sorts
// the keys of maps; v must not hold pointers.
func (h *hasher) val(v any) *hasher { return h.str(fmt.Sprintf("%#v", v)) }

func (h *hasher) digest(d digest) *hasher { return h.bytes(d[:]) }

func (h *hasher) sum() (d digest) {
	h.h.Sum(d[:0])
	return d
}
