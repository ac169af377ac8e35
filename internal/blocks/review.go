package blocks

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// statuses are the values of a reviewed step's status, in the order a step
// usually goes through them. The first is the default.
var statuses = []string{"planned", "tried", "done", "dropped"}

// reviewData writes the attributes of a review's section: the plan it looks
// back at, its fields and, once site assembly has linked the plan, the
// plan's date column (0 when it has none).
func (r *htmlRenderer) reviewData(w util.BufWriter, b *Block) {
	fmt.Fprintf(w, ` data-of="%s" data-columns="%s"`, esc(b.of()), esc(strings.Join(r.columns(b), "|")))
	if b.Plan != nil {
		fmt.Fprintf(w, ` data-plan-when="%d"`, DateColumn(r.columns(b.Plan)))
	}
}

// reviewAnswer writes the review table: a column naming the step, one
// column per field and a status. It has rows= empty rows, which is what
// paper shows when nothing was typed; online, the answers script replaces
// them with one row per step typed into the plan, keeping the keys of the
// plan's row numbers.
func (r *htmlRenderer) reviewAnswer(w util.BufWriter, b *Block) {
	id := esc(b.ID)
	cols := r.columns(b) // may be r.opts.ReviewColumns: read only
	fmt.Fprintf(w, "<div class=\"review-list\" data-of=\"%s\">\n", esc(b.of()))
	fmt.Fprintf(w, "<table class=\"review-table\">\n<thead><tr><th scope=\"col\">%s</th>", esc(r.opts.Words.T("review.step")))
	for _, c := range cols {
		fmt.Fprintf(w, `<th scope="col">%s</th>`, esc(c))
	}
	fmt.Fprintf(w, "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", esc(r.opts.Words.T("review.status")))
	for row := 1; row <= r.rows(b); row++ {
		r.reviewRow(w, id, row, cols)
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
}

// reviewRow writes one step of a review: its number, a text area per field
// and the status select. Each cell repeats its column's name in data-label,
// for screens too narrow for the table.
func (r *htmlRenderer) reviewRow(w util.BufWriter, id string, row int, cols []string) {
	words := r.opts.Words
	fmt.Fprintf(w, `<tr data-row="%d"><th scope="row" class="review-step"><span class="review-n">%d</span></th>`, row, row)
	for col, c := range cols {
		fmt.Fprintf(w, `<td data-label="%s"><textarea data-answer="%s/r%d/c%d" aria-label="%s" rows="3"></textarea></td>`,
			esc(c), id, row, col+1, esc(words.T("actions.cell", "column", c, "n", row)))
	}
	fmt.Fprintf(w, `<td class="review-status" data-label="%s"><select data-answer="%s/r%d/status" aria-label="%s">`,
		esc(words.T("review.status")), id, row, esc(words.T("review.status_cell", "n", row)))
	for _, s := range statuses {
		fmt.Fprintf(w, `<option value="%s">%s</option>`, s, esc(upperFirst(words.T("status."+s))))
	}
	w.WriteString(`</select><span class="status-choices" aria-hidden="true">`)
	for i, s := range statuses {
		if i > 0 {
			w.WriteByte(' ')
		}
		fmt.Fprintf(w, "<span>%s</span>", esc(words.T("status."+s)))
	}
	w.WriteString("</span></td></tr>\n")
}

// upperFirst returns s with its first letter in upper case: a status as a
// choice of the select ("Planned"), where paper lists them in lower case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}
