package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/txtartest"
)

// namesArchive is the workbook whose file and folder names need
// percent-encoding; the build package's tests check its output file by file.
var namesArchive = filepath.Join("..", "build", "testdata", "names.txtar")

// unpackNames writes the files of namesArchive into a new folder.
func unpackNames(t *testing.T) string { return txtartest.Unpack(t, namesArchive) }

// siteLinks selects the links of the start page to follow: the sidebar's
// and those of the page's text, but for the prompt link, whose text is not
// its page's title.
const siteLinks = `.toc a, .page-body a:not([href^="#"]):not([title^="Question"])`

// TestAwkwardNamesFromDisk opens the built workbook from file:// and goes
// to the address of every link of the start page as the browser reads it
// (a.href, where a click goes), in a browser that fails the test on a
// request outside the site, a missing file, a script error or a dialog:
// each link must be a file:// address (not javascript:alert(1)) and land
// on the page it names. The picture, the file and the old address of a
// page with such names must work too; those links are clicked.
func TestAwkwardNamesFromDisk(t *testing.T) {
	t.Parallel()
	b := &browser{t: t, site: buildWorkbook(t, unpackNames(t)), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	go func() {
		for ev, err := range chromedp.Events(b.ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			t.Errorf("a link opened a dialog: %q", ev.Message)
			_, _ = chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	b.navigate("index.html")
	type link struct{ Title, Href string }
	links := eval[[]link](b, `[...document.querySelectorAll(`+"`"+siteLinks+"`"+`)].map(a => {
		const c = a.cloneNode(true); // without its number and the script's progress count
		c.querySelectorAll("span").forEach(s => s.remove());
		return {title: c.textContent.trim(), href: a.href};
	})`)
	if len(links) < 14 {
		t.Fatalf("the start page has %d links to follow, want the sidebar's and the text's: %q", len(links), links)
	}
	for i, l := range links {
		// a.href is the address a click goes to, as the browser reads the
		// link; going there straight saves loading the start page again.
		if !strings.HasPrefix(l.Href, "file:///") {
			t.Errorf("link %d, %q, goes to %q; want a file of the site", i, l.Title, l.Href)
			continue
		}
		b.do(chromedp.Navigate(l.Href))
		b.waitScript()
		if got := eval[string](b, `document.querySelector(".page-title")?.textContent ?? document.title`); got != l.Title {
			t.Errorf("link %d, %q, led to %q (%s)", i, l.Title, got, l.Href)
		}
	}

	b.navigate("a b/index.html")
	if !eval[bool](b, `document.querySelector("img").complete && document.querySelector("img").naturalWidth > 0`) {
		t.Errorf("the picture %q did not load", eval[string](b, `document.querySelector("img").src`))
	}
	b.follow(`document.querySelector('.page-body a[href*="file"]')`)
	if got := eval[string](b, "document.body.textContent.trim()"); got != "a file with a question mark" {
		t.Errorf("the link to file?.txt showed %q", got)
	}

	b.do(chromedp.Navigate(chrometest.FileURL(t, filepath.Join(b.site, "old page", "index.html"))))
	chrometest.WaitJS(t, b.ctx, `document.querySelector(".page-title")?.textContent === "Half price"`, 10*time.Second)
}

// follow clicks the link that the JavaScript expression link finds and
// waits until the page it leads to has loaded.
func (b *browser) follow(link string) {
	b.t.Helper()
	before := eval[string](b, "location.href")
	eval[bool](b, link+".click(), true")
	chrometest.WaitJS(b.t, b.ctx, fmt.Sprintf(`location.href !== %q && document.readyState === "complete"`, before), 10*time.Second)
}
