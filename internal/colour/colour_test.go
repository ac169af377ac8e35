package colour

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"#1c6866", "#1c6866", true},
		{"#1C6866", "#1c6866", true},
		{"#fff", "#ffffff", true},
		{"#1c686", "", false},
		{"1c6866", "", false},
		{"#1c686g", "", false},
		{"#+1c686", "", false},
		{"teal", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		c, ok := Parse(tt.in)
		if ok != tt.ok || ok && c.String() != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %s, %v", tt.in, c, ok, tt.want, tt.ok)
		}
	}
}

// TestContrast checks the ratios WCAG's own examples and tools give.
func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48}, // the grey that just fails AA
		{"#767676", "#ffffff", 4.54}, // and the one that just passes
		{"#1c6866", "#faf8f4", 6.15}, // the default theme's accent on its background
	}
	for _, tt := range tests {
		a, _ := Parse(tt.a)
		b, _ := Parse(tt.b)
		if got := Contrast(a, b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
		if Contrast(a, b) != Contrast(b, a) {
			t.Errorf("Contrast(%s, %s) depends on the order", tt.a, tt.b)
		}
	}
}

func TestMix(t *testing.T) {
	a, _ := Parse("#1c6866")
	if got := Mix(a, White, 0).String(); got != "#1c6866" {
		t.Errorf("Mix 0 = %s", got)
	}
	if got := Mix(a, White, 1).String(); got != "#ffffff" {
		t.Errorf("Mix 1 = %s", got)
	}
	if got := Mix(Black, White, 0.5).String(); got != "#808080" {
		t.Errorf("Mix half = %s, want #808080", got)
	}
}
