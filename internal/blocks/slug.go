package blocks

import (
	"strings"
	"unicode"

	"github.com/praxis-workbooks/praxis/internal/slug"
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
			if t := slug.Translit(r); t != "" {
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
