package e2e

import (
	"testing"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// TestQRCodeOnlyOnPaper opens a page of the example built with base_url,
// which gives every page a QR code of its address for paper: on screen the
// code is hidden, both on a page and in the print book, and printed it is
// there.
func TestQRCodeOnlyOnPaper(t *testing.T) {
	t.Parallel()
	root := exampleWith(t, withSettings("base_url: https://example.org/wb/"))
	b := &browser{t: t, site: buildWorkbook(t, root), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	const shown = `(() => { const q = document.querySelector(".print-qr"); return q !== null && getComputedStyle(q).display !== "none"; })()`
	for _, page := range []string{"4-sessions/first-session/index.html", "print/index.html"} {
		b.navigate(page)
		if eval[bool](b, `document.querySelector(".print-qr") === null`) {
			t.Fatalf("%s has no QR code with base_url set", page)
		}
		if eval[bool](b, shown) {
			t.Errorf("%s shows the QR code on screen; want it on paper only", page)
		}
		b.emulateMedia("print")
		if !eval[bool](b, shown) {
			t.Errorf("%s printed has no QR code", page)
		}
		b.emulateMedia("")
	}
}
