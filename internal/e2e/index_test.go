package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// requests counts the requests of the tab of b for one file name.
type requests struct {
	mu sync.Mutex
	n  int
}

// countRequests starts counting the requests of b's tab for URLs ending
// in "/"+name.
func countRequests(b *browser, name string) *requests {
	b.t.Helper()
	r := &requests{}
	err := chromedp.Listen(b.ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && e.Request != nil && strings.HasSuffix(e.Request.URL, "/"+name) {
			r.mu.Lock()
			r.n++
			r.mu.Unlock()
		}
	})
	if err != nil {
		b.t.Fatalf("listening for requests: %v", err)
	}
	return r
}

func (r *requests) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// TestPromptDetailsLoadOnlyWhenNeeded checks that pages load the small
// prompts.js and nothing else of the prompts: progress, reviews, "My
// action steps", "Save all my answers" and "Load answers" work from it,
// and prompt-index.js, with every prompt's text, is loaded by the first
// "Download my answers" of a page only, from any folder of the site.
func TestPromptDetailsLoadOnlyWhenNeeded(t *testing.T) {
	t.Parallel()
	b := open(t, reflectPage)
	index, list := countRequests(b, "prompt-index.js"), countRequests(b, "prompts.js")
	downloads := chrometest.CaptureDownloads(t, b.ctx)
	b.typeInto("first-question", "Walk at lunch")
	b.setValue("plan/r1c1", "Book a room")
	for _, rel := range []string{"index.html", reflectPage, followUpPage, actionsPage, "prompts/index.html", "print/index.html"} {
		b.navigate(rel)
		if loaded := eval[bool](b, `"praxisPromptIndex" in window`); loaded || index.count() != 0 {
			t.Fatalf("%s loaded prompt-index.js (%d requests) at start; want only prompts.js", rel, index.count())
		}
	}
	if n := list.count(); n != 6 {
		t.Fatalf("%d requests for prompts.js on 6 pages; want one each", n)
	}

	b.navigate(reflectPage)
	b.click(".save-all-answers")
	_, data := downloads.Wait(t, 10*time.Second)
	b.loadFile(writeAnswersFile(t, data, func(f map[string]any) {
		f["answers"].(map[string]any)["removed-question"] = "An answer of a removed prompt"
	}))
	orphans := eval[string](b, `document.querySelector(".load-dialog .load-orphans")?.textContent ?? ""`)
	if !strings.HasPrefix(orphans, "1 answer in the file belongs to a prompt this workbook no longer has (removed-question)") {
		t.Fatalf("load dialog about the removed prompt = %q; want it reported", orphans)
	}
	b.click(".load-dialog .cancel-load")
	if n := index.count(); n != 0 {
		t.Fatalf("saving and loading answers requested prompt-index.js %d times; want none", n)
	}

	b.click(".download-answers")
	_, first := downloads.Wait(t, 10*time.Second)
	b.click(".download-answers")
	_, second := downloads.Wait(t, 10*time.Second)
	const start = "# Browser test workbook\n\n## 1.1 What did you notice this week?\n\n_Reflect and plan_\n\nWalk at lunch\n"
	if !strings.HasPrefix(string(first), start) || string(second) != string(first) {
		t.Fatalf("two downloads of a page:\n%s\n---\n%s\nwant both the same, starting %q", first, second, start)
	}
	if n := index.count(); n != 1 {
		t.Fatalf("two downloads requested prompt-index.js %d times; want once", n)
	}

	b.navigate("print/index.html") // one folder down: the file is ../prompt-index.js
	b.click(".download-answers")
	if _, data := downloads.Wait(t, 10*time.Second); !strings.HasPrefix(string(data), start) {
		t.Fatalf("download from the print book:\n%s\nwant it to start %q", data, start)
	}
}

// TestDownloadWithoutPromptIndex checks what "Download my answers" does
// when prompt-index.js is missing, as in a site copied without it: it says
// so and downloads nothing, and tries again on the next click.
func TestDownloadWithoutPromptIndex(t *testing.T) {
	t.Parallel()
	// Not open: the missing file is an error the browser logs, on purpose.
	b := &browser{t: t, site: buildSite(t), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	file := filepath.Join(b.site, "prompt-index.js")
	if err := os.Rename(file, file+".away"); err != nil {
		t.Fatal(err)
	}
	downloads := chrometest.CaptureDownloads(t, b.ctx)
	b.navigate(reflectPage)
	b.click(".download-answers")
	b.do(chromedp.Poll[chromedp.Void](`document.querySelector(".answers-notice") !== null`, chromedp.WithPollingTimeout(5*time.Second)))
	if msg := eval[string](b, `document.querySelector(".answers-notice").textContent`); !strings.Contains(msg, "cannot be downloaded now") {
		t.Fatalf("notice = %q; want it to say the answers cannot be downloaded now", msg)
	}

	if err := os.Rename(file+".away", file); err != nil {
		t.Fatal(err)
	}
	b.click(".download-answers")
	name, data := downloads.Wait(t, 10*time.Second)
	if name != workbook+"-answers.md" || !strings.Contains(string(data), "## 2.1 What will you keep doing?") {
		t.Fatalf("download after the file is back: %s\n%s\nwant every prompt", name, data)
	}
}
