package blocks

import (
	"fmt"
	"strings"

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
	names := make([]string, len(cols))
	fmt.Fprintf(w, "<div class=\"review-list\" data-of=\"%s\">\n", esc(b.of()))
	w.WriteString("<table class=\"review-table\">\n<thead><tr><th scope=\"col\">Step</th>")
	for i, c := range cols {
		names[i] = esc(c)
		fmt.Fprintf(w, `<th scope="col">%s</th>`, names[i])
	}
	w.WriteString("<th scope=\"col\">Status</th></tr></thead>\n<tbody>\n")
	for row := 1; row <= r.rows(b); row++ {
		r.reviewRow(w, id, row, names)
	}
	w.WriteString("</tbody>\n</table>\n</div>\n")
}

// reviewRow writes one step of a review: its number, a text area per field
// and the status select. Each cell repeats its column's name in data-label,
// for screens too narrow for the table. names are escaped already.
func (r *htmlRenderer) reviewRow(w util.BufWriter, id string, row int, names []string) {
	fmt.Fprintf(w, `<tr data-row="%d"><th scope="row" class="review-step"><span class="review-n">%d</span></th>`, row, row)
	for col, c := range names {
		fmt.Fprintf(w, `<td data-label="%s"><textarea data-answer="%s/r%d/c%d" aria-label="%s, step %d" rows="3"></textarea></td>`,
			c, id, row, col+1, c, row)
	}
	fmt.Fprintf(w, `<td class="review-status" data-label="Status"><select data-answer="%s/r%d/status" aria-label="Status, step %d">`, id, row, row)
	for _, s := range statuses {
		fmt.Fprintf(w, `<option value="%s">%s</option>`, s, strings.ToUpper(s[:1])+s[1:])
	}
	w.WriteString(`</select><span class="status-choices" aria-hidden="true">`)
	for i, s := range statuses {
		if i > 0 {
			w.WriteByte(' ')
		}
		fmt.Fprintf(w, "<span>%s</span>", s)
	}
	w.WriteString("</span></td></tr>\n")
}
