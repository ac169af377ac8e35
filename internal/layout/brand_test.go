package layout

import (
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/config"
)

func TestBrandWithoutSettings(t *testing.T) {
	cfg, err := config.Parse([]byte("title: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if css := BrandCSS(&cfg.Brand); css != nil {
		t.Errorf("brand.css without brand: %q, want none", css)
	}
	info := Brand(&cfg.Brand, false)
	if info.CSS || info.Logo != "" || info.Favicon != "favicon.svg" || info.FaviconType != `type="image/svg+xml"` {
		t.Errorf("view without brand: %+v; want the theme's icon and nothing else", info)
	}
}

func TestBrandCSS(t *testing.T) {
	cfg, err := config.Parse([]byte("brand:\n  favicon: b/i.ico\n  fonts:\n    heading: b/H.ttf\n  accent_dark: '#9fd'\n"))
	if err != nil {
		t.Fatal(err)
	}
	css := string(BrandCSS(&cfg.Brand))
	for _, want := range []string{
		`@font-face { font-family: "praxis brand heading"; src: url("brand/heading.ttf") format("truetype"); font-display: swap; }`,
		"@media screen and (prefers-color-scheme: dark) { :root { --accent: #99ffdd; --accent-soft: #233030; } }", // 10% of #99ffdd on #16191d
	} {
		if !strings.Contains(css, want) {
			t.Errorf("brand.css lacks %s:\n%s", want, css)
		}
	}
	// Only a dark accent: the light one stays the theme's, on screen and paper.
	if strings.Contains(css, "praxis brand body") || strings.Contains(css, "@media screen {") || strings.Contains(css, "--print-accent") {
		t.Errorf("brand.css sets what the brand does not:\n%s", css)
	}
	if info := Brand(&cfg.Brand, true); info.Favicon != "brand/favicon.ico" || info.FaviconType != `type="image/x-icon"` || !info.CSS || !info.Custom {
		t.Errorf("view: %+v", info)
	}
}
