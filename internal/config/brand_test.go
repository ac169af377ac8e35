package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/colour"
	"github.com/praxis-workbooks/praxis/internal/folder"
)

func TestParseBrand(t *testing.T) {
	cfg, err := Parse([]byte(`title: x
brand:
  logo: brand/logo.svg
  logo_alt: Acme Coaching
  logo_dark: brand/Logo-White.PNG
  favicon: brand/icon.png
  accent: "#8A2B5F"
  fonts:
    body: brand/fonts/Text.woff2
    heading: brand/fonts/Heads.TTF
`))
	if err != nil {
		t.Fatal(err)
	}
	b := cfg.Brand
	if b.Logo != "brand/logo.svg" || b.LogoAlt != "Acme Coaching" || b.Favicon != "brand/icon.png" ||
		b.Fonts.Body != "brand/fonts/Text.woff2" || b.Fonts.Heading != "brand/fonts/Heads.TTF" {
		t.Errorf("brand: %+v", b)
	}
	if b.Accent != "#8a2b5f" || b.AccentSoft == "" || b.AccentDark == "" || b.AccentSoftDark == "" {
		t.Errorf("accent palette: %q %q %q %q", b.Accent, b.AccentSoft, b.AccentDark, b.AccentSoftDark)
	}
	want := []BrandFile{
		{"logo", "brand/logo.svg", "brand/logo.svg"},
		{"logo_dark", "brand/Logo-White.PNG", "brand/logo-dark.png"},
		{"favicon", "brand/icon.png", "brand/favicon.png"},
		{"fonts.body", "brand/fonts/Text.woff2", "brand/body.woff2"},
		{"fonts.heading", "brand/fonts/Heads.TTF", "brand/heading.ttf"},
	}
	got := b.Files()
	if len(got) != len(want) {
		t.Fatalf("files: %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("file %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestBrandDarkAccentReads checks the dark-mode accent made from a light
// one: lighter, and readable on every dark background and its tint.
func TestBrandDarkAccentReads(t *testing.T) {
	for _, accent := range []string{"#1c6866", "#8a2b5f", "#000", "#0b3d91", "#595959"} {
		cfg, err := Parse([]byte("brand:\n  accent: \"" + accent + "\"\n"))
		if err != nil {
			t.Fatalf("%s: %v", accent, err)
		}
		d, ok := colour.Parse(cfg.Brand.AccentDark)
		soft, _ := colour.Parse(cfg.Brand.AccentSoftDark)
		if !ok {
			t.Fatalf("%s: dark accent %q", accent, cfg.Brand.AccentDark)
		}
		for _, s := range append([]string{soft.String()}, darkBackgrounds...) {
			bg, _ := colour.Parse(s)
			if r := colour.Contrast(d, bg); r < 4.5 {
				t.Errorf("accent %s: dark accent %s has contrast %.2f with %s", accent, d, r, s)
			}
		}
		light, _ := colour.Parse(cfg.Brand.Accent)
		if d.Luminance() <= light.Luminance() && accent != "#000" {
			t.Errorf("accent %s: dark accent %s is not lighter", accent, d)
		}
	}
}

func TestParseBrandErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"brand:\n  lgo: a.svg\n", `praxis.yaml:2:3: unknown key "lgo" in brand (did you mean "logo"?)`},
		{"brand:\n  accnet: '#123'\n", `praxis.yaml:2:3: unknown key "accnet" in brand (did you mean "accent"?)`},
		{"brand: blue\n", `praxis.yaml:1:8: brand must be settings under it (logo:, logo_dark:, favicon:, accent:, accent_dark:, fonts:), got "blue"`},
		{"brand:\n  accent: #1c6866\n", `praxis.yaml:2:10: accent must be a colour in quotes, like "#1c6866" (in YAML, a # outside quotes starts a comment), got nothing`},
		{"brand:\n  accent: teal\n", `praxis.yaml:2:11: brand accent must be a colour as #rrggbb or #rgb in quotes, like "#1c6866"; got "teal"`},
		{"brand:\n  accent: '#12345'\n", `praxis.yaml:2:11: brand accent must be a colour as #rrggbb or #rgb`},
		{"brand:\n  accent: '#f5a623'\n", `praxis.yaml:2:11: brand accent #f5a623 has a contrast of 1.8:1 with the background #f3f0ea, and text in the accent colour needs at least 4.5:1 (WCAG AA): use a darker colour, like "#`},
		{"brand:\n  accent_dark: '#224466'\n", `praxis.yaml:2:16: brand accent_dark #224466 has a contrast of 1.4:1 with the dark-mode background #262b31, and text in the accent colour needs at least 4.5:1 (WCAG AA): use a lighter colour, like "#`},
		{"brand:\n  logo: https://example.org/logo.svg\n", `praxis.yaml:2:9: brand logo must be a file in the workbook folder, like brand/logo.svg, not a web address: praxis never fetches files`},
		{"brand:\n  fonts:\n    body: https://fonts.example.org/x.woff2\n", `praxis.yaml:3:11: brand fonts body must be a font file in the workbook folder, like brand/fonts/Text.woff2, not a web address: fonts are shipped with the workbook, never fetched`},
		{"brand:\n  fonts:\n    heading: //cdn.example.org/x.woff2\n", `praxis.yaml:3:14: brand fonts heading must be a font file in the workbook folder`},
		{"brand:\n  fonts:\n    body: Text.css\n", `praxis.yaml:3:11: brand fonts body must be a font file (.woff2, .woff, .ttf or .otf), got "Text.css"`},
		{"brand:\n  fonts:\n    bdy: a.woff2\n", `praxis.yaml:3:5: unknown key "bdy" in brand fonts (did you mean "body"?)`},
		{"brand:\n  fonts: [a.woff2]\n", `praxis.yaml:2:10: brand fonts must be body: and heading: font files under it, got a list`},
		{"brand:\n  logo: logo.gif\n", `praxis.yaml:2:9: brand logo must be an SVG, PNG, JPEG or WebP image, got "logo.gif"`},
		{"brand:\n  logo_dark: white.gif\n", `praxis.yaml:2:14: brand logo_dark must be an SVG, PNG, JPEG or WebP image, got "white.gif"`},
		{"brand:\n  favicon: icon.jpg\n", `praxis.yaml:2:12: brand favicon must be an SVG, PNG or ICO icon, got "icon.jpg"`},
		{"brand:\n  logo: ../logo.svg\n", `praxis.yaml:2:9: brand logo must be a file inside the workbook folder, given from the folder that holds praxis.yaml, like brand/logo.svg; got "../logo.svg"`},
		{"brand:\n  logo: /etc/logo.svg\n", `praxis.yaml:2:9: brand logo must be a file inside the workbook folder`},
		{"brand:\n  logo: 'brand\\logo.svg'\n", `praxis.yaml:2:9: brand logo "brand\\logo.svg": separate folders with /, like brand/logo.svg`},
		{"brand:\n  logo: [a.svg]\n", `praxis.yaml:2:9: logo must be a file in the workbook folder, like brand/logo.svg, got a list`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q):\ngot  %v\nwant %s", tt.in, err, tt.want)
		}
	}
}

// TestBrandSuggestionReads checks that the colour an error suggests is
// one that praxis.yaml may then use.
func TestBrandSuggestionReads(t *testing.T) {
	for _, in := range []string{"accent: '#f5a623'", "accent: '#ffffff'", "accent_dark: '#224466'", "accent_dark: '#000'"} {
		_, err := Parse([]byte("brand:\n  " + in + "\n"))
		if err == nil {
			t.Fatalf("%s: no error", in)
		}
		_, after, _ := strings.Cut(err.Error(), "like \"")
		suggestion, _, _ := strings.Cut(after, "\"")
		key, _, _ := strings.Cut(in, ":")
		if _, err := Parse([]byte("brand:\n  " + key + ": '" + suggestion + "'\n")); err != nil {
			t.Errorf("%s suggests %q, which fails: %v", in, suggestion, err)
		}
	}
}

func TestParseBrandEmpty(t *testing.T) {
	cfg, err := Parse([]byte("brand:\n"))
	if err != nil || len(cfg.Brand.Files()) != 0 || cfg.Brand.Accent != "" {
		t.Fatalf("empty brand: %+v, %v", cfg.Brand, err)
	}
}

func TestCheckBrandFiles(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	write := func(dir, name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(root, "brand/logo.svg", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`)
	write(root, "brand/icon.png", "\x89PNG\r\n\x1a\nrest")
	write(root, "brand/Text.woff2", "not a font")
	write(outside, "Heads.woff2", "wOF2rest")
	if err := os.Symlink(filepath.Join(outside, "Heads.woff2"), filepath.Join(root, "brand/Heads.woff2")); err != nil {
		t.Fatal(err)
	}
	good, err := Parse([]byte("brand:\n  logo: brand/logo.svg\n  favicon: brand/icon.png\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := good.CheckBrandFiles(folder.New(root)); err != nil {
		t.Errorf("good files: %v", err)
	}
	bad, err := Parse([]byte("brand:\n  logo: brand/missing.svg\n  favicon: brand/logo.svg/x.png\n  fonts:\n    body: brand/Text.woff2\n    heading: brand/Heads.woff2\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = bad.CheckBrandFiles(folder.New(root))
	for _, want := range []string{
		"praxis.yaml:2:9: brand logo brand/missing.svg does not exist; the path is from the folder that holds praxis.yaml",
		"praxis.yaml:3:12: brand favicon brand/logo.svg/x.png cannot be read",
		"praxis.yaml:5:11: brand fonts body brand/Text.woff2 does not hold what its name says: it is not a WOFF2 file",
		"praxis.yaml:6:14: brand fonts heading brand/Heads.woff2: symbolic link leads outside the workbook folder (to " + filepath.Join(outside, "Heads.woff2") + "); copy the file into the workbook instead",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v\nwant %s", err, want)
		}
	}
}

func TestLooksLike(t *testing.T) {
	yes := map[string]string{
		".svg": "<!-- logo -->\n<SVG viewBox='0 0 1 1'/>", ".png": "\x89PNG\r\n\x1a\n", ".jpg": "\xff\xd8\xff\xe0",
		".webp": "RIFF\x00\x00\x00\x00WEBPVP8 ", ".ico": "\x00\x00\x01\x00\x01", ".woff": "wOFF", ".woff2": "wOF2",
		".ttf": "\x00\x01\x00\x00", ".otf": "OTTO",
	}
	for ext, data := range yes {
		if !looksLike([]byte(data), ext) {
			t.Errorf("%s: %q not taken", ext, data)
		}
		if looksLike([]byte("<html>"+data[:0]), ext) {
			t.Errorf("%s: <html> taken", ext)
		}
	}
}
