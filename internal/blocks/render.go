package blocks

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer renders Blocks, and task checkboxes inside checklists, by the
// HTML contract in the package documentation.
type htmlRenderer struct {
	html.Config // its SetOption takes html.WithXHTML from the goldmark setup
	opts        Options
}

// newHTMLRenderer returns the renderer.NodeRenderer for blocks. opts must
// have its defaults filled in.
func newHTMLRenderer(opts Options) renderer.NodeRenderer {
	return &htmlRenderer{Config: html.NewConfig(), opts: opts}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBlock, r.renderBlock)
	reg.Register(extast.KindTaskCheckBox, r.renderTaskCheckBox)
	reg.Register(kindCheckLabel, r.renderCheckLabel)
}

// renderBlock dispatches on the block type.
func (r *htmlRenderer) renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	b := node.(*Block)
	switch title := calloutTitle(b.BlockType); {
	case title != "":
		r.callout(w, b, title, entering)
	case isPromptType(b.BlockType):
		r.prompt(w, src, b, entering)
	case b.BlockType == "checklist":
		r.section(w, b, entering, ` data-checklist="`+esc(b.ID)+`"`)
	case b.BlockType == "commitment":
		r.commitment(w, b, entering)
	default:
		r.plain(w, b, entering)
	}
	return ast.WalkContinue, nil
}

// plain renders a div without a known type.
func (r *htmlRenderer) plain(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		w.WriteString("</div>\n")
		return
	}
	w.WriteString("<div")
	if b.ID != "" {
		fmt.Fprintf(w, ` id="%s"`, esc(b.ID))
	}
	if len(b.Classes) > 0 {
		fmt.Fprintf(w, ` class="%s"`, esc(strings.Join(b.Classes, " ")))
	}
	writeData(w, b, "")
	w.WriteString(">\n")
}

// writeData writes b's key=value attributes other than skip as data-
// attributes, as Pandoc writes attributes HTML does not know. They can
// neither style the page nor run anything.
func writeData(w util.BufWriter, b *Block, skip string) {
	for _, a := range b.Attrs {
		if a.Key != skip {
			fmt.Fprintf(w, ` %s="%s"`, DataName(a.Key), esc(a.Value))
		}
	}
}

// DataName returns the data- attribute name of an attribute key: in lower
// case, with _ as -, and data- in front unless it is there already.
func DataName(key string) string {
	k := strings.ToLower(strings.ReplaceAll(key, "_", "-"))
	if strings.HasPrefix(k, "data-") {
		return k
	}
	return "data-" + k
}

// callout renders note, tip, warning, important, caution and facilitator.
func (r *htmlRenderer) callout(w util.BufWriter, b *Block, title string, entering bool) {
	if !entering {
		w.WriteString("</aside>\n")
		return
	}
	title = r.opts.Words.T("callout." + b.BlockType)
	if t, ok := b.Attr("title"); ok {
		title = t
	}
	fmt.Fprintf(w, `<aside class="%s" role="note"`, esc(classList("callout", b)))
	if b.ID != "" {
		fmt.Fprintf(w, ` id="%s"`, esc(b.ID))
	}
	writeData(w, b, "title")
	w.WriteString(">\n<p class=\"callout-title\"")
	if b.BlockType == "facilitator" {
		// style.css shows it before the title
		fmt.Fprintf(w, ` data-prefix="%s"`, esc(r.opts.Words.T("callout.coach_only")))
	}
	fmt.Fprintf(w, ">%s</p>\n", esc(title))
}

// section writes the opening or closing tag of a checklist or commitment
// section; extra holds further attributes, already escaped.
func (r *htmlRenderer) section(w util.BufWriter, b *Block, entering bool, extra string) {
	if !entering {
		w.WriteString("</section>\n")
		return
	}
	fmt.Fprintf(w, `<section class="%s" id="%s"%s>`+"\n", esc(classList("", b)), esc(b.ID), extra)
}

// commitment renders the statement followed by signature and date inputs.
func (r *htmlRenderer) commitment(w util.BufWriter, b *Block, entering bool) {
	if entering {
		r.section(w, b, true, "")
		return
	}
	id := esc(b.ID)
	fmt.Fprintf(w, `<div class="signature"><label>%s <input type="text" data-answer="%s/name"%s</label>`, esc(r.opts.Words.T("signature.signed")), id, r.end())
	fmt.Fprintf(w, `<label>%s <input type="date" data-answer="%s/date"%s</label></div>`+"\n", esc(r.opts.Words.T("signature.date")), id, r.end())
	r.section(w, b, false, "")
}

// renderTaskCheckBox renders an enabled, saved checkbox inside a checklist
// and goldmark's disabled one elsewhere.
func (r *htmlRenderer) renderTaskCheckBox(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	box := node.(*extast.TaskCheckBox)
	list, index := checklistOf(box)
	if list == nil {
		w.WriteString("<input")
		if box.IsChecked {
			w.WriteString(` checked=""`)
		}
		w.WriteString(` disabled="" type="checkbox"` + r.end() + " ")
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, `<input type="checkbox" data-answer="%s/%d"`, esc(list.ID), index)
	if box.IsChecked {
		w.WriteString(` checked=""`)
	}
	w.WriteString(r.end() + " ")
	return ast.WalkContinue, nil
}

// checklistOf returns the innermost checklist around box and box's 1-based
// index among that checklist's own boxes, as numberBoxes recorded it.
func checklistOf(box ast.Node) (*Block, int) {
	for p := box.Parent(); p != nil; p = p.Parent() {
		if b, ok := p.(*Block); ok && b.BlockType == "checklist" {
			index, _ := box.AttributeString(boxIndexAttr)
			n, _ := index.(int)
			return b, n
		}
	}
	return nil, 0
}

// end closes a void element, as XHTML wants it when html.WithXHTML is set.
func (r *htmlRenderer) end() string {
	if r.XHTML {
		return " />"
	}
	return ">"
}

// classList returns the class attribute value "block [kind] type classes…".
func classList(kind string, b *Block) string {
	parts := []string{"block"}
	if kind != "" {
		parts = append(parts, kind)
	}
	parts = append(parts, b.BlockType)
	return strings.Join(append(parts, b.Classes...), " ")
}

// esc escapes s for HTML text and double-quoted attribute values.
func esc(s string) string {
	if !strings.ContainsAny(s, "<>&\"\x00") {
		return s // the common case, without copying
	}
	return string(util.EscapeHTML([]byte(s)))
}
