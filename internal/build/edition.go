package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sync"
	"time"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/layout"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/print"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// edition is the state of building one edition.
type edition struct {
	cfg      *config.Config
	name     string
	conv     *markdown.Converter
	renderer *layout.Renderer
	layers   layout.Layers
	src      fs.FS // the workbook folder (see folder.FS)
	site     *site.Site
	info     layout.SiteInfo
	sink     Sink            // the build's: steps write into their edition's folder of it through a recorder
	ctx      context.Context // the build's, for cancelling parallel work
	// pageNumbers maps print-book section anchors to the PDF page on
	// which they start, when known from an earlier print.
	pageNumbers map[string]int
	sums        editionDigests  // of its frame, prompts, actions page and converter settings
	keys        []digest        // the key of each page's step, by Page.Index
	st          *store          // what the build keeps for the next one; nil for nothing
	trees       []*markdown.Doc // parsed pages kept for rendering, by Page.Index; nil for none
	prefix      string          // the edition's folder in the output: "" or "facilitator/"
	buffers     *buffers        // for rendering pages into
	reread      *rereads        // for a big workbook's build: the pages' files, read again to render them
}

// buildEdition builds edition name into the folder prefix ("" for the
// root) of sink.
func (b *Builder) buildEdition(ctx context.Context, cfg *config.Config, name, prefix string, sink Sink) (Stats, error) {
	e, err := b.assembleEdition(ctx, cfg, name, sink, nil)
	if err != nil {
		return Stats{}, err
	}
	e.ctx, e.prefix, e.st = ctx, prefix, b.store
	if err := e.writeAll(b); err != nil {
		return Stats{}, err
	}
	st := Stats{Pages: len(e.site.Pages), Prompts: len(e.site.Prompts), Sections: print.Sections(e.site.Pages), Warnings: e.site.Workbook.Warnings}
	return st, nil
}

// assembleEdition runs the pipeline of one edition up to rendering: it
// loads, parses and assembles the pages. Build and Live both start here;
// Live passes in known the summaries of its last build (nil for none).
func (b *Builder) assembleEdition(ctx context.Context, cfg *config.Config, name string, sink Sink, known summaries) (*edition, error) {
	e := &edition{cfg: cfg, name: name, sink: sink, pageNumbers: b.opts.PageNumbers, buffers: newBuffers()}
	// One view of the workbook folder per build (see folder.FS), for
	// everything the build reads there.
	src := folder.New(b.opts.Root)
	e.src = src
	e.layers = layout.Layers{Site: src, Defaults: b.opts.Defaults, Theme: cfg.Theme, Words: cfg.Words}
	var err error
	if e.renderer, err = layout.New(e.layers); err != nil {
		return nil, err
	}
	e.conv = markdown.New(markdown.Options{
		UnsafeHTML: cfg.UnsafeHTML,
		Highlight:  b.highlight,
		Blocks: blocks.Options{DefaultLines: cfg.AnswerLines, ActionColumns: cfg.ActionColumns,
			ReviewColumns: cfg.ReviewColumns, Facilitator: name == config.Facilitator, Words: cfg.Words},
	})
	// Problems of loading and of assembly are reported together.
	var errs diag.List
	wb, err := content.Load(src, content.Options{Drafts: b.opts.Drafts, Edition: name})
	if wb == nil {
		return nil, err
	}
	errs.Append(err)
	sums := e.summarize(ctx, wb.Pages(), known, b.keepTreesUpTo)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if known == nil && e.trees == nil {
		e.reread = &rereads{fsys: src}
	}
	e.site, err = site.Assemble(cfg, name, wb, sums)
	errs.Append(err)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	e.info = layout.Info(e.site, coverDate(cfg, b.opts.Now()))
	e.info.Brand.Custom = e.layers.HasThemeFile(layout.CustomCSSFile)
	return e, nil
}

// workersKey is the context key of the number of goroutines that work in
// parallel (see inBackground).
type workersKey struct{}

// inBackground returns ctx for work that may wait: it leaves one core of
// the machine free (when there is more than one), so that praxis serve
// stays quick to answer and to rebuild while it renders the rest.
func inBackground(ctx context.Context) context.Context {
	return context.WithValue(ctx, workersKey{}, max(1, runtime.GOMAXPROCS(0)-1))
}

// workers is how many goroutines work in parallel for ctx: all cores, or
// fewer in the background.
func workers(ctx context.Context) int {
	if n, ok := ctx.Value(workersKey{}).(int); ok {
		return n
	}
	return runtime.GOMAXPROCS(0)
}

// dateLayout is how the build date reads on the cover.
const dateLayout = "2 January 2006"

// coverDate is the date the cover of the print book shows: the day of the
// build when the workbook's settings ask for it (cover_date: true), else
// none, so that a build does not change from one day to the next.
func coverDate(cfg *config.Config, now time.Time) string {
	if !cfg.CoverDate {
		return ""
	}
	return now.Format(dateLayout)
}

// context is the build's context; editions made without one (the live
// rebuild path) are not cancelled from inside.
func (e *edition) context() context.Context {
	if e.ctx == nil {
		return context.Background()
	}
	return e.ctx
}

// writeAll writes every output file of the edition through its plan of
// steps (see runSteps). With b's log set, it lists the pages it rendered.
func (e *edition) writeAll(b *Builder) error {
	_, pages, _, err := e.runSteps(e.plan(b, e.site.Pages, nil, true), false)
	if err != nil {
		return err
	}
	if b.opts.Log != nil {
		for _, p := range pages {
			fmt.Fprintf(b.opts.Log, "  %s → %s\n", p.Source, p.OutputFile())
		}
	}
	if e.st != nil {
		for _, p := range e.site.Pages {
			b.highlight.Retain(p.Summary.Code) // the code of reused pages, for the next build
		}
	}
	return nil
}

// writeWeb renders page p, prepared as t, for the web.
func (e *edition) writeWeb(p *site.Page, t *site.Tree) error {
	buf := e.buffers.get()
	defer e.buffers.put(buf)
	if err := e.conv.Render(buf, t.Doc); err != nil {
		return fmt.Errorf("%s: rendering: %w", p.Source, err)
	}
	if e.st != nil && e.st.keep { // Live keeps the body, to frame it again
		e.st.keepBody(e, p.Source, e.newBody(p, bytes.Clone(buf.Bytes())))
	}
	return e.writeFramed(p, template.HTML(buf.String()))
}

// writeFramed writes page p with its rendered body in the page layout. Full
// and incremental builds both go through here, so their output agrees.
func (e *edition) writeFramed(p *site.Page, body template.HTML) error {
	v := layout.PageView(e.site, e.info, p, body)
	v.QR, v.WebURL = e.qr(p)
	return e.execute(p.OutputFile(), layout.LayoutPage, v)
}

func (e *edition) execute(file, layout string, data any) error {
	out := e.buffers.get()
	defer e.buffers.put(out)
	if err := e.renderer.Execute(out, layout, data); err != nil {
		return fmt.Errorf("rendering %s: %w", file, err)
	}
	return putCopy(e.sink, file, out.Bytes())
}

// stream renders data with layout into file as it goes, for big files.
func (e *edition) stream(file, layout string, data any) error {
	w, err := e.sink.Create(file)
	if err != nil {
		return err
	}
	err = e.renderer.Stream(w, layout, data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("rendering %s: %w", file, err)
	}
	return nil
}

// parallel calls fn(0) … fn(n-1) on all cores and waits for them; when
// ctx is cancelled, it starts no more calls.
func parallel(ctx context.Context, n int, fn func(i int)) {
	parallelFeed(workers(ctx), n, func(next chan<- int) {
		for i := 0; i < n && ctx.Err() == nil; i++ {
			next <- i
		}
	}, fn)
}

// inOrder calls work(0) … work(n-1) on all cores and done(i, result) for
// each, in order of i, on the calling goroutine, as soon as that result and
// all before it are ready. At most window results are being made or
// waiting at any time. When ctx is cancelled, it stops starting work and
// returns after the work already started.
func inOrder[T any](ctx context.Context, n, window int, work func(i int) T, done func(i int, result T)) {
	results := make([]T, n)
	ready := make([]chan struct{}, n)
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	tickets := make(chan struct{}, max(window, 1))
	stopped := make(chan struct{})
	started := 0 // written before stopped is closed
	go func() {
		defer close(stopped)
		parallelFeed(workers(ctx), n, func(next chan<- int) {
			for ; started < n && ctx.Err() == nil; started++ {
				tickets <- struct{}{}
				next <- started
			}
		}, func(i int) {
			results[i] = work(i)
			close(ready[i])
		})
	}()
	for i := range n {
		select {
		case <-ready[i]:
		case <-stopped:
			if i >= started {
				return
			}
		}
		done(i, results[i])
		var zero T
		results[i] = zero
		<-tickets
	}
	<-stopped
}

// parallelFeed runs fn on up to workers goroutines for each index that
// feed sends, and returns when feed has returned and every fn has.
func parallelFeed(workers, n int, feed func(next chan<- int), fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	feed(next)
	close(next)
	wg.Wait()
}
