package build_test

// Benchmarks of each stage of a build on a generated 200-page workbook
// (bench/corpus/gen), so that a regression shows where it comes from:
//
//	go test ./internal/build -run '^$' -bench . -benchmem
//
// The stage benchmarks run on one goroutine and report ns/page; the whole
// build renders on all cores, as praxis does. Each uses only the exported API
// of the stages, the way internal/build strings them together.
// BenchmarkLiveOnePage is the rebuild praxis serve does after one save.

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/bench/corpus/gen"
	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/layout"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// benchPages is the number of content pages of the benchmark workbook: 200,
// or PRAXIS_BENCH_PAGES when set (to profile a big workbook).
func benchPages() int {
	if n, err := strconv.Atoi(os.Getenv("PRAXIS_BENCH_PAGES")); err == nil && n > 0 {
		return n
	}
	return 200
}

// workbook writes the benchmark corpus to a temporary folder and returns
// the folder and its config.
func workbook(b *testing.B) (string, *config.Config) {
	b.Helper()
	root := b.TempDir()
	if err := gen.Write(root, gen.Praxis(gen.Options{Pages: benchPages()})); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(os.DirFS(root))
	if err != nil {
		b.Fatalf("config of the benchmark workbook: %v", err)
	}
	return root, cfg
}

// converter returns a Converter with an empty highlighting cache, set up
// the way internal/build sets it up for the participant edition.
func converter(cfg *config.Config) *markdown.Converter {
	return markdown.New(markdown.Options{
		UnsafeHTML: cfg.UnsafeHTML,
		Highlight:  markdown.NewHighlighter(),
		Blocks:     blocks.Options{DefaultLines: cfg.AnswerLines, ActionColumns: cfg.ActionColumns},
	})
}

func load(b *testing.B, root string) *content.Workbook {
	b.Helper()
	wb, err := content.Load(folder.New(root), content.Options{Edition: config.Participant})
	if err != nil {
		b.Fatalf("loading the benchmark workbook: %v", err)
	}
	return wb
}

// parse parses every page and keeps its summary, as a build does before
// assembling.
func parse(conv *markdown.Converter, wb *content.Workbook) []*site.Summary {
	pages := wb.Pages()
	sums := make([]*site.Summary, len(pages))
	for i, p := range pages {
		sums[i] = site.Summarize(conv.Parse(p.Source, p.Body, p.BodyLine))
	}
	return sums
}

func assemble(b *testing.B, cfg *config.Config, wb *content.Workbook, sums []*site.Summary) *site.Site {
	b.Helper()
	s, err := site.Assemble(cfg, config.Participant, wb, sums)
	if err != nil {
		b.Fatalf("assembling the benchmark workbook: %v", err)
	}
	return s
}

// perPage reports the time per page of the benchmark workbook.
func perPage(b *testing.B, pages int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
}

// BenchmarkLoad reads every source file and its front matter.
func BenchmarkLoad(b *testing.B) {
	root, _ := workbook(b)
	b.ResetTimer()
	for range b.N {
		load(b, root)
	}
	perPage(b, benchPages())
}

// BenchmarkParse parses every page body into a syntax tree and summarizes
// it for assembly.
func BenchmarkParse(b *testing.B) {
	root, cfg := workbook(b)
	wb, conv := load(b, root), converter(cfg)
	b.ResetTimer()
	for range b.N {
		parse(conv, wb)
	}
	perPage(b, len(wb.Pages()))
}

// BenchmarkAssemble numbers prompts and resolves links, from the pages'
// summaries.
func BenchmarkAssemble(b *testing.B) {
	root, cfg := workbook(b)
	wb, conv := load(b, root), converter(cfg)
	sums := parse(conv, wb)
	b.ResetTimer()
	for range b.N {
		assemble(b, cfg, wb, sums)
	}
	perPage(b, len(wb.Pages()))
}

// BenchmarkRender parses every assembled page again, turns it into HTML and
// frames it in the page layout: cold with an empty highlighting cache (a first build), warm
// with every code block already highlighted (a rebuild in serve).
func BenchmarkRender(b *testing.B) {
	root, cfg := workbook(b)
	wb := load(b, root)
	s := assemble(b, cfg, wb, parse(converter(cfg), wb))
	r, err := layout.New(layout.Layers{Site: os.DirFS(root), Defaults: praxis.Defaults, Theme: cfg.Theme})
	if err != nil {
		b.Fatal(err)
	}
	info := layout.Info(s, "1 January 2026")
	for _, mode := range []string{"cold", "warm"} {
		b.Run(mode, func(b *testing.B) {
			conv := converter(cfg)
			b.ResetTimer()
			for range b.N {
				if mode == "cold" {
					b.StopTimer()
					conv = converter(cfg)
					b.StartTimer()
				}
				renderAll(b, conv, r, s, info)
			}
			perPage(b, len(s.Pages))
		})
	}
}

func renderAll(b *testing.B, conv *markdown.Converter, r *layout.Renderer, s *site.Site, info layout.SiteInfo) {
	var body, out bytes.Buffer
	for _, p := range s.Pages {
		body.Reset()
		out.Reset()
		t, err := p.Prepare(conv.Parse(p.Source, p.Body, p.BodyLine))
		if err != nil {
			b.Fatal(err)
		}
		if err := conv.Render(&body, t.Doc); err != nil {
			b.Fatalf("rendering %s: %v", p.Source, err)
		}
		v := layout.PageView(s, info, p, template.HTML(body.String()))
		if err := r.Execute(&out, layout.LayoutPage, v); err != nil {
			b.Fatalf("framing %s: %v", p.Source, err)
		}
	}
}

// BenchmarkBuild runs the whole pipeline into memory, as praxis serve does:
// cold with a new Builder each time, warm reusing one Builder (what a
// rebuild after an edit costs today, since there is no one-page rebuild).
func BenchmarkBuild(b *testing.B) {
	root, _ := workbook(b)
	for _, mode := range []string{"cold", "warm"} {
		b.Run(mode, func(b *testing.B) {
			bld := build.New(build.Options{Root: root, Defaults: praxis.Defaults})
			cfg, err := bld.LoadConfig()
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if mode == "cold" {
					bld = build.New(build.Options{Root: root, Defaults: praxis.Defaults})
				}
				if _, err := bld.Build(context.Background(), cfg, build.NewMemory()); err != nil {
					b.Fatalf("building the benchmark workbook: %v", err)
				}
			}
			perPage(b, benchPages())
		})
	}
}

// BenchmarkWrite runs the whole pipeline into an output folder, as praxis
// build does, with a new Builder each time: "cold" without a cache folder,
// so every file is rendered, and "reuse" with one, into an output folder
// the last build made from the same sources, so every file is linked from
// it (a warm praxis build with nothing changed).
func BenchmarkWrite(b *testing.B) {
	root, _ := workbook(b)
	for _, mode := range []string{"cold", "reuse"} {
		b.Run(mode, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			cache := ""
			if mode == "reuse" {
				cache = b.TempDir()
			}
			write := func() {
				bld := build.New(build.Options{Root: root, Output: out, Defaults: praxis.Defaults, CacheDir: cache})
				cfg, err := bld.LoadConfig()
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := bld.Write(context.Background(), cfg); err != nil {
					b.Fatalf("writing the benchmark workbook: %v", err)
				}
			}
			write()
			b.ResetTimer()
			for range b.N {
				write()
			}
			perPage(b, benchPages())
		})
	}
}

// BenchmarkLiveOnePage is a rebuild in praxis serve after one page was
// saved: Live.Build, which renders the edited page and publishes, is timed;
// Live.Finish, which renders the rest in the background and parses ahead
// for the next save, is reported as finish-ns/op.
func BenchmarkLiveOnePage(b *testing.B) {
	root, _ := workbook(b)
	bld := build.New(build.Options{Root: root, Defaults: praxis.Defaults})
	cfg, err := bld.LoadConfig()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	live := bld.Live()
	if _, err := live.Build(ctx, cfg, nil); err != nil {
		b.Fatalf("first live build: %v", err)
	}
	if _, err := live.Finish(ctx); err != nil {
		b.Fatal(err)
	}
	const page = "content/ch-005/page-010.md"
	file := filepath.Join(root, filepath.FromSlash(page))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	var finish time.Duration
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		edited := fmt.Appendf(bytes.Clone(orig), "\nSaved for the %d. time.\n", i+1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := live.Build(ctx, cfg, []string{page})
		if err != nil {
			b.Fatalf("live build after editing %s: %v", page, err)
		}
		b.StopTimer()
		if !slices.Contains(res.Rendered, "ch-005/page-010/index.html") {
			b.Fatalf("live build after editing %s rendered %v, not the page", page, res.Rendered)
		}
		start := time.Now()
		if _, err := live.Finish(ctx); err != nil {
			b.Fatal(err)
		}
		finish += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(finish.Nanoseconds())/float64(b.N), "finish-ns/op")
}
