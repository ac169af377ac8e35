package slug

import (
	"testing"
	"unicode/utf8"
)

// TestTranslitTablesAligned guards the rune-by-rune pairing of translitFrom
// and translitTo: a letter added to one but not the other would shift all
// the letters after it.
func TestTranslitTablesAligned(t *testing.T) {
	if n, m := utf8.RuneCountInString(translitFrom), len(translitTo); n != m {
		t.Fatalf("translitFrom has %d runes, translitTo %d bytes", n, m)
	}
	spot := map[rune]string{'à': "a", 'ç': "c", 'đ': "d", 'é': "e", 'ğ': "g", 'ł': "l",
		'ñ': "n", 'ø': "o", 'ř': "r", 'ș': "s", 'ț': "t", 'ü': "u", 'ÿ': "y", 'ž': "z",
		'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d", 'α': "", 'ж': "", '日': "", 'a': ""}
	for r, want := range spot {
		if got := Translit(r); got != want {
			t.Errorf("Translit(%q) = %q, want %q", r, got, want)
		}
	}
}
