package site

import (
	"strings"
	"unicode"
)

// TitleID returns the id of the heading that opens page p when it says
// what the page's title says: the layout shows the title already, so the
// page is rendered without that heading, and the layout's title takes its
// id, so links to it keep working. ok is false when the page opens
// otherwise.
func (p *Page) TitleID() (id string, ok bool) {
	if !p.Summary.Lead || len(p.Summary.Headings) == 0 {
		return "", false
	}
	h := p.Summary.Headings[0]
	if sameTitle(h.Text, p.Meta.Title) {
		return h.ID, true
	}
	return "", false
}

// sameTitle reports whether two titles read alike: in any case, with
// straight or typographic quotes and dashes, and any spacing.
func sameTitle(a, b string) bool {
	return plainTitle(a) == plainTitle(b)
}

var titleReplacer = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`,
	"—", "-", "–", "-", "---", "-", "--", "-", "…", "...")

func plainTitle(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(titleReplacer.Replace(s)), unicode.IsSpace), " ")
}
