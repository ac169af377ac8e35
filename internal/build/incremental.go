package build

import (
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/render"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// Live builds one workbook again and again in memory, for praxis serve,
// and renders only what a change can have affected.
//
// Every build still loads, parses and assembles the whole workbook, so
// broken links and duplicate prompt ids are found exactly as by Build, and
// renders every page body, which is cheap. What is skipped is the costly
// part: framing a body in its layout, whose navigation lists every page of
// the workbook. Live remembers, for each output file of the last good
// build, a digest of everything the file was made from, and reuses the
// file's bytes when the digest is unchanged:
//
//   - a content page: its rendered body, plus its frame — the settings, the
//     build date, and the address, place and front matter of every page,
//     which together make the navigation;
//   - the prompt bank: the frame and every prompt's id, number and text;
//   - the print book: all of the above for every page;
//   - the 404 page, redirects and sitemap: the frame.
//
// So a body edit re-renders that page, the print book and any page whose
// body shows something of it (a link with its prompt's number or text);
// a title, weight, new or removed page re-renders every page; and a change
// outside content/ (templates, themes, praxis.yaml) re-renders everything.
// The output is always byte for byte that of a clean Build.
type Live struct {
	b       *Builder
	memos   map[string]*memo  // by edition; from the last good build
	files   map[string][]byte // the last good build's output
	pending []string          // sources changed since the last good build
}

// LiveResult is the outcome of one Live build.
type LiveResult struct {
	Stats
	// Files is every output file. Files whose bytes did not change share
	// them with the previous result; callers must not modify them.
	Files map[string][]byte
	// Changed lists the output files added, modified or removed since the
	// last good build, sorted; nil after the first.
	Changed []string
	// Rendered lists the pages rendered anew rather than reused, sorted.
	Rendered []string
}

// Live returns a Live builder that uses b's options and code highlighting
// cache.
func (b *Builder) Live() *Live { return &Live{b: b} }

// Build builds the workbook after the sources named in changed were
// created, modified or removed (paths relative to the workbook folder with
// forward slashes, as a watch.Batch names them). A nil changed means
// "unknown": everything is rendered. When the build fails, Live keeps the
// last good build and remembers changed for the next one.
func (l *Live) Build(ctx context.Context, cfg *config.Config, changed []string) (*LiveResult, error) {
	start := time.Now()
	l.pending = append(l.pending, changed...)
	if changed == nil || !inContent(changed) {
		l.memos = nil // kept nil until a build succeeds
	}
	mem := NewMemory()
	res := &LiveResult{}
	memos := map[string]*memo{}
	for i, name := range cfg.Editions {
		prefix := ""
		if i > 0 {
			prefix = name + "/"
		}
		m := l.memos[name].next(l.pending)
		est, err := l.buildEdition(ctx, cfg, name, prefixSink{prefix, mem}, m)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			res.Pages, res.Prompts = est.Pages, est.Prompts
		}
		for _, f := range m.rendered {
			res.Rendered = append(res.Rendered, prefix+f)
		}
		res.Editions = append(res.Editions, name)
		memos[name] = m
	}
	res.Files = mem.Files()
	if l.files != nil {
		res.Changed = diffFiles(l.files, res.Files)
	}
	slices.Sort(res.Rendered)
	res.Stats.Files = len(res.Files)
	res.Duration = time.Since(start)
	l.memos, l.files, l.pending = memos, res.Files, nil
	return res, nil
}

// inContent reports whether every path lies under content/, so that
// templates, themes and settings are as they were.
func inContent(paths []string) bool {
	for _, p := range paths {
		if !strings.HasPrefix(p, content.Dir+"/") {
			return false
		}
	}
	return true
}

func (l *Live) buildEdition(ctx context.Context, cfg *config.Config, name string, sink Sink, m *memo) (Stats, error) {
	e, err := l.b.assembleEdition(ctx, cfg, name, sink)
	if err != nil {
		return Stats{}, err
	}
	if err := e.writeChanged(ctx, l.b, m); err != nil {
		return Stats{}, err
	}
	return Stats{Pages: len(e.site.Pages), Prompts: len(e.site.Prompts)}, nil
}

// assembleEdition runs the pipeline of one edition up to rendering: it
// loads, parses and assembles the pages. It is buildEdition's first half.
func (b *Builder) assembleEdition(ctx context.Context, cfg *config.Config, name string, sink Sink) (*edition, error) {
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
			Facilitator: name == config.Facilitator},
	})
	// Problems of loading and of assembly are reported together.
	var errs diag.List
	wb, err := content.Load(os.DirFS(b.opts.Root), content.Options{Drafts: b.opts.Drafts, Edition: name})
	if wb == nil {
		return nil, err
	}
	errs.Append(err)
	pages := wb.Pages()
	docs := make([]*markdown.Doc, len(pages))
	parallel(ctx, len(pages), func(i int) {
		docs[i] = e.conv.Parse(pages[i].Source, pages[i].Body, pages[i].BodyLine)
	})
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

// diffFiles lists the files whose bytes differ between two builds,
// including files that appeared or disappeared, sorted. Reused files share
// their bytes, which bytes.Equal notices without reading them.
func diffFiles(old, cur map[string][]byte) []string {
	changed := []string{}
	for name, data := range cur {
		if prev, ok := old[name]; !ok || !bytes.Equal(prev, data) {
			changed = append(changed, name)
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	return changed
}
