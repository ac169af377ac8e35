package markdown

import (
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/praxis-workbooks/praxis/bench/corpus/gen"
)

// corpusBlock is one fenced code block of the benchmark corpus.
type corpusBlock struct{ lang, code string }

var (
	corpusOnce   sync.Once
	corpusBlocks []corpusBlock
)

// fence matches a fenced code block as the corpus generator writes it.
var fence = regexp.MustCompile("(?ms)^```([a-z]+)\n(.*?)^```$")

// benchBlocks returns the code blocks of a 200-page benchmark corpus: 25-line
// blocks in Go, Python, JavaScript, YAML and shell, all different, as in the
// workbooks the cold-build benchmark renders.
func benchBlocks(tb testing.TB) []corpusBlock {
	corpusOnce.Do(func() {
		for _, f := range gen.Praxis(gen.Options{Pages: 200}) {
			for _, m := range fence.FindAllSubmatch(f.Data, -1) {
				corpusBlocks = append(corpusBlocks, corpusBlock{string(m[1]), string(m[2])})
			}
		}
	})
	if len(corpusBlocks) < 100 {
		tb.Fatalf("the corpus has %d code blocks", len(corpusBlocks))
	}
	return corpusBlocks
}

// BenchmarkHighlightCold highlights code that is not in the cache: each
// iteration highlights the same sample of corpus blocks (10 per language, or
// all 50 for "all"; lang= and lang=mermaid are the Go blocks without a
// language and with an unknown one), so every run does the same work.
// ns/block is the time of one 25-line block; cpu-ns/block is the CPU time the
// process spent on it, garbage collection on other threads included, which
// is what a build pays and which a busy machine disturbs less.
func BenchmarkHighlightCold(b *testing.B) {
	blocks := benchBlocks(b)
	perLang := map[string][]corpusBlock{}
	var all []corpusBlock
	var langs []string
	for _, c := range blocks {
		if len(perLang[c.lang]) == 10 {
			continue
		}
		if perLang[c.lang] == nil {
			langs = append(langs, c.lang)
		}
		perLang[c.lang] = append(perLang[c.lang], c)
		all = append(all, c)
	}
	slices.Sort(langs)
	perLang["all"] = all
	// The same code without a language, and with one chroma has no lexer
	// for: both come out escaped, not highlighted.
	for _, lang := range []string{"", "mermaid"} {
		name := "lang=" + lang
		for _, c := range perLang["go"] {
			perLang[name] = append(perLang[name], corpusBlock{lang, c.code})
		}
		langs = append(langs, name)
	}
	for _, lang := range append([]string{"all"}, langs...) {
		set := perLang[lang]
		b.Run(lang, func(b *testing.B) {
			h := NewHighlighter()
			for _, c := range set {
				h.highlight(c.lang, c.code) // compile the lexers outside the timing
			}
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				for _, c := range set {
					h.highlight(c.lang, c.code)
				}
			}
			blocks := float64(b.N * len(set))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/blocks, "ns/block")
			if cpu > 0 {
				b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/blocks, "cpu-ns/block")
			}
		})
	}
}

// BenchmarkHighlightColdParallel is the corpus blocks highlighted from
// GOMAXPROCS goroutines sharing one Highlighter, as the build does; an
// iteration is one block.
func BenchmarkHighlightColdParallel(b *testing.B) {
	blocks := benchBlocks(b)
	h := NewHighlighter()
	compiled := map[string]bool{}
	for _, c := range blocks {
		if !compiled[c.lang] {
			h.highlight(c.lang, c.code) // compile the lexer outside the timing
			compiled[c.lang] = true
		}
	}
	b.ReportAllocs()
	var next atomic.Int64
	cpu := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c := blocks[int(next.Add(1))%len(blocks)]
			h.highlight(c.lang, c.code)
		}
	})
	if cpu > 0 {
		b.ReportMetric(float64((processCPU()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/block")
	}
}

// TestHighlighterLexer checks that the remembered lexers are chroma's.
func TestHighlighterLexer(t *testing.T) {
	h := NewHighlighter()
	for range 2 {
		for _, name := range []string{"go", "Go", "golang", "sh", "js", "py", "yml", "nosuchlang", "mermaid", "text"} {
			if got, want := h.lexer(name), lexers.Get(name); got != want {
				t.Errorf("%s: got %v, want %v", name, got, want)
			}
		}
	}
	if h.lexer("") != nil {
		t.Error("a block without a language has a lexer")
	}
}
