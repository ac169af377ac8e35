// Package colour reads the hex colours of a workbook's brand settings and
// measures them as WCAG 2 does: relative luminance and contrast ratio. It
// knows nothing of themes; internal/config decides which colours must
// stand out against which.
package colour

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// RGB is a colour of the sRGB space, 8 bits a channel.
type RGB struct{ R, G, B uint8 }

// Black and White are the ends every colour can be mixed towards.
var (
	Black = RGB{0, 0, 0}
	White = RGB{255, 255, 255}
)

// Parse reads a colour written as CSS hex notation: "#1c6866" or the
// short "#1c6". It reports false for anything else.
func Parse(s string) (RGB, bool) {
	h, ok := strings.CutPrefix(s, "#")
	if !ok {
		return RGB{}, false
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		return RGB{}, false
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{uint8(n >> 16), uint8(n >> 8), uint8(n)}, true
}

// String writes c as CSS does: "#1c6866".
func (c RGB) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the relative luminance of c, from 0 for black to 1 for
// white (WCAG 2.2, "relative luminance").
func (c RGB) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the contrast ratio of a and b, from 1 (the same) to 21
// (black on white), whichever is lighter.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Mix is a blended with b: t = 0 is a, t = 1 is b.
func Mix(a, b RGB, t float64) RGB {
	t = min(max(t, 0), 1)
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return RGB{ch(a.R, b.R), ch(a.G, b.G), ch(a.B, b.B)}
}
