package e2e

import (
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// The print tests of testdata/paper, a workbook of pages that are hard to
// print: short lists that must not break, a list too long for one page,
// and words and addresses of 200 characters with nowhere to break.

// openPaper builds testdata/paper and opens page rel of it in a browser
// that fails the test on any request for something that is not a file of
// the site and on any script error.
func openPaper(t *testing.T, rel string) *browser {
	t.Helper()
	out := buildWorkbook(t, filepath.Join("testdata", "paper"))
	br := &browser{t: t, site: out, ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, br.ctx, []string{out})
	failOnScriptErrors(t, br.ctx)
	br.navigate(rel)
	return br
}

// printedPages prints the current page and returns the text of each
// printed page, with white space squashed.
func (b *browser) printedPages() []string {
	b.t.Helper()
	pages := strings.Split(pdfText(b.t, b.printPDF()), "\f")
	for i, p := range pages {
		pages[i] = squash(p)
	}
	return pages[:len(pages)-1] // the text ends with a form feed
}

// pageWith returns the 1-based number of the first page holding text, or 0.
func pageWith(pages []string, text string) int {
	for i, p := range pages {
		if strings.Contains(p, text) {
			return i + 1
		}
	}
	return 0
}

// TestPrintKeepsShortListsTogether prints fourteen groups of a sentence and
// a list of three to six items, more than two pages hold: page breaks must
// fall between groups, never inside a list or between a list and its
// sentence.
func TestPrintKeepsShortListsTogether(t *testing.T) {
	t.Parallel()
	pages := openPaper(t, "ch/short-lists/index.html").printedPages()
	if len(pages) < 3 {
		t.Fatalf("the groups fit on %d pages: too few page breaks to test", len(pages))
	}
	sizes := []int{5, 3, 6, 4, 6, 5, 3, 6, 4, 6, 5, 3, 6, 4} // as in testdata/paper/content/ch/short-lists.md
	for g, n := range sizes {
		lead := fmt.Sprintf("Group %d, the steps to take:", g+1)
		want := pageWith(pages, lead)
		for k := 1; k <= n; k++ {
			item := fmt.Sprintf("Group %d step %d ", g+1, k)
			if got := pageWith(pages, item); got != want || want == 0 {
				t.Errorf("%q is on page %d, its list's sentence %q on page %d", item, got, lead, want)
			}
		}
	}
}

// TestPrintBreaksLongLists prints a list of ninety items: it starts under
// its title and sentence on the first page and goes on over the next.
func TestPrintBreaksLongLists(t *testing.T) {
	t.Parallel()
	pages := openPaper(t, "ch/long-list/index.html").printedPages()
	first, last := pageWith(pages, "Long item 1 "), pageWith(pages, "Long item 90")
	if title := pageWith(pages, "Ninety items, far more"); first != 1 || title != 1 || last < 2 {
		t.Errorf("sentence on page %d, first item on page %d, last item on page %d; want 1, 1 and a later page", title, first, last)
	}
}

// printableWidthPx is the width between the margins of an A4 page in CSS
// pixels: 210mm minus the theme's 18mm side margins is 174mm, at 96 pixels
// per inch 657.6px.
const printableWidthPx = 657

// sideMarginPt is the theme's left and right page margin, 18mm, in points.
const sideMarginPt = 18 / 25.4 * 72

// TestPrintWrapsUnbreakableWords prints a page, and the print book, with a
// word and an address of 200 characters that have no place to break (no
// hyphen, soft hyphen, slash or punctuation after the host) in a paragraph,
// code, a heading, a list, a quotation, a table, a prompt and a callout.
// Laid out in print media at the printable width of A4, no element may
// stick out; printed, no word may reach into the side margins.
func TestPrintWrapsUnbreakableWords(t *testing.T) {
	t.Parallel()
	pages := []string{"ch/unbreakable/index.html", "print/index.html"}
	b := openPaper(t, pages[0])
	for _, rel := range pages {
		b.navigate(rel)
		checkMargins(t, rel, b.printPDF())
	}
	b.do(chromedp.EmulateViewport(printableWidthPx, 1000))
	b.emulateMedia("print")
	for _, rel := range pages {
		b.navigate(rel)
		for _, o := range eval[[]string](b, chrometest.OverflowScript) {
			t.Errorf("%s: wider than the printable width (%dpx): %s", rel, printableWidthPx, o)
		}
	}
}

// bboxPage is a page of `pdftotext -bbox` output: its width and the boxes
// of its words, in points.
type bboxPage struct {
	Width float64 `xml:"width,attr"`
	Words []struct {
		XMin float64 `xml:"xMin,attr"`
		XMax float64 `xml:"xMax,attr"`
		Text string  `xml:",chardata"`
	} `xml:"word"`
}

// checkMargins fails for every word of the print of page rel that reaches
// into the left or right margin of its page.
func checkMargins(t *testing.T, rel string, pdf []byte) {
	t.Helper()
	out := poppler(t, "pdftotext", "-bbox", writePDF(t, pdf), "-")
	var doc struct {
		Pages []bboxPage `xml:"body>doc>page"`
	}
	if err := xml.NewDecoder(strings.NewReader(out)).Decode(&doc); err != nil {
		t.Fatalf("reading pdftotext -bbox output: %v", err)
	}
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			if w.XMin < sideMarginPt-1 || w.XMax > p.Width-sideMarginPt+1 {
				t.Errorf("%s, printed page %d: %.40q runs from %.0fpt to %.0fpt, outside the text width %.0fpt..%.0fpt",
					rel, i+1, w.Text, w.XMin, w.XMax, sideMarginPt, p.Width-sideMarginPt)
			}
		}
	}
}
