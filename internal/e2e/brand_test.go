package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/colour"
	"github.com/praxis-workbooks/praxis/internal/config"
)

// TestBrandIsWorn builds testdata/brand, a workbook with brand: settings
// and a custom.css, opens it from file:// and checks in Chromium that the
// page follows the brand: the accent on screen, a lighter accent in dark
// mode, the accent on paper, the workbook's own font file in use, the
// logo in the header (its dark-mode version in dark mode) and on the
// cover, and custom.css over brand.css. No
// request may leave the built site.
func TestBrandIsWorn(t *testing.T) {
	t.Parallel()
	const root = "testdata/brand"
	data, err := os.ReadFile(filepath.Join(root, "praxis.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	light, dark := rgb(t, cfg.Brand.Accent), rgb(t, cfg.Brand.AccentDark)
	if light == dark {
		t.Fatalf("the dark-mode accent %s is the light one", cfg.Brand.AccentDark)
	}
	b := &browser{t: t, site: buildWorkbook(t, root), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	b.navigate("1-start/reflect/index.html")

	colourOf := `getComputedStyle(document.querySelector(".prompt-number")).color`
	if got := eval[string](b, colourOf); got != light {
		t.Errorf("question number on screen: colour %s, want the brand's accent %s", got, light)
	}
	logo := `(i => i.complete && i.naturalWidth > 0 ? i.currentSrc.split("/").pop() : "not loaded")(document.querySelector(".site-header .site-logo"))`
	if got := eval[string](b, logo); got != "logo.svg" {
		t.Errorf("header logo on screen: %s, want logo.svg", got)
	}
	b.emulateScheme("dark")
	if got := eval[string](b, colourOf); got != dark {
		t.Errorf("question number in dark mode: colour %s, want the brand's dark accent %s", got, dark)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](logo+` === "logo-dark.svg"`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("header logo in dark mode: %s, want logo-dark.svg (%v)", eval[string](b, logo), err)
	}
	b.emulateScheme("")
	b.emulateMedia("print")
	if got := eval[string](b, colourOf); got != light {
		t.Errorf("question number on paper: colour %s, want the brand's accent %s", got, light)
	}
	b.emulateMedia("")

	// The reading text is set in the workbook's font file, loaded from
	// the site itself.
	font := evalAwait[string](b, `document.fonts.ready.then(() => [...document.fonts]
		.filter(f => f.family.replaceAll('"', "") === "praxis brand body").map(f => f.status).join(",") + " " +
		document.fonts.check('16px "praxis brand body"'))`)
	if font != "loaded true" {
		t.Errorf("the brand's body font: status %q, want one face, loaded (\"loaded true\")", font)
	}
	if fam := eval[string](b, `getComputedStyle(document.querySelector(".page-body")).fontFamily`); fam[:19] != `"praxis brand body"` {
		t.Errorf("the page's text is set in %s; want the brand's font first", fam)
	}

	// custom.css comes after brand.css and the theme.
	if got := eval[string](b, `getComputedStyle(document.querySelector(".page-title")).textDecorationColor`); got != light {
		t.Errorf("custom.css's underline: colour %s, want %s (custom.css loads last and sees the brand's accent)", got, light)
	}
	if got := eval[string](b, `getComputedStyle(document.querySelector(".site-title")).letterSpacing`); got == "normal" {
		t.Errorf("custom.css's letter-spacing was not applied")
	}

	// The print book's cover shows the logo, and its rule is the accent
	// on paper.
	b.navigate("print/index.html")
	if w := eval[int](b, `document.querySelector(".cover img.cover-logo").naturalWidth`); w == 0 {
		t.Error("the cover's logo did not load")
	}
	b.emulateMedia("print")
	rule := `getComputedStyle(document.querySelector(".cover-titles"), "::before").borderTopColor`
	if got := eval[string](b, rule); got != light {
		t.Errorf("the cover's rule on paper: colour %s, want the brand's accent %s", got, light)
	}
}

// emulateScheme makes the page see prefers-color-scheme: scheme ("dark",
// "light", or "" for the browser's own).
func (b *browser) emulateScheme(scheme string) {
	b.t.Helper()
	b.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	}))
	// Style recalculation is synchronous on the next read; the wait
	// keeps a slow machine from reading before the media change lands.
	b.do(chromedp.Poll[chromedp.Void](fmt.Sprintf(`%q === "" || matchMedia("(prefers-color-scheme: %s)").matches`, scheme, scheme),
		chromedp.WithPollingTimeout(5*time.Second)))
}

// rgb is the hex colour s as getComputedStyle writes it.
func rgb(t *testing.T, s string) string {
	t.Helper()
	c, ok := colour.Parse(s)
	if !ok {
		t.Fatalf("not a colour: %q", s)
	}
	return fmt.Sprintf("rgb(%d, %d, %d)", c.R, c.G, c.B)
}

// TestBrandIsAccessible runs axe-core's colour rules over every page of
// testdata/brand, in light and in dark mode: the accent praxis.yaml gives,
// and the dark one praxis makes from it, keep every text readable (the
// contrast check of internal/config), with a rating chosen, so the accent
// is a background too. A brand changes only colours, fonts and pictures;
// TestAccessibility runs all of axe's rules.
func TestBrandIsAccessible(t *testing.T) {
	t.Parallel()
	src := axeScript(t)
	site := buildWorkbook(t, "testdata/brand")
	b := &browser{t: t, site: site, ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{site})
	failOnScriptErrors(t, b.ctx)
	b.do(chromedp.EmulateViewport(desktopWidth, 900))
	b.navigate("1-start/reflect/index.html")
	b.do(chromedp.Evaluate[chromedp.Void](`document.querySelector('[data-answer="clarity"][value="3"]').click()`))
	for _, rel := range sitePages(t, site) {
		b.navigate(rel)
		b.do(chromedp.Evaluate[chromedp.Void](src))
		for _, scheme := range []string{"light", "dark"} {
			b.emulateScheme(scheme)
			violations, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](axeColourRun, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: running axe: %v", rel, err)
			}
			for _, v := range violations {
				t.Errorf("%s, %s mode: %s", rel, scheme, v)
			}
		}
	}
}
