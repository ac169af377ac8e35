package blocks

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark/util"

	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// prompt renders the blocks that are numbered and answered: the section, its
// header with number and copy button, the body, and the answer area of its
// type.
func (r *htmlRenderer) prompt(w util.BufWriter, src []byte, b *Block, entering bool) {
	if entering {
		r.promptHead(w, b)
		return
	}
	if b.HasChildren() {
		w.WriteString("</div>\n")
	}
	switch b.BlockType {
	case "prompt":
		r.textAnswer(w, b)
	case "scale":
		r.scaleAnswer(w, src, b)
	case "actions":
		r.actionsAnswer(w, b)
	case "review":
		r.reviewAnswer(w, b)
	}
	w.WriteString("</section>\n")
}

// promptHead writes everything up to the rendered Markdown of the body.
func (r *htmlRenderer) promptHead(w util.BufWriter, b *Block) {
	id := esc(b.ID)
	fmt.Fprintf(w, `<section class="%s" id="%s" data-prompt="%s" data-kind="%s"`,
		esc(classList("", b)), id, id, esc(b.BlockType))
	switch b.BlockType {
	case "scale":
		lo, hi := b.scaleRange()
		fmt.Fprintf(w, ` data-min="%d" data-max="%d"`, lo, hi)
	case "actions":
		fmt.Fprintf(w, ` data-columns="%s"`, esc(strings.Join(r.columns(b), "|")))
	case "review":
		r.reviewData(w, b)
	}
	w.WriteString(">\n<header class=\"block-head\">")
	if b.Number != "" {
		fmt.Fprintf(w, `<a class="prompt-number" href="#%s">%s</a>`, id, esc(b.Number))
	}
	fmt.Fprintf(w, `<button type="button" class="copy-link" data-copy="%s" hidden>%s</button></header>`+"\n", id, esc(r.opts.Words.T("prompt.copy_link")))
	if b.HasChildren() {
		w.WriteString("<div class=\"block-body\">\n")
	}
}

// textAnswer writes the textarea of a prompt, with the ruled lines for paper.
func (r *htmlRenderer) textAnswer(w util.BufWriter, b *Block) {
	id := esc(b.ID)
	n := r.lines(b)
	fmt.Fprintf(w, "<div class=\"answer\" data-lines=\"%d\" style=\"--lines:%d\">\n", n, n)
	fmt.Fprintf(w, "<label class=\"visually-hidden\" for=\"answer-%s\">%s</label>\n", id, esc(r.opts.Words.T("prompt.your_answer")))
	fmt.Fprintf(w, "<textarea id=\"answer-%s\" data-answer=\"%s\" rows=\"%d\"></textarea>\n", id, id, n)
	w.WriteString("<div class=\"typed-answer\" aria-hidden=\"true\"></div>\n")
	w.WriteString("<div class=\"answer-lines\" aria-hidden=\"true\"></div>\n</div>\n")
}

// scaleAnswer writes one radio button per point of a scale.
func (r *htmlRenderer) scaleAnswer(w util.BufWriter, src []byte, b *Block) {
	id := esc(b.ID)
	legend := strings.ReplaceAll(b.PlainText(src), "\n", " ")
	if legend == "" {
		legend = r.opts.Words.T("prompt.your_rating")
	}
	fmt.Fprintf(w, "<fieldset class=\"scale-options\">\n<legend class=\"visually-hidden\">%s</legend>\n", esc(legend))
	if low, ok := b.Attr("low"); ok {
		fmt.Fprintf(w, "<span class=\"scale-low\">%s</span>\n", esc(low))
	}
	lo, hi := b.scaleRange()
	for v := lo; v <= hi; v++ {
		fmt.Fprintf(w, `<label><input type="radio" name="%s" value="%d" data-answer="%s"%s<span>%d</span></label>`+"\n",
			id, v, id, r.end(), v)
	}
	if high, ok := b.Attr("high"); ok {
		fmt.Fprintf(w, "<span class=\"scale-high\">%s</span>\n", esc(high))
	}
	w.WriteString("</fieldset>\n")
}

// actionsAnswer writes the action-plan table: a text area of one row that
// grows with its text in each cell, a date input in date columns.
func (r *htmlRenderer) actionsAnswer(w util.BufWriter, b *Block) {
	id := esc(b.ID)
	cols := r.columns(b) // may be r.opts.ActionColumns: read only
	names, dates := make([]string, len(cols)), make([]bool, len(cols))
	w.WriteString("<table class=\"actions-table\">\n<thead><tr>")
	for i, c := range cols {
		names[i], dates[i] = esc(c), isDateColumn(c)
		fmt.Fprintf(w, `<th scope="col">%s</th>`, names[i])
	}
	w.WriteString("</tr></thead>\n<tbody>\n")
	for row := 1; row <= r.rows(b); row++ {
		fmt.Fprintf(w, `<tr data-label="%s">`, esc(r.opts.Words.T("actions.step", "n", row)))
		for col, c := range names {
			fmt.Fprintf(w, `<td data-label="%s">`, c)
			label := esc(r.opts.Words.T("actions.cell", "column", cols[col], "n", row))
			if dates[col] {
				fmt.Fprintf(w, `<input type="date" data-answer="%s/r%dc%d" aria-label="%s"%s`, id, row, col+1, label, r.end())
			} else {
				fmt.Fprintf(w, `<textarea data-answer="%s/r%dc%d" aria-label="%s" rows="1"></textarea>`, id, row, col+1, label)
			}
			w.WriteString("</td>")
		}
		w.WriteString("</tr>\n")
	}
	w.WriteString("</tbody>\n</table>\n")
}

// lines returns the number of answer lines of a prompt: lines=, else size=,
// else the default.
func (r *htmlRenderer) lines(b *Block) int {
	if n := b.intAttr("lines", 0); n >= 1 && n <= maxLines {
		return n
	}
	size, _ := b.Attr("size")
	if n := sizeLines(size); n > 0 {
		return n
	}
	return r.opts.DefaultLines
}

// rows returns the number of rows of an actions table or a review.
func (r *htmlRenderer) rows(b *Block) int {
	if n := b.intAttr("rows", 0); n >= 1 && n <= maxRows {
		return n
	}
	return defaultRows
}

// columns returns the column names of an actions table or the fields of a
// review.
func (r *htmlRenderer) columns(b *Block) []string {
	if b.BlockType == "review" {
		return b.Columns(r.opts.ReviewColumns)
	}
	return b.Columns(r.opts.ActionColumns)
}

// Columns returns the names given by the block's columns= attribute, or
// defaults when it has none (or an invalid one, which validation reported).
// For an actions block they name the table's columns, for a review the
// fields asked about each step. The result may be defaults itself: read it
// only.
func (b *Block) Columns(defaults []string) []string {
	if v, ok := b.Attr("columns"); ok {
		if cols := splitList(v); checkList(attrSpec{name: "columns", lo: 1, hi: maxColumns}, v) == "" {
			return cols
		}
	}
	return defaults
}

// scaleRange returns a usable min and max of a scale, falling back to the
// defaults when the attributes are out of range (validation reported that).
func (b *Block) scaleRange() (lo, hi int) {
	lo, hi = b.intAttr("min", 1), b.intAttr("max", 10)
	if lo < -scaleBound || hi > scaleBound || lo >= hi || hi-lo > maxScaleGap {
		return 1, 10
	}
	return lo, hi
}

// of returns the id a review block reviews.
func (b *Block) of() string {
	v, _ := b.Attr("of")
	return v
}

// DateColumn returns the 1-based position of the first date column among
// an action plan's columns, or 0 when none holds dates. Date columns are
// those whose name starts with the words "By when" or "When", or has the
// word date, deadline or due; they get date inputs.
func DateColumn(columns []string) int {
	for i, c := range columns {
		if isDateColumn(c) {
			return i + 1
		}
	}
	return 0
}

// isDateColumn reports whether an actions column holds dates: its name
// starts with the words "By when" or "When", or has the word date, deadline or
// due, or their like in any language praxis has words for ("Bis wann",
// "Datum", "Échéance"; see i18n.Units).
func isDateColumn(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	text := " " + strings.Join(words, " ") + " "
	starts, anywhere := dateWords()
	for _, s := range starts {
		if strings.HasPrefix(text, s) {
			return true
		}
	}
	for _, w := range anywhere {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// dateWords are the words of date columns in every language praxis has
// words for, in lower case and between spaces: those a name starts with,
// and those anywhere in it. Made once; never changed.
var dateWords = sync.OnceValues(func() (starts, anywhere []string) {
	spaced := func(list []string) []string {
		for i, w := range list {
			list[i] = " " + strings.ToLower(w) + " "
		}
		return list
	}
	return spaced(i18n.Units("columns.date_starts", nil)), spaced(i18n.Units("columns.date_words", nil))
})
