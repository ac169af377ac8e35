package blocks

import (
	"github.com/yuin/goldmark"

	"github.com/praxis-workbooks/praxis/internal/i18n"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Defaults used when Options leaves a field zero, and for blocks without the
// matching attribute.
const (
	defaultLines = 5
	defaultRows  = 3
)

// Options configures the blocks extension for one edition of a workbook.
type Options struct {
	// DefaultLines is the number of answer lines of a prompt without lines=
	// or size=; 0, or a number outside 1 to 60, means 5.
	DefaultLines int
	// ActionColumns names the columns of actions tables without columns=;
	// nil means What, By when, Support I need, How I will know.
	ActionColumns []string
	// ReviewColumns names the fields a review block asks about each step,
	// for review blocks without columns=; nil means What did I do?, What
	// happened?, What did I learn?, What next?
	ReviewColumns []string
	// Facilitator selects the facilitator edition, which keeps facilitator
	// blocks; the participant edition removes them from the document.
	Facilitator bool
	// Words are the interface words the blocks show (Copy link, Signed,
	// the statuses of a review); nil means English. The default columns
	// are ActionColumns and ReviewColumns, not these words'.
	Words *i18n.Words
}

// withDefaults returns o with its zero fields filled in.
func (o Options) withDefaults() Options {
	if o.Words == nil {
		o.Words = i18n.English()
	}
	if o.DefaultLines <= 0 || o.DefaultLines > maxLines {
		o.DefaultLines = defaultLines
	}
	if len(o.ActionColumns) == 0 {
		o.ActionColumns = []string{"What", "By when", "Support I need", "How I will know"}
	}
	if len(o.ReviewColumns) == 0 {
		o.ReviewColumns = []string{"What did I do?", "What happened?", "What did I learn?", "What next?"}
	}
	// The caller's slices stay theirs.
	o.ActionColumns = append([]string(nil), o.ActionColumns...)
	o.ReviewColumns = append([]string(nil), o.ReviewColumns...)
	return o
}

// Extension adds the coaching blocks to a goldmark.Markdown. Create it with
// New.
type Extension struct {
	opts Options
}

// New returns the blocks extension configured by opts.
func New(opts Options) *Extension {
	return &Extension{opts: opts.withDefaults()}
}

// Extend implements goldmark.Extender: it adds the fenced-div parser, the
// transformer for alerts, facilitator blocks and ids, and the renderer.
func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(newDivParser(), 100)),
		parser.WithASTTransformers(util.Prioritized(transformer{opts: e.opts}, 100),
			// After goldmark's footnotes (999), which gather the footnote list.
			util.Prioritized(footnotePruner{}, 1000)),
	)
	if !e.opts.Facilitator {
		// Before goldmark's link reference definitions (100) and footnotes (999).
		m.Parser().AddOptions(parser.WithParagraphTransformers(util.Prioritized(facilitatorParagraphs{}, 99)),
			parser.WithBlockParsers(util.Prioritized(footnoteSpotter{}, 998)))
	}
	// Priority 100 beats GFM's task checkbox renderer (500), which we
	// replace inside checklists.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newHTMLRenderer(e.opts), 100)))
}
