package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/praxis-workbooks/praxis/internal/colour"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/strictyaml"
)

// Brand is the workbook's look: praxis.yaml's brand: settings. Every
// field is optional; the zero Brand is the theme as it is.
type Brand struct {
	Logo    string // an image in the workbook folder (slash-separated path), shown in the header and on the cover
	LogoAlt string // what the logo says, for the cover; "" for a logo that only decorates
	// LogoDark is the logo on screens in dark mode, for a logo that does
	// not show on a dark background; "" to show Logo there too.
	LogoDark string
	Favicon  string // the browser tab's icon, a file in the workbook folder; "" for the theme's favicon.svg
	// Accent is the accent colour on screen and paper as "#rrggbb", and
	// AccentSoft the pale tint behind accent text made from it; AccentDark
	// and AccentSoftDark are the same in dark mode, where AccentDark is
	// made from Accent unless praxis.yaml sets accent_dark. All "" when
	// praxis.yaml sets no accent: the theme's colours stay.
	Accent, AccentSoft, AccentDark, AccentSoftDark string
	Fonts                                          Fonts

	pos map[string]diag.Pos // where each brand setting is, by key ("fonts.body")
}

// Fonts are font files in the workbook folder: Body for the reading
// text, Heading for headings and everything that labels (question
// numbers, tables, the header). "" keeps the theme's fonts.
type Fonts struct{ Body, Heading string }

// BrandFile is a file the brand settings name, to be copied into the
// output.
type BrandFile struct {
	Key  string // the setting, like "logo" or "fonts.body"
	Path string // in the workbook folder
	Out  string // its name in the output's theme folder, like "brand/logo.svg"
}

// The default theme's backgrounds that accent text and controls stand on,
// in light and dark mode (themes/default/style.css): the page, cards and
// code.
var (
	lightBackgrounds = []string{"#faf8f4", "#ffffff", "#f3f0ea"}
	darkBackgrounds  = []string{"#16191d", "#1e2227", "#262b31"}
)

// minContrast is WCAG AA's least contrast for text (1.4.3).
const minContrast = 4.5

// kinds of brand file: the extensions allowed, how to name them in a
// message, and the bytes a file of each extension starts with.
var brandKinds = map[string]struct {
	exts []string
	what string
}{
	"logo":      {[]string{".svg", ".png", ".jpg", ".jpeg", ".webp"}, "an SVG, PNG, JPEG or WebP image"},
	"logo_dark": {[]string{".svg", ".png", ".jpg", ".jpeg", ".webp"}, "an SVG, PNG, JPEG or WebP image"},
	"favicon":   {[]string{".svg", ".png", ".ico"}, "an SVG, PNG or ICO icon"},
	"fonts":     {[]string{".woff2", ".woff", ".ttf", ".otf"}, "a font file (.woff2, .woff, .ttf or .otf)"},
}

func brandFields(b *Brand, fonts *yaml.Node) []strictyaml.Field {
	const file = "a file in the workbook folder, like brand/logo.svg"
	const col = `a colour in quotes, like "#1c6866" (in YAML, a # outside quotes starts a comment)`
	return []strictyaml.Field{
		{Key: "logo", Target: &b.Logo, Type: file},
		{Key: "logo_alt", Target: &b.LogoAlt, Type: "text"},
		{Key: "logo_dark", Target: &b.LogoDark, Type: file},
		{Key: "favicon", Target: &b.Favicon, Type: file},
		{Key: "accent", Target: &b.Accent, Type: col},
		{Key: "accent_dark", Target: &b.AccentDark, Type: col},
		{Key: "fonts", Target: fonts, Type: "body: and heading: font files"},
	}
}

// checkBrand reads the brand: mapping n and checks its values: files are
// paths inside the workbook folder with the right extensions (see
// CheckBrandFiles for what they hold), colours are CSS hex colours that
// text can be read in.
func (c *Config) checkBrand(n *yaml.Node) diag.List {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	src := strictyaml.Source{File: FileName, FirstLine: 1, What: "brand"}
	if n.Kind != yaml.MappingNode {
		return one(n, "brand must be settings under it (logo:, logo_dark:, favicon:, accent:, accent_dark:, fonts:), got %s", describeKind(n))
	}
	b := &c.Brand
	var fonts yaml.Node
	present, errs := strictyaml.DecodeMapping(src, n, brandFields(b, &fonts))
	b.pos = map[string]diag.Pos{}
	for key, v := range present {
		b.pos[key] = at(v)
	}
	if v, ok := present["fonts"]; ok && fonts.Kind == yaml.MappingNode {
		src.What = "brand fonts"
		fp, ferrs := strictyaml.DecodeMapping(src, v, []strictyaml.Field{
			{Key: "body", Target: &b.Fonts.Body, Type: "a font file in the workbook folder, like brand/fonts/Text.woff2"},
			{Key: "heading", Target: &b.Fonts.Heading, Type: "a font file in the workbook folder, like brand/fonts/Headings.woff2"},
		})
		errs = append(errs, ferrs...)
		for key, fv := range fp {
			b.pos["fonts."+key] = at(fv)
		}
	} else if ok && !(fonts.Kind == yaml.ScalarNode && fonts.Tag == "!!null") {
		errs = append(errs, one(v, "brand fonts must be body: and heading: font files under it, got %s", describeKind(v))...)
	}
	for _, f := range b.files() {
		if p, ok := b.pos[f.Key]; ok {
			errs = append(errs, checkBrandPath(p, f.Key, f.Path)...)
		}
	}
	return append(errs, b.checkColours()...)
}

func describeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}

// files lists the brand's files by setting, with their names in the
// output: a fixed name per setting, so no name a coach chose ends up in
// a page's HTML or CSS.
func (b *Brand) files() []BrandFile {
	var out []BrandFile
	add := func(key, p, name string) {
		if p != "" {
			out = append(out, BrandFile{Key: key, Path: p, Out: "brand/" + name + strings.ToLower(path.Ext(p))})
		}
	}
	add("logo", b.Logo, "logo")
	add("logo_dark", b.LogoDark, "logo-dark")
	add("favicon", b.Favicon, "favicon")
	add("fonts.body", b.Fonts.Body, "body")
	add("fonts.heading", b.Fonts.Heading, "heading")
	return out
}

// Files lists the files the brand settings name, to copy into the
// output's theme folder.
func (b *Brand) Files() []BrandFile { return b.files() }

// OutName returns the name in the output's theme folder of the file set
// by key ("logo", "favicon", "fonts.body", "fonts.heading"), or "" when
// the brand sets none.
func (b *Brand) OutName(key string) string {
	for _, f := range b.files() {
		if f.Key == key {
			return f.Out
		}
	}
	return ""
}

// checkBrandPath requires a path inside the workbook folder with an
// extension of its kind: never a web address, which praxis would have to
// fetch and the pages would give away their readers to.
func checkBrandPath(p diag.Pos, key, file string) diag.List {
	kind := brandKinds[strings.Split(key, ".")[0]]
	example := "brand/logo.svg"
	if strings.HasPrefix(key, "fonts.") {
		example = "brand/fonts/Text.woff2"
	}
	name := "brand " + strings.ReplaceAll(key, ".", " ")
	lower := strings.ToLower(file)
	switch {
	case strings.Contains(lower, "://") || strings.HasPrefix(lower, "//") || strings.HasPrefix(lower, "data:"):
		msg := "%s must be a file in the workbook folder, like %s, not a web address: praxis never fetches files, and a page that loads one from the web tells that server who reads the workbook; download the file into the workbook"
		if strings.HasPrefix(key, "fonts.") {
			msg = "%s must be a font file in the workbook folder, like %s, not a web address: fonts are shipped with the workbook, never fetched (a page that loads a font from the web tells that server who reads it); download the font file into the workbook"
		}
		return diag.List{diag.Errorf(p, msg, name, example)}
	case strings.Contains(file, `\`):
		return diag.List{diag.Errorf(p, "%s %q: separate folders with /, like %s", name, file, example)}
	case path.IsAbs(file) || !fs.ValidPath(path.Clean(file)) || path.Clean(file) == ".":
		return diag.List{diag.Errorf(p, "%s must be a file inside the workbook folder, given from the folder that holds praxis.yaml, like %s; got %q", name, example, file)}
	}
	ext := strings.ToLower(path.Ext(file))
	for _, e := range kind.exts {
		if e == ext {
			return nil
		}
	}
	return diag.List{diag.Errorf(p, "%s must be %s, got %q", name, kind.what, file)}
}

// CheckBrandFiles reads each file the brand names through fsys, the
// workbook folder (see folder.FS), and reports, at its setting in
// praxis.yaml, one that is missing, a folder, a symbolic link leading
// outside the workbook, or not the kind of file its extension says.
func (c *Config) CheckBrandFiles(fsys fs.FS) error {
	var errs diag.List
	for _, f := range c.Brand.files() {
		p := c.Brand.pos[f.Key]
		name := "brand " + strings.ReplaceAll(f.Key, ".", " ")
		data, err := fs.ReadFile(fsys, path.Clean(f.Path))
		var at *diag.Error
		switch {
		case errors.Is(err, folder.ErrOutside) && errors.As(err, &at):
			errs.Add(p, "%s %s: %s", name, f.Path, at.Msg)
		case errors.Is(err, fs.ErrNotExist):
			errs.Add(p, "%s %s does not exist; the path is from the folder that holds praxis.yaml", name, f.Path)
		case err != nil:
			errs.Add(p, "%s %s cannot be read: %v", name, f.Path, err)
		case !looksLike(data, strings.ToLower(path.Ext(f.Path))):
			errs.Add(p, "%s %s does not hold what its name says: it is not a %s file", name, f.Path, strings.ToUpper(strings.TrimPrefix(path.Ext(f.Path), ".")))
		}
	}
	return errs.Err()
}

// looksLike reports whether data starts as a file with extension ext does.
func looksLike(data []byte, ext string) bool {
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if bytes.HasPrefix(data, []byte(p)) {
				return true
			}
		}
		return false
	}
	switch ext {
	case ".svg":
		head := data[:min(len(data), 4096)]
		return bytes.Contains(bytes.ToLower(head), []byte("<svg"))
	case ".png":
		return has("\x89PNG\r\n\x1a\n")
	case ".jpg", ".jpeg":
		return has("\xff\xd8\xff")
	case ".webp":
		return len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP"
	case ".ico":
		return has("\x00\x00\x01\x00")
	case ".woff2":
		return has("wOF2")
	case ".woff":
		return has("wOFF")
	case ".ttf", ".otf":
		return has("\x00\x01\x00\x00", "OTTO", "true")
	}
	return false
}

// Tints behind accent text: the accent mixed into the page's background,
// as the default theme's --accent-soft is.
func softLight(c colour.RGB) colour.RGB { return colour.Mix(c, colour.White, 0.88) }

func softDark(c colour.RGB) colour.RGB {
	bg, _ := colour.Parse(darkBackgrounds[0])
	return colour.Mix(c, bg, 0.9)
}

// worst returns the lowest contrast c has against backgrounds and its
// tint soft, and which of them it is.
func worst(c colour.RGB, backgrounds []string, soft colour.RGB) (float64, colour.RGB) {
	low, against := colour.Contrast(c, soft), soft
	for _, s := range backgrounds {
		bg, _ := colour.Parse(s)
		if r := colour.Contrast(c, bg); r < low {
			low, against = r, bg
		}
	}
	return low, against
}

// readable returns c mixed towards end just far enough to be read on
// backgrounds and on its own tint.
func readable(c, end colour.RGB, backgrounds []string, soft func(colour.RGB) colour.RGB) colour.RGB {
	for i := 0; i <= 100; i++ {
		m := colour.Mix(c, end, float64(i)/100)
		if r, _ := worst(m, backgrounds, soft(m)); r >= minContrast {
			return m
		}
	}
	return end
}

// checkColours checks the accent colours and works out the rest of the
// palette: the tints, and the dark-mode accent when praxis.yaml gives
// none, made lighter from the accent until it reads on dark backgrounds.
// A colour that text is too hard to read in is an error that suggests
// the nearest one that reads (WCAG AA, 4.5:1, against each background of
// the default theme and the accent's own tint).
func (b *Brand) checkColours() diag.List {
	var errs diag.List
	check := func(key string, val *string, backgrounds []string, soft func(colour.RGB) colour.RGB, end colour.RGB, mode, fix string) (colour.RGB, bool) {
		p, set := b.pos[key]
		if !set {
			return colour.RGB{}, false
		}
		c, ok := colour.Parse(strings.TrimSpace(*val))
		if !ok {
			errs.Add(p, "brand %s must be a colour as #rrggbb or #rgb in quotes, like \"#1c6866\"; got %q", key, *val)
			return colour.RGB{}, false
		}
		if r, bg := worst(c, backgrounds, soft(c)); r < minContrast {
			errs.Add(p, "brand %s %s has a contrast of %.1f:1 with %s %s, and text in the accent colour needs at least 4.5:1 (WCAG AA): use a %s colour, like \"%s\"",
				key, c, r, mode, bg, fix, readable(c, end, backgrounds, soft))
			return colour.RGB{}, false
		}
		*val = c.String()
		return c, true
	}
	if c, ok := check("accent", &b.Accent, lightBackgrounds, softLight, colour.Black, "the background", "darker"); ok {
		b.AccentSoft = softLight(c).String()
		if _, set := b.pos["accent_dark"]; !set {
			b.AccentDark = readable(c, colour.White, darkBackgrounds, softDark).String()
			d, _ := colour.Parse(b.AccentDark)
			b.AccentSoftDark = softDark(d).String()
		}
	}
	if c, ok := check("accent_dark", &b.AccentDark, darkBackgrounds, softDark, colour.White, "the dark-mode background", "lighter"); ok {
		b.AccentSoftDark = softDark(c).String()
	}
	if len(errs) > 0 {
		b.Accent, b.AccentSoft, b.AccentDark, b.AccentSoftDark = "", "", "", ""
	}
	return errs
}
