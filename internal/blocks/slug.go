package blocks

import (
	"strings"
	"unicode"
)

// maxSlugWords bounds the length of generated ids: long questions make
// unwieldy links, and the first words usually tell prompts apart.
const maxSlugWords = 6

// Slug turns text into an id: its first six words, lowercased and joined by
// hyphens. Latin letters with accents are transliterated (é → e, ß → ss),
// other letters and digits are kept, apostrophes vanish ("don't" → "dont") and
// everything else separates words. Slug returns "" when s has no letters or
// digits.
//
//	Slug("What is the *smallest* step you could take?") == "what-is-the-smallest-step-you"
func Slug(s string) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		if len(words) == maxSlugWords {
			break
		}
		switch {
		case r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			// inside a word: "don't", or a combining accent of a decomposed letter
		case r < 0x80 && isASCIIAlnum(byte(r)):
			cur.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if t := translit(r); t != "" {
				cur.WriteString(t)
			} else {
				cur.WriteRune(r)
			}
		default:
			flush()
		}
	}
	flush()
	if len(words) > maxSlugWords {
		words = words[:maxSlugWords]
	}
	return strings.Join(words, "-")
}

// translitFrom and translitTo pair letters with diacritics, rune by rune, with
// their ASCII base letters.
const (
	translitFrom = "àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşșťţțùúûüūůűųýÿźżž"
	translitTo   = "aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorrsssstttuuuuuuuuyyzzz"
)

// translit returns the ASCII spelling of a lowercase Latin letter with a
// diacritic, or "" to keep r as it is.
func translit(r rune) string {
	if i := strings.IndexRune(translitFrom, r); i >= 0 {
		n := len([]rune(translitFrom[:i]))
		return translitTo[n : n+1]
	}
	switch r {
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'þ':
		return "th"
	case 'ð':
		return "d"
	}
	return ""
}
