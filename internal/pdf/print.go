// Package pdf turns a built praxis page into a PDF file and reads back what a
// later step needs from it.
//
// It is the last stage of `praxis pdf`: the site is built first, then [Print]
// loads print/index.html (the whole workbook) or one handout page from the
// output folder in headless Chromium (see package chrome) and prints it with
// the page's own CSS: @page decides paper size, margins and running headers.
// Chromium turns the headings into PDF bookmarks and writes a tagged PDF.
//
// # Metadata
//
// Chromium takes the PDF Title from <title> and sets no Author. Print then
// appends an incremental update to the file (see [SetInfo]): a new
// document-information dictionary with the workbook's Title, Author, Subject
// and Creator "praxis". The bytes Chromium wrote stay as they are.
//
// # Page numbers for a table of contents
//
// [Outline] reads the bookmarks back with the page each heading landed on,
// [Destinations] and [NamedPage] where an element id landed (Chromium
// writes a named destination for each id a link of the page points to),
// and [PageCount] counts pages. Package print reads them to number the
// book's pages (print.Paginator): praxis pdf prints once, reads where each
// chapter, page and prompt starts, writes the numbers into the table of
// contents and prints again.
//
// # Bookmarks
//
// Chromium's outline is flat: a bookmark per heading. [SetOutline]
// replaces it, in another incremental update, by the one praxis wants,
// nested as chapters, their pages and the pages' prompts, each pointing
// where Chromium's bookmark or named destination pointed.
package pdf

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// Paper is a sheet size. With preferCSSPageSize the page's CSS @page size
// wins; the paper size is what Chromium uses where CSS does not say.
type Paper string

// The paper sizes praxis supports.
const (
	A4     Paper = "A4"
	Letter Paper = "Letter"
)

// ParsePaper returns the paper size named s, in any letter case ("a4",
// "Letter"); an empty s is A4.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(s) {
	case "", "a4":
		return A4, nil
	case "letter":
		return Letter, nil
	}
	return "", fmt.Errorf("unknown paper size %q; use %q or %q", s, A4, Letter)
}

// inches returns the width and height of the paper in inches.
func (p Paper) inches() (w, h float64, err error) {
	switch p {
	case A4, "":
		return 210 / 25.4, 297 / 25.4, nil
	case Letter:
		return 8.5, 11, nil
	}
	return 0, 0, fmt.Errorf("unknown paper size %q; use %q or %q", string(p), A4, Letter)
}

// Options says how to print. The zero value prints on A4 with Chromium's
// metadata and Creator "praxis".
type Options struct {
	Paper Paper // A4 when empty
	Info  Info  // written into the PDF; empty fields keep Chromium's values
	// Progress, when not nil, is called with a short description of each
	// stage ("loading", "waiting for fonts and images", "printing",
	// "writing metadata"), so a long workbook shows signs of life.
	Progress func(stage string)
}

// stage reports a stage to the progress callback, if any.
func (o Options) stage(s string) {
	if o.Progress != nil {
		o.Progress(s)
	}
}

//go:embed ready.js
var readyJS string

// Print loads pageURL (usually a file:// URL of the built site) in the tab of
// ctx, waits until it is fully loaded (load event, web fonts, images), prints
// it to PDF and writes opts.Info into the result.
//
// ctx must be a chromedp context, such as the one chrome.NewContext returns;
// a timeout or cancellation derived from it bounds the whole print. The page
// decides margins and page size through CSS @page; backgrounds are printed,
// headings become bookmarks and the PDF is tagged for screen readers.
func Print(ctx context.Context, pageURL string, opts Options) ([]byte, error) {
	data, err := printRaw(ctx, pageURL, opts)
	if err != nil {
		return nil, err
	}
	opts.stage("writing metadata")
	return SetInfo(data, opts.Info)
}

// printRaw is Print without the metadata update: the bytes Chromium wrote.
func printRaw(ctx context.Context, pageURL string, opts Options) ([]byte, error) {
	w, h, err := opts.Paper.inches()
	if err != nil {
		return nil, err
	}
	opts.stage("loading")
	// Leave the current page first: navigating to the URL the tab already
	// shows, or to it with another #fragment, would not load it afresh, and
	// the second print of the table-of-contents flow must see the new file.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(pageURL)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", pageURL, err)
	}
	opts.stage("waiting for fonts and images")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](readyJS, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("waiting for %s to finish loading: %w", pageURL, err)
	}
	opts.stage("printing")
	data, err := chromedp.Run(ctx, printAction(w, h))
	if err != nil {
		return nil, fmt.Errorf("printing %s: %w", pageURL, err)
	}
	return data, nil
}

// printAction prints the loaded page on paper of w × h inches. Margins are 0
// so that CSS @page margins are the only ones; the PDF is streamed because a
// whole workbook can exceed the size of one protocol message.
func printAction(w, h float64) chromedp.Action[[]byte] {
	return chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperSize{Width: w, Height: h}),
		chromedp.PDFMargin(0),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
		chromedp.PDFStream(),
	)
}
