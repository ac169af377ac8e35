package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"os"
	"runtime"
	"sync"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/print"
	"github.com/praxis-workbooks/praxis/internal/render"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// edition is the state of building one edition.
type edition struct {
	cfg      *config.Config
	name     string
	conv     *markdown.Converter
	renderer *render.Renderer
	layers   render.Layers
	site     *site.Site
	info     render.SiteInfo
	sink     Sink
	ctx      context.Context // the build's, for cancelling parallel work
	// pageNumbers maps print-book section anchors to the PDF page on
	// which they start, when known from an earlier print.
	pageNumbers map[string]int
}

func (b *Builder) buildEdition(ctx context.Context, cfg *config.Config, name string, sink Sink) (Stats, error) {
	e, err := b.assembleEdition(ctx, cfg, name, sink, nil)
	if err != nil {
		return Stats{}, err
	}
	e.ctx = ctx
	if err := e.writeAll(ctx, b); err != nil {
		return Stats{}, err
	}
	st := Stats{Pages: len(e.site.Pages), Prompts: len(e.site.Prompts), Files: sink.Count()}
	for _, p := range e.site.Pages {
		st.Sections = append(st.Sections, SectionRef{Anchor: print.Anchor(p), Title: p.Meta.Title})
		for _, pr := range p.Prompts {
			st.Sections = append(st.Sections, SectionRef{Anchor: pr.ID, Title: print.PromptMark(pr.Number)})
		}
	}
	return st, nil
}

// assembleEdition runs the pipeline of one edition up to rendering: it
// loads, parses and assembles the pages. Build and Live both start here;
// Live passes in sp the trees it parsed ahead (nil for none).
func (b *Builder) assembleEdition(ctx context.Context, cfg *config.Config, name string, sink Sink, sp *spares) (*edition, error) {
	e := &edition{cfg: cfg, name: name, sink: sink, pageNumbers: b.opts.PageNumbers}
	e.layers = render.Layers{Site: os.DirFS(b.opts.Root), Defaults: b.opts.Defaults, Theme: cfg.Theme}
	var err error
	if e.renderer, err = render.New(e.layers); err != nil {
		return nil, err
	}
	e.conv = markdown.New(markdown.Options{
		UnsafeHTML: cfg.UnsafeHTML,
		Highlight:  b.highlight,
		Blocks: blocks.Options{DefaultLines: cfg.AnswerLines, ActionColumns: cfg.ActionColumns,
			ReviewColumns: cfg.ReviewColumns, Facilitator: name == config.Facilitator},
	})
	// Problems of loading and of assembly are reported together.
	var errs diag.List
	wb, err := content.Load(os.DirFS(b.opts.Root), content.Options{Drafts: b.opts.Drafts, Edition: name})
	if wb == nil {
		return nil, err
	}
	errs.Append(err)
	docs := e.parse(ctx, wb.Pages(), sp)
	e.site, err = site.Assemble(cfg, name, wb, docs)
	errs.Append(err)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	e.info = render.Info(e.site, b.opts.Now().Format("2 January 2006"))
	return e, nil
}

// context is the build's context; editions made without one (the live
// rebuild path) are not cancelled from inside.
func (e *edition) context() context.Context {
	if e.ctx == nil {
		return context.Background()
	}
	return e.ctx
}

// writeAll renders every output file of the edition.
func (e *edition) writeAll(ctx context.Context, b *Builder) error {
	var errs diag.List
	var mu sync.Mutex
	fail := func(err error) {
		mu.Lock()
		errs.Append(err)
		mu.Unlock()
	}
	parallel(ctx, len(e.site.Pages), func(i int) {
		if err := e.writePage(e.site.Pages[i]); err != nil {
			fail(err)
		}
		if b.opts.Log != nil {
			mu.Lock()
			fmt.Fprintf(b.opts.Log, "  %s → %s\n", e.site.Pages[i].Source, e.site.Pages[i].OutputFile())
			mu.Unlock()
		}
	})
	for _, step := range []func() error{e.writePrintBook, e.writePromptBank, e.writeActionsPage, e.write404, e.writeAliases,
		e.writeSitemap, e.writePromptIndex, func() error { return e.writeTheme(b) }, e.copyAssets(b.opts.Root)} {
		if err := step(); err != nil {
			fail(err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return errs.Err()
}

func (e *edition) writePage(p *site.Page) error {
	var body bytes.Buffer
	if err := e.conv.Render(&body, p.Doc); err != nil {
		return fmt.Errorf("%s: rendering: %w", p.Source, err)
	}
	return e.writeFramed(p, template.HTML(body.String()))
}

// writeFramed writes page p with its rendered body in the page layout. Full
// and incremental builds both go through here, so their output agrees.
func (e *edition) writeFramed(p *site.Page, body template.HTML) error {
	v := render.PageView(e.site, e.info, p, body)
	v.QR, v.WebURL = e.qr(p)
	return e.execute(p.OutputFile(), render.LayoutPage, v)
}

func (e *edition) execute(file, layout string, data any) error {
	var out bytes.Buffer
	if err := e.renderer.Execute(&out, layout, data); err != nil {
		return fmt.Errorf("rendering %s: %w", file, err)
	}
	return e.sink.Put(file, out.Bytes())
}

// parallel calls fn(0) … fn(n-1) on all cores and waits for them.
func parallel(ctx context.Context, n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
