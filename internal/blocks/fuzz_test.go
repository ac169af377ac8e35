package blocks_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/rogpeppe/go-internal/txtar"
)

// markdownSeeds returns the .md parts of testdata/*.txt.
func markdownSeeds(f *testing.F) []string {
	f.Helper()
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		f.Fatal(err)
	}
	var seeds []string
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, part := range ar.Files {
			if strings.HasSuffix(part.Name, ".md") {
				seeds = append(seeds, string(part.Data))
			}
		}
	}
	return seeds
}

// FuzzAttributes checks that ParseAttributes never panics, reports faults
// inside its input, and reads back what formatAttrs writes.
func FuzzAttributes(f *testing.F) {
	for _, md := range markdownSeeds(f) {
		for line := range strings.SplitSeq(md, "\n") {
			if i, j := strings.IndexByte(line, '{'), strings.LastIndexByte(line, '}'); strings.HasPrefix(line, ":::") && i >= 0 && j > i {
				f.Add(line[i+1 : j])
			}
		}
	}
	f.Add(`#a .b k="x \" y" \`)
	f.Fuzz(func(t *testing.T, s string) {
		attrs, err := blocks.ParseAttributes(s)
		if err != nil {
			var ae *blocks.AttrError
			if !errors.As(err, &ae) || ae.Offset < 0 || ae.Offset > len(s) {
				t.Fatalf("ParseAttributes(%q) error %#v, want an *AttrError inside the input", s, err)
			}
			return
		}
		for _, a := range attrs {
			if a.Offset < 0 || a.Offset >= len(s) {
				t.Fatalf("ParseAttributes(%q): attribute %+v starts outside the input", s, a)
			}
		}
		again, err := blocks.ParseAttributes(formatAttrs(attrs))
		if err != nil || !sameAttrs(attrs, again) {
			t.Fatalf("round trip of %q through %q: got %v, %v; want %v", s, formatAttrs(attrs), again, err, attrs)
		}
	})
}

// formatAttrs writes attributes back in the syntax ParseAttributes reads.
func formatAttrs(attrs []blocks.Attr) string {
	var parts []string
	for _, a := range attrs {
		switch a.Key {
		case "id":
			parts = append(parts, "#"+a.Value)
		case "class":
			parts = append(parts, "."+a.Value)
		default:
			v := strings.ReplaceAll(strings.ReplaceAll(a.Value, `\`, `\\`), `"`, `\"`)
			parts = append(parts, a.Key+`="`+v+`"`)
		}
	}
	return strings.Join(parts, " ")
}

func sameAttrs(a, b []blocks.Attr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Key != b[i].Key || a[i].Value != b[i].Value {
			return false
		}
	}
	return true
}

// FuzzBlocks parses and renders arbitrary Markdown in both editions: it must
// never panic, and every problem must point into the source.
func FuzzBlocks(f *testing.F) {
	for _, md := range markdownSeeds(f) {
		f.Add(md)
	}
	f.Add("::: note\n> [!TIP]\n> ::: prompt {lines=x\n:::\n- [ ] a\n")
	// Hostile shapes: blocks nested deep, unclosed, closed too often.
	f.Add(strings.Repeat("::: note\n", 40) + "a\n" + strings.Repeat(":::\n", 40))
	f.Add(strings.Repeat("::: {.x}\n", 40))
	f.Add(strings.Repeat(":::\n\n", 60))
	f.Add(strings.Repeat("::: actions {rows=20 columns=\"a|b|c|d|e|f|g|h\"}\n:::\n", 70))
	f.Fuzz(func(t *testing.T, src string) {
		for _, o := range []caseOptions{{numbers: true}, {blocks: blocks.Options{Facilitator: true}, xhtml: true}} {
			_, probs := convert(t, o, []byte(src))
			for _, p := range probs {
				if p.Offset < 0 || p.Offset > len(src) || p.Msg == "" {
					t.Fatalf("problem %s outside the input or empty:\n%q", fmt.Sprint(p), src)
				}
			}
		}
	})
}
