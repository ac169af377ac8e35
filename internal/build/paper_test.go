package build

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// printableWidthPx is the width between the margins of an A4 page in CSS
// pixels: 210mm minus the theme's 18mm side margins is 174mm, at 96 pixels
// per inch 657.6px.
const printableWidthPx = 657

// TestNothingRunsOffThePrintedPage lays out print books in print media at
// the printable width of A4 and fails for any element that sticks out: long
// words and addresses, wide tables, long code lines, tall prompts.
func TestNothingRunsOffThePrintedPage(t *testing.T) {
	sites := map[string]string{"example": "../..", "stress": "testdata/stress"}
	for name, root := range sites {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			b := New(Options{Root: root, Output: out, Defaults: praxis.Defaults})
			cfg, err := b.LoadConfig()
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := b.Write(context.Background(), cfg); err != nil {
				t.Fatal(err)
			}
			ctx := chrometest.Tab(t)
			for _, page := range []string{"print/index.html", "ch/print.html"} {
				if name == "example" && page == "ch/print.html" {
					page = "3-action/action-steps/index.html"
				}
				checkPrintWidth(t, ctx, filepath.Join(out, page))
			}
		})
	}
}

func checkPrintWidth(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	printMedia := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(printableWidthPx, 1000),
		printMedia,
		chromedp.Navigate(chrometest.FileURL(t, file)),
	)
	if err != nil {
		t.Fatal(err)
	}
	over, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](chrometest.OverflowScript))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range over {
		t.Errorf("%s: wider than the printable width (%dpx): %s", filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), printableWidthPx, o)
	}
}
