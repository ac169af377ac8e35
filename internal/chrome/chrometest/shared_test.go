package chrometest

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

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
