package blocks

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// checkLabel is the <label> around a checklist box and the words after it,
// so that clicking the words ticks the box and screen readers read them as
// the box's name.
type checkLabel struct {
	ast.BaseInline
}

// kindCheckLabel is the ast.NodeKind of checkLabel.
var kindCheckLabel = ast.NewNodeKind("PraxisCheckLabel")

// Kind implements ast.Node.
func (n *checkLabel) Kind() ast.NodeKind { return kindCheckLabel }

// Dump implements ast.Node.
func (n *checkLabel) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// labelBox moves a checklist's box and the inline content after it (the
// rest of the item's first line or paragraph) into a checkLabel in its
// place. Nested lists stay outside: they are blocks after the paragraph.
func labelBox(box *extast.TaskCheckBox) {
	parent := box.Parent()
	if parent == nil {
		return
	}
	label := &checkLabel{}
	parent.InsertBefore(parent, box, label)
	for n := ast.Node(box); n != nil; {
		next := n.NextSibling()
		label.AppendChild(label, n) // AppendChild detaches n from parent first
		n = next
	}
}

// renderCheckLabel writes the label around a checklist box and its words.
func (r *htmlRenderer) renderCheckLabel(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<label class="check">`)
	} else {
		_, _ = w.WriteString(`</label>`)
	}
	return ast.WalkContinue, nil
}
