package layout

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// WordsCSS returns the print rules that put interface words on paper in
// the workbook's language, following the theme's print.css: the page
// number in the bottom margin ("Page 4 of 26"), the facilitator edition's
// mark in the top margin, and the word before a prompt's number.
func WordsCSS(w *i18n.Words) string {
	css := ""
	if w.Dir() == "rtl" {
		// The running header moves to the right, where the lines start,
		// and the edition mark to the left.
		css = " @page { @top-left { content: none; } } @page facilitator { @top-right { content: none; } }"
	}
	return css + " @page { @bottom-center { content: " + counterContent(w.T("print.page")) + "; } }" +
		" @page facilitator { @" + MarkBox(w) + " { content: " + CSSString(w.T("edition.facilitator")) + "; } }" +
		" @media print { " + aroundContent(".prompt-number", w.T("prompt.question"), "{number}") + " }" +
		// Chromium lets the later of two @page rules win, whatever their
		// names: the pages print.css leaves bare stay so.
		" @page cover { @bottom-center { content: none; } } @page facilitator-cover { @bottom-center { content: none; } }" +
		" @page blank { @top-left { content: none; } @top-right { content: none; } @bottom-center { content: none; } }"
}

// HeaderBox is the page margin box of the running header: the top corner
// where lines start, top-left or, for a right-to-left language, top-right.
func HeaderBox(w *i18n.Words) string {
	if w.Dir() == "rtl" {
		return "top-right"
	}
	return "top-left"
}

// MarkBox is the page margin box of the facilitator edition's mark: the
// top corner opposite the running header.
func MarkBox(w *i18n.Words) string {
	if w.Dir() == "rtl" {
		return "top-left"
	}
	return "top-right"
}

// counterContent returns the CSS content of message text, whose fields
// {page} and {pages} become the page counters.
func counterContent(text string) string {
	var parts []string
	for text != "" {
		i := strings.IndexByte(text, '{')
		j := strings.IndexByte(text[max(i, 0):], '}') + max(i, 0)
		if i < 0 || j < i {
			parts = append(parts, CSSString(text))
			break
		}
		if i > 0 {
			parts = append(parts, CSSString(text[:i]))
		}
		switch text[i : j+1] {
		case "{page}":
			parts = append(parts, "counter(page)")
		case "{pages}":
			parts = append(parts, "counter(pages)")
		default:
			parts = append(parts, CSSString(text[i:j+1]))
		}
		text = text[j+1:]
	}
	if len(parts) == 0 {
		return `""`
	}
	return strings.Join(parts, " ")
}

// aroundContent returns the rules that put the words of message text
// around an element whose own text is field: before it with ::before and
// after it with ::after ("Question {number}" puts "Question " before).
func aroundContent(sel, text, field string) string {
	before, after, ok := strings.Cut(text, field)
	if !ok {
		before, after = "", ""
	}
	css := sel + "::before { content: " + CSSString(before) + "; }"
	if after != "" {
		css += " " + sel + "::after { content: " + CSSString(after) + "; }"
	}
	return css
}

// agendaRE matches the time at the end of a session's heading, like
// "(20 min)", "(20 Min.)", "(1 Std.)", "(1 h 30)" or "(45 minutos)", in the
// units of every language praxis knows and those of the workbook's words:
// hours with minutes after them, or minutes.
func agendaRE(w *i18n.Words) *regexp.Regexp {
	mins := alternatives(i18n.Units("agenda.units_minutes", w))
	hours := alternatives(i18n.Units("agenda.units_hours", w))
	return regexp.MustCompile(`(?i)\s*\(\s*(?:(\d+)\s*(?:` + hours + `)\.?(?:\s*(\d+)\s*(?:(?:` + mins + `)\.?)?)?|(\d+)\s*(?:` + mins + `)\.?)\s*\)\s*$`)
}

// alternatives quotes words for a regular expression, longest first so
// that "minutes" is tried before "min".
func alternatives(words []string) string {
	q := make([]string, len(words))
	for i, u := range words {
		q[i] = regexp.QuoteMeta(u)
	}
	return strings.Join(q, "|")
}

// agendaTime splits heading text into its title and the minutes its end
// gives, when re finds a time there.
func agendaTime(re *regexp.Regexp, text string) (title string, minutes int, ok bool) {
	m := re.FindStringSubmatchIndex(text)
	if m == nil {
		return "", 0, false
	}
	num := func(g int) int {
		if m[2*g] < 0 {
			return 0
		}
		n, err := strconv.Atoi(text[m[2*g]:m[2*g+1]])
		if err != nil {
			return -1 << 30
		}
		return n
	}
	minutes = num(1)*60 + num(2) + num(3)
	if minutes < 0 {
		return "", 0, false
	}
	return strings.TrimSpace(text[:m[0]]), minutes, true
}
