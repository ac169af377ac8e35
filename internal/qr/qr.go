// Package qr draws QR codes as SVG, so a printed handout can carry the
// address of its online, fillable page.
//
// The build puts the SVG inline into printed pages; it is vector art that
// prints sharply at any size, contains no raster image, and makes no request.
// It has no width or height: CSS sizes it. The dark modules are one <path>
// filled black; the light modules and the quiet zone are transparent, so the
// theme must give the SVG (class "qr") a light background on dark pages.
package qr

import (
	"fmt"
	"html"
	"strings"

	"rsc.io/qr"
)

// quietZone is the light border around the code, in modules; the QR
// specification asks for 4.
const quietZone = 4

// SVG returns an SVG image of a QR code for url, with error correction level
// M (about 15% of the modules may be damaged) and a quiet zone of 4 modules.
// The output depends only on url. Its label, which screen readers say, is
// "QR code for" and url; Labeled takes the label in other words.
func SVG(url string) (string, error) { return Labeled(url, "QR code for "+url) }

// Labeled is SVG with the label given.
func Labeled(url, label string) (string, error) {
	code, err := qr.Encode(url, qr.M)
	if err != nil {
		return "", fmt.Errorf("making a QR code for %q (%d bytes; too long for a QR code?): %w", url, len(url), err)
	}
	n := code.Size + 2*quietZone
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" class="qr" role="img" aria-label="%s" shape-rendering="crispEdges">`,
		n, n, html.EscapeString(label))
	b.WriteString(`<path fill="#000" d="`)
	b.WriteString(path(code))
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

// path returns the path data of the dark modules: one rectangle per
// horizontal run of dark modules in a row, "M x y h w v1 h-w z".
func path(code *qr.Code) string {
	var b strings.Builder
	for y := 0; y < code.Size; y++ {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < code.Size && code.Black(x, y) {
				x++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", start+quietZone, y+quietZone, x-start, x-start)
		}
	}
	return b.String()
}
