package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/bench/corpus/gen"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// domEdits is the number of saves one op of BenchmarkServeEditToDOM times.
const domEdits = 20

// domPoll is the pause between two looks at the page's DOM.
const domPoll = 5 * time.Millisecond

// domPatience bounds the wait of one save for its sentence in the DOM.
const domPatience = 30 * time.Second

// domBrowserLife is how long the benchmark's browser may live: long enough
// for rounds of 20 saves of a 10,000-page workbook.
const domBrowserLife = 10 * time.Minute

// watchLoads makes every document the tab loads count, in sessionStorage,
// how often the tab loaded a page of the site, so the benchmark can tell one
// reload per save from two, and note in window.praxisParsedAt the wall
// clock (Date.now(), the clock Go's time.Now reads) when it was parsed.
const watchLoads = `sessionStorage.setItem("praxis-bench:loads",
  String(Number(sessionStorage.getItem("praxis-bench:loads")) + 1));
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") {
    window.praxisParsedAt = Date.now();
  }
});`

// scrollToMiddle scrolls the page half way down and returns where it is.
const scrollToMiddle = `(() => {
  window.scrollTo(0, Math.floor((document.documentElement.scrollHeight - window.innerHeight) / 2));
  return Math.round(window.scrollY);
})()`

// BenchmarkServeEditToDOM measures how long after a save an open page shows
// the new text in a real browser. praxis serve runs in-process on a copy of
// the example workbook, and on a generated workbook of 1,000 pages
// (bench/corpus/gen; PRAXIS_BENCH_PAGES sets another size), with the page
// being edited open in headless Chromium. Each op saves that page 20 times,
// each time with a new sentence appended, pausing 200–600 ms between
// saves. A save is timed from just before the write until the sentence is
// in the page's DOM, put there by the page reloading itself on the
// live-reload event; the benchmark looks at the DOM every 5 ms and never
// reloads the page itself. -benchtime 1x runs the 20 saves:
//
//	go test ./internal/cli -run '^$' -bench ServeEditToDOM -benchtime 1x
//
// It reports the median and worst save (median-ms, worst-ms) and, to show
// where the time goes, the median until its own connection to the event
// stream heard the reload (event-median-ms) and until the reloaded document
// was parsed by the page's own clock (parsed-median-ms; the looks at the DOM
// come at most 5 ms later, or later when the page's scripts keep the browser
// busy). ns/op is the time of the 20 saves without the pauses. Without
// Chromium it skips, or fails under CI=true.
func BenchmarkServeEditToDOM(b *testing.B) {
	b.Run("example", func(b *testing.B) {
		root := b.TempDir()
		copyExample(b, root)
		benchDOM(b, root, "content/3-action/action-steps.md")
	})
	pages := domBenchPages()
	b.Run(fmt.Sprintf("generated-%d", pages), func(b *testing.B) {
		root := b.TempDir()
		files := gen.Praxis(gen.Options{Pages: pages})
		if err := gen.Write(root, files); err != nil {
			b.Fatal(err)
		}
		benchDOM(b, root, middlePage(files))
	})
}

// domBenchPages is the size of the generated workbook: 1,000 content
// pages, or PRAXIS_BENCH_PAGES when set.
func domBenchPages() int {
	if n, err := strconv.Atoi(os.Getenv("PRAXIS_BENCH_PAGES")); err == nil && n > 0 {
		return n
	}
	return 1000
}

// middlePage returns the source of the content page in the middle of a
// generated workbook.
func middlePage(files []gen.File) string {
	var pages []string
	for _, f := range files {
		if strings.HasPrefix(f.Path, "content/") && path.Base(f.Path) != "_index.md" {
			pages = append(pages, f.Path)
		}
	}
	return pages[len(pages)/2]
}

// pageAddress is the URL path, without the leading slash, of the page whose
// source is the content file source.
func pageAddress(source string) string {
	return strings.TrimSuffix(strings.TrimPrefix(source, "content/"), ".md") + "/"
}

// benchDOM serves root, opens source's page and times b.N rounds of
// domEdits saves of it.
func benchDOM(b *testing.B, root, source string) {
	d := openDOMBench(b, root, source)
	var saves []save
	b.ResetTimer()
	for round := range b.N {
		for i := range domEdits {
			sv := d.edit(fmt.Sprintf("Benchmark save %d of round %d.", i+1, round+1))
			b.StopTimer()
			d.settle(&sv)
			saves = append(saves, sv)
			b.StartTimer()
		}
	}
	b.StopTimer()
	reportDOM(b, saves)
	d.summary(len(saves))
}

// save is what the benchmark measured of one save, each a time since just
// before the write.
type save struct {
	start  time.Time
	shown  time.Duration // until the sentence was in the DOM
	heard  time.Duration // until the benchmark's event stream heard the reload
	parsed time.Duration // until the reloaded document was parsed, by its clock
}

// domBench is one page of a workbook served by praxis serve and open in a
// browser tab.
type domBench struct {
	b        *testing.B
	s        *liveServer
	tab      context.Context
	source   string           // the page's file, relative to the workbook
	original string           // its text before the first save
	reloads  <-chan time.Time // when reload events for the page arrived
	scrollY  int              // where the benchmark scrolled the page
	lost     []int            // scroll positions after reloads that lost scrollY
}

// openDOMBench serves root and opens the page of source in a new browser,
// scrolled half way down and listening for live-reload events.
func openDOMBench(b *testing.B, root, source string) *domBench {
	s := startServeAt(b, root, 5*time.Minute)
	original, err := os.ReadFile(s.path(source))
	if err != nil {
		b.Fatal(err)
	}
	d := &domBench{b: b, s: s, source: source, original: string(original), reloads: reloadTimes(s, "/"+pageAddress(source))}
	d.tab = chrometest.ContextTimeout(b, domBrowserLife)
	chrometest.ForbidOutside(b, d.tab, nil, strings.TrimSuffix(s.url, "/"))
	chrometest.Preload(b, d.tab, countConnections+watchLoads)
	if err := chromedp.Do(d.tab, chromedp.Navigate(s.url+pageAddress(source))); err != nil {
		b.Fatal(err)
	}
	chrometest.WaitJS(b, d.tab, `window.praxisConnected >= 1`, patience)
	d.scrollY = chrometest.Eval[int](b, d.tab, scrollToMiddle)
	return d
}

// reloadTimes connects to the live-reload stream of s and sends the arrival
// time of every reload event that names path, or everything.
func reloadTimes(s *liveServer, path string) <-chan time.Time {
	events := s.events()
	s.nextEvent(events, "hello")
	times := make(chan time.Time, 64)
	go func() {
		for ev := range events { // until the test's cleanup ends the stream
			if ev.name == "reload" && namesPath(ev.data, path) {
				select {
				case times <- time.Now():
				default: // nobody is listening this far behind
				}
			}
		}
	}()
	return times
}

// namesPath reports whether the JSON data of a reload event lists path or,
// with an empty list, everything.
func namesPath(data, path string) bool {
	var msg struct{ Paths []string }
	if err := json.Unmarshal([]byte(data), &msg); err != nil {
		return false
	}
	return len(msg.Paths) == 0 || slices.Contains(msg.Paths, path)
}

// edit saves the page with marker appended, as an editor does, and returns
// how long after the save the tab's DOM held marker and the benchmark's
// event stream heard the reload.
func (d *domBench) edit(marker string) save {
	d.b.Helper()
	drain(d.reloads)
	start := time.Now()
	if err := os.WriteFile(d.s.path(d.source), []byte(d.original+"\n\n"+marker+"\n"), 0o644); err != nil {
		d.b.Fatal(err)
	}
	shown := d.waitText(marker, start.Add(domPatience))
	return save{start: start, shown: shown.Sub(start), heard: d.heard(start).Sub(start)}
}

// waitText looks at the tab's DOM every domPoll until the body's text holds
// marker, and returns when the look that first saw it came back. Errors
// while the page reloads (the old document gone, the new one not yet there)
// are expected and retried. textContent, unlike innerText, makes the
// browser lay nothing out, so the looks do not slow the reload down.
func (d *domBench) waitText(marker string, deadline time.Time) time.Time {
	d.b.Helper()
	expr := `document.body !== null && document.body.textContent.includes(` + strconv.Quote(marker) + `)`
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(d.tab, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return time.Now()
		}
		last = err
		time.Sleep(domPoll)
	}
	d.b.Fatalf("%q not in the page of %s within %v of the save (last error: %v); log:\n%s",
		marker, d.source, domPatience, last, d.s.errs)
	return time.Time{}
}

// heard returns when the first reload event for the page after start
// arrived.
func (d *domBench) heard(start time.Time) time.Time {
	d.b.Helper()
	timeout := time.After(patience)
	for {
		select {
		case at := <-d.reloads:
			if !at.Before(start) {
				return at
			}
		case <-timeout:
			d.b.Fatalf("no reload event for %s within %v of the save; log:\n%s", d.source, patience, d.s.errs)
		}
	}
}

// drain empties ch of what arrived before now.
func drain(ch <-chan time.Time) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// settle notes in sv when the reloaded page was parsed, pauses 200–600 ms,
// as a person between two saves, waits until the page listens for events
// again, and notes whether it kept its scroll position.
func (d *domBench) settle(sv *save) {
	chrometest.WaitJS(d.b, d.tab, `window.praxisParsedAt !== undefined`, patience)
	parsedAt := chrometest.Eval[int64](d.b, d.tab, `window.praxisParsedAt`)
	sv.parsed = time.UnixMilli(parsedAt).Sub(sv.start)
	time.Sleep(time.Duration(200+rand.IntN(401)) * time.Millisecond)
	chrometest.WaitJS(d.b, d.tab, `window.praxisConnected >= 1`, patience)
	if y := chrometest.Eval[int](d.b, d.tab, `Math.round(window.scrollY)`); y != d.scrollY {
		d.lost = append(d.lost, y)
	}
}

// summary logs how often the page loaded for its saves and whether the
// reloads kept its scroll position.
func (d *domBench) summary(saves int) {
	loads := chrometest.Eval[int](d.b, d.tab, `Number(sessionStorage.getItem("praxis-bench:loads"))`)
	d.b.Logf("%s: %d page loads for %d saves (the first load opened it); scroll position %d px lost after %d reloads %v",
		d.source, loads, saves, d.scrollY, len(d.lost), d.lost)
}

// reportDOM reports the median and worst save-to-DOM latency and the
// medians until the event and until the parsed page.
func reportDOM(b *testing.B, saves []save) {
	var shown, heard, parsed []time.Duration
	for _, sv := range saves {
		shown, heard, parsed = append(shown, sv.shown), append(heard, sv.heard), append(parsed, sv.parsed)
	}
	b.ReportMetric(millis(medianOf(shown)), "median-ms")
	b.ReportMetric(millis(slices.Max(shown)), "worst-ms")
	b.ReportMetric(millis(medianOf(heard)), "event-median-ms")
	b.ReportMetric(millis(medianOf(parsed)), "parsed-median-ms")
}

// medianOf returns the middle of ds (the upper one of the two for an even
// count, as BenchmarkServeEditToServed does).
func medianOf(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2]
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
