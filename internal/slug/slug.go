// Package slug holds the transliteration that turns text into ids: the
// ASCII spelling of Latin letters with diacritics (é → e, ß → ss). Heading
// and prompt ids (internal/blocks) and the workbook id (internal/config)
// spell letters the same way through it. Other letters, such as Greek,
// Cyrillic or Japanese, have no ASCII spelling here and stay as they are.
package slug

import "strings"

// translitFrom and translitTo pair letters with diacritics, rune by rune, with
// their ASCII base letters.
const (
	translitFrom = "àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőŕřśšşșťţțùúûüūůűųýÿźżž"
	translitTo   = "aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorrsssstttuuuuuuuuyyzzz"
)

// Translit returns the ASCII spelling of a lowercase Latin letter with a
// diacritic, or "" to keep r as it is.
func Translit(r rune) string {
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
