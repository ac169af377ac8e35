package qr

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"rsc.io/qr"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/*.svg")

const goldenURL = "https://example.org/workbook/sessions/goals/"

func TestSVGGolden(t *testing.T) {
	got, err := SVG(goldenURL)
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/goals.svg"
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got+"\n" != string(want) {
		t.Fatalf("SVG(%q) differs from %s (run go test ./internal/qr -update and review the diff)\ngot  %s\nwant %s", goldenURL, golden, got, want)
	}
}

func TestSVGIsDeterministic(t *testing.T) {
	a, errA := SVG(goldenURL)
	b, errB := SVG(goldenURL)
	if errA != nil || errB != nil || a != b {
		t.Fatalf("two calls of SVG(%q) differ or fail: %v, %v", goldenURL, errA, errB)
	}
}

func TestSVGShape(t *testing.T) {
	got, err := SVG(`https://example.org/a?b=1&c="2"`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`role="img"`,
		`aria-label="QR code for https://example.org/a?b=1&amp;c=&#34;2&#34;"`,
		`viewBox="0 0 `,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("SVG lacks %s:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"width=", "height=", "<image", "<rect", "data:"} {
		if strings.Contains(got, unwanted) {
			t.Errorf("SVG contains %s; want none:\n%s", unwanted, got)
		}
	}
	if n := strings.Count(got, "<path"); n != 1 {
		t.Errorf("SVG has %d <path> elements; want 1", n)
	}
}

// segment matches one rectangle of the path data.
var segment = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// TestSVGMatchesBitmap draws the path back into a bitmap and compares it
// with rsc.io/qr's modules, quiet zone included.
func TestSVGMatchesBitmap(t *testing.T) {
	for _, url := range []string{goldenURL, "https://x.y/", "file:///home/coach/out/print/index.html#session-3"} {
		code, err := qr.Encode(url, qr.M)
		if err != nil {
			t.Fatal(err)
		}
		got, err := SVG(url)
		if err != nil {
			t.Fatal(err)
		}
		n := code.Size + 2*quietZone
		if !strings.Contains(got, fmt.Sprintf(`viewBox="0 0 %d %d"`, n, n)) {
			t.Fatalf("SVG(%q) viewBox is not %d×%d:\n%s", url, n, n, got)
		}
		drawn := draw(t, got, n)
		for y := 0; y < n; y++ {
			for x := 0; x < n; x++ {
				inCode := x >= quietZone && y >= quietZone && x < n-quietZone && y < n-quietZone
				want := inCode && code.Black(x-quietZone, y-quietZone)
				if drawn[y][x] != want {
					t.Fatalf("SVG(%q): module (%d,%d) dark = %v; want %v", url, x, y, drawn[y][x], want)
				}
			}
		}
	}
}

// draw parses the path data of an SVG from this package into an n×n bitmap.
func draw(t *testing.T, svg string, n int) [][]bool {
	t.Helper()
	_, d, _ := strings.Cut(svg, ` d="`)
	d, _, _ = strings.Cut(d, `"`)
	grid := make([][]bool, n)
	for i := range grid {
		grid[i] = make([]bool, n)
	}
	for d != "" {
		m := segment.FindStringSubmatch(d)
		if m == nil || m[3] != m[4] {
			t.Fatalf("unexpected path data at %.40q", d)
		}
		var x, y, w int
		fmt.Sscan(m[1]+" "+m[2]+" "+m[3], &x, &y, &w)
		for i := x; i < x+w; i++ {
			if grid[y][i] {
				t.Fatalf("module (%d,%d) drawn twice", i, y)
			}
			grid[y][i] = true
		}
		d = d[len(m[0]):]
	}
	return grid
}

func TestSVGTooLong(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("x", 4000)
	if _, err := SVG(long); err == nil || !strings.Contains(err.Error(), "4020 bytes") {
		t.Fatalf("SVG of a 4020-byte URL: error = %v; want one giving the length", err)
	}
}
