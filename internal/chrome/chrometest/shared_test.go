package chrometest

import (
	"context"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// TestMain runs the tests through Sharing, so that Tab works.
func TestMain(m *testing.M) { os.Exit(Sharing(m).Run()) }

// TestTabsKeepStorageApart opens two tabs of the shared browser on the
// same file:// page: both run in the one browser, what one stores the
// other does not see (they are two browser contexts, as two browsers
// would be), and each saves downloads in its own folder.
func TestTabsKeepStorageApart(t *testing.T) {
	t.Parallel()
	u := writePage(t, `<!doctype html><script>
function save(text) {
	const a = document.createElement("a");
	a.href = URL.createObjectURL(new Blob([text]));
	a.download = "answers.txt";
	document.body.append(a);
	a.click();
}
</script>`)
	tabs := []context.Context{Tab(t), Tab(t)}
	if chromedp.FromContext(tabs[0]).Browser != chromedp.FromContext(tabs[1]).Browser {
		t.Fatal("two tabs run in two browsers; want one shared browser")
	}
	downloads := []*Downloads{CaptureDownloads(t, tabs[0]), CaptureDownloads(t, tabs[1])}
	for _, tab := range tabs {
		if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
	}
	Eval[bool](t, tabs[0], `localStorage.setItem("k", "one") ?? true`)
	if got := Eval[*string](t, tabs[1], `localStorage.getItem("k")`); got != nil {
		t.Errorf("the second tab reads %q from the first tab's storage; want storage apart", *got)
	}
	if got := Eval[*string](t, tabs[0], `localStorage.getItem("k")`); got == nil || *got != "one" {
		t.Errorf("the first tab reads %v back; want \"one\"", got)
	}
	for i, tab := range tabs {
		text := "saved in tab " + strconv.Itoa(i+1)
		Eval[bool](t, tab, `save(`+strconv.Quote(text)+`) ?? true`)
		name, data := downloads[i].Wait(t, 10*time.Second)
		if name != "answers.txt" || string(data) != text {
			t.Errorf("tab %d downloaded %q with %q into its folder; want answers.txt with %q", i+1, name, data, text)
		}
	}
}

// TestUsedTabIsAsGoodAsNew has one test leave its tab in every state a
// test can, and the next test, which gets the same tab, find none of it:
// no stored data (written while the page closed too), no second tab, no
// viewport or print media, scripts allowed, and the first test's event
// listeners no longer called. It runs alone, so no other test takes the
// tab in between.
func TestUsedTabIsAsGoodAsNew(t *testing.T) {
	u := writePage(t, `<!doctype html><title>t</title><script>
addEventListener("pagehide", () => localStorage.setItem("left", "on leaving"));
</script>`)
	var first string
	var calls atomic.Int64
	t.Run("leaves", func(t *testing.T) {
		ctx := Tab(t)
		first = string(chromedp.FromContext(ctx).Target.TargetID)
		if err := chromedp.Listen(ctx, func(any) { calls.Add(1) }); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.EmulateViewport(300, 200),
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
				return err
			}))
		if err != nil {
			t.Fatal(err)
		}
		// A second tab that chromedp knows nothing of, as a page's pop-up.
		c := chromedp.FromContext(ctx)
		if _, err := cdp.Call(ctx, c.Browser, target.CreateTarget, target.CreateTargetParams{URL: u, BrowserContextID: c.BrowserContextID}); err != nil {
			t.Fatal(err)
		}
		Eval[bool](t, ctx, `localStorage.setItem("k", "v") ?? sessionStorage.setItem("k", "v") ?? true`)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(ok => indexedDB.open("db").onsuccess = () => ok(true))`, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		CaptureDownloads(t, ctx)
	})
	t.Run("finds none of it", func(t *testing.T) {
		ctx := Tab(t)
		c := chromedp.FromContext(ctx)
		if string(c.Target.TargetID) != first {
			t.Fatalf("the second test got tab %s, not the first test's %s: it was not used again", c.Target.TargetID, first)
		}
		before := calls.Load()
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		if n := calls.Load() - before; n != 0 {
			t.Errorf("the first test's listener was called %d times in the second test", n)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`Promise.all([localStorage.length, sessionStorage.length,
			indexedDB.databases().then(d => d.length), innerWidth, matchMedia("print").matches])`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if want := []any{0.0, 0.0, 0.0, nil, false}; got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[4] != want[4] || got[3] == 300.0 {
			t.Errorf("[localStorage, sessionStorage, IndexedDB databases, innerWidth, print media] = %v; want empty storage, the default width and screen media", got)
		}
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.BrowserContextID == c.BrowserContextID && info.Type == "page" && info.TargetID != c.Target.TargetID {
				t.Errorf("the first test's second tab (%s) is still open", info.URL)
			}
		}
	})
}
