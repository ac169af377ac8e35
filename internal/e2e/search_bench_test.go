package e2e

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/bench/corpus/gen"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/search"
)

// benchQueries are what BenchmarkSearch types: single words common and
// rare in the generated workbook, short prefixes that match many words,
// several words, and words found nowhere.
var benchQueries = []string{"reflection", "exp", "s", "small step", "trust the process", "quietly wonder",
	"perspective shift", "tension between", "zzz", "nothing matches this"}

// searchOnce types query into the search box in one go, as a paste
// would, and returns how long the page took to find and list the results,
// by its own clock: from the input event to the results laid out.
const searchOnce = `(query => {
  const input = document.querySelector("#search-input");
  const t0 = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  document.querySelector(".search-results").getBoundingClientRect();
  return performance.now() - t0;
})`

// firstSearch focuses the box of a page that has not loaded the index yet
// and searches, and resolves to how long, by the page's clock, from the
// focus until the results are laid out: loading search-index.js, reading
// it and the first search.
const firstSearch = `new Promise(resolve => {
  const input = document.querySelector("#search-input"), status = document.querySelector(".search-status");
  const t0 = performance.now();
  const done = () => {
    if (status.textContent === "" || status.textContent.startsWith("Loading")) return false;
    document.querySelector(".search-results").getBoundingClientRect();
    resolve(performance.now() - t0);
    return true;
  };
  new MutationObserver((_, o) => { if (done()) o.disconnect(); }).observe(status, {childList: true, characterData: true, subtree: true});
  input.focus();
  input.value = "reflection";
  input.dispatchEvent(new Event("input", {bubbles: true}));
  done();
})`

// BenchmarkSearch measures the search box in headless Chromium on a
// generated workbook of 1,000 pages (bench/corpus/gen; PRAXIS_BENCH_PAGES
// sets another size), opened from file://. Each op types each of
// benchQueries into the box of one page and times, by the page's own
// clock, from the input event until the results are listed and laid out.
//
//	go test ./internal/e2e -run '^$' -bench Search -benchtime 20x
//
// It reports the median and worst query (median-ms, worst-ms), the size
// of search-index.js (index-KiB), and the time from focusing the box on a
// fresh page to the first results, which loads and reads the index
// (first-ms, median of 5 pages). Without Chromium it skips, or fails under
// CI=true.
func BenchmarkSearch(b *testing.B) {
	pages := 1000
	if n, err := strconv.Atoi(os.Getenv("PRAXIS_BENCH_PAGES")); err == nil && n > 0 {
		pages = n
	}
	root := b.TempDir()
	files := gen.Praxis(gen.Options{Pages: pages})
	if err := gen.Write(root, files); err != nil {
		b.Fatal(err)
	}
	site := buildWorkbook(b, root)
	fi, err := os.Stat(filepath.Join(site, search.File))
	if err != nil {
		b.Fatal(err)
	}
	ctx := chrometest.Context(b)
	chrometest.ForbidOutside(b, ctx, []string{site})
	failOnScriptErrors(b, ctx)
	page := chrometest.FileURL(b, filepath.Join(site, middlePageFile(files)))

	var first []float64
	for range 5 {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(page)); err != nil {
			b.Fatal(err)
		}
		chrometest.WaitJS(b, ctx, `document.querySelector("#search-input") !== null`, 10*time.Second)
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](firstSearch, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		first = append(first, ms)
	}
	if n := chrometest.Eval[int](b, ctx, `document.querySelectorAll(".search-results a").length`); n == 0 {
		b.Fatal(`"reflection" found nothing in the generated workbook`)
	}

	var times []float64
	b.ResetTimer()
	for range b.N {
		for _, q := range benchQueries {
			ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](searchOnce+"("+strconv.Quote(q)+")"))
			if err != nil {
				b.Fatal(err)
			}
			times = append(times, ms)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	slices.Sort(first)
	b.ReportMetric(times[len(times)/2], "median-ms")
	b.ReportMetric(times[len(times)-1], "worst-ms")
	b.ReportMetric(first[len(first)/2], "first-ms")
	b.ReportMetric(float64(fi.Size())/1024, "index-KiB")
}

// middlePageFile returns the output file of the content page in the middle
// of a generated workbook.
func middlePageFile(files []gen.File) string {
	var pages []string
	for _, f := range files {
		if strings.HasPrefix(f.Path, "content/") && path.Base(f.Path) != "_index.md" && strings.HasSuffix(f.Path, ".md") {
			pages = append(pages, f.Path)
		}
	}
	src := pages[len(pages)/2]
	return strings.TrimSuffix(strings.TrimPrefix(src, "content/"), ".md") + "/index.html"
}
