package layout

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/config"
)

// Theme files praxis writes for the brand settings, in the output's theme
// folder: the stylesheet, and the brand's files under BrandDir.
const (
	BrandCSSFile = "brand.css"
	BrandDir     = "brand/"
	// CustomCSSFile is the theme's optional stylesheet for a workbook's own
	// rules, which pages load after every other.
	CustomCSSFile = "custom.css"
)

// BrandInfo is what the templates know of the workbook's brand. Its
// addresses are relative to the theme folder (View.Theme).
type BrandInfo struct {
	Logo        string            // the logo, like "brand/logo.svg"; "" for none
	LogoAlt     string            // the cover logo's text alternative; "" when it only decorates
	LogoDark    string            // the logo on screens in dark mode, like "brand/logo-dark.svg"; "" for Logo
	Favicon     string            // the browser tab's icon: "favicon.svg", the theme's, or like "brand/favicon.png"
	FaviconType template.HTMLAttr // its media type as an attribute: type="image/svg+xml"
	CSS         bool              // brand.css is written: the brand's colours and fonts
	Custom      bool              // the theme has custom.css
}

// Brand returns the templates' view of b; custom says whether the theme
// has custom.css.
func Brand(b *config.Brand, custom bool) BrandInfo {
	info := BrandInfo{Logo: b.OutName("logo"), LogoAlt: b.LogoAlt, LogoDark: b.OutName("logo_dark"), Favicon: "favicon.svg", Custom: custom}
	if f := b.OutName("favicon"); f != "" {
		info.Favicon = f
	}
	types := map[string]template.HTMLAttr{".svg": `type="image/svg+xml"`, ".png": `type="image/png"`, ".ico": `type="image/x-icon"`}
	info.FaviconType = types[path.Ext(info.Favicon)]
	info.CSS = BrandCSS(b) != nil
	return info
}

// fontFamilies are the families brand.css declares for the brand's fonts.
// The default theme's font stacks name them first, so they take over
// where declared and are passed over where not.
var fontFamilies = map[string]string{"fonts.body": "praxis brand body", "fonts.heading": "praxis brand heading"}

var fontFormats = map[string]string{".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}

// BrandCSS returns the stylesheet of the brand's fonts and colours, which
// pages load after the theme's stylesheets, or nil when the brand sets
// neither. Every value in it comes from checked settings (hex colours)
// or names praxis chose (the fonts' files), never from free text.
func BrandCSS(b *config.Brand) []byte {
	var css strings.Builder
	for _, key := range []string{"fonts.body", "fonts.heading"} {
		if f := b.OutName(key); f != "" {
			fmt.Fprintf(&css, "@font-face { font-family: %q; src: url(%q) format(%q); font-display: swap; }\n",
				fontFamilies[key], f, fontFormats[path.Ext(f)])
		}
	}
	if b.Accent != "" {
		fmt.Fprintf(&css, "@media screen { :root { --accent: %s; --accent-soft: %s; } }\n", b.Accent, b.AccentSoft)
		fmt.Fprintf(&css, "@media print { :root { --print-accent: %s; } }\n", b.Accent)
	}
	if b.AccentDark != "" {
		fmt.Fprintf(&css, "@media screen and (prefers-color-scheme: dark) { :root { --accent: %s; --accent-soft: %s; } }\n", b.AccentDark, b.AccentSoftDark)
	}
	if css.Len() == 0 {
		return nil
	}
	return []byte("/* The workbook's brand, from brand: in praxis.yaml. praxis writes this file. */\n" + css.String())
}
