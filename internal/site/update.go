package site

import (
	"errors"
	"reflect"
	"slices"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/content"
)

// ErrNotLocal says that a change to a page reaches beyond the page, so the
// workbook must be assembled again.
var ErrNotLocal = errors.New("the change reaches beyond the page")

// UpdateBody applies a new version of a page of the site, read again from
// its source, when the change is one other pages cannot see: the same
// front matter, ids, and blocks with the same attributes and text, and
// links that all resolve. That is what most saves while writing are, and
// it spares assembling the whole workbook again. Otherwise UpdateBody
// changes nothing and returns ErrNotLocal; assembling again then applies
// the change or reports what is wrong with it.
func (s *Site) UpdateBody(cp *content.Page, sum *Summary) error {
	p := s.bySource[cp.Source]
	if p == nil || p.Made || cp.URL != p.URL || !reflect.DeepEqual(cp.Meta, p.Meta) ||
		len(sum.Problems) > 0 || !sameExports(p.Summary, sum) {
		return ErrNotLocal
	}
	draft := *p
	draft.Summary, draft.Targets = sum, nil
	if errs := s.resolveLinks(&draft); len(errs) > 0 {
		return ErrNotLocal
	}
	if !slices.Equal(assetsOf(p.Targets), assetsOf(draft.Targets)) {
		return ErrNotLocal // the edition publishes other files (see Site.Assets)
	}
	for i := range draft.Targets {
		if draft.Targets[i].Page == &draft { // a link to an anchor of the page itself
			draft.Targets[i].Page = p
		}
	}
	p.Page.Body, p.Page.BodyLine = cp.Body, cp.BodyLine
	p.Summary, p.links, p.Targets = sum, draft.links, draft.Targets
	i := 0
	for _, info := range sum.Blocks {
		if info.Block.IsPrompt() {
			p.Prompts[i].Block = info.Block
			i++
		}
	}
	return nil
}

// assetsOf returns the files of content/ that targets link to, sorted and
// each once.
func assetsOf(targets []Target) []string {
	var out []string
	for _, t := range targets {
		if t.Page == nil && t.Asset != "" {
			out = append(out, t.Asset)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sameExports reports whether two summaries of a page define the same ids
// and blocks, which is all other pages see of its body.
func sameExports(a, b *Summary) bool {
	return slices.Equal(a.IDs, b.IDs) && slices.EqualFunc(a.Blocks, b.Blocks, sameBlock)
}

func sameBlock(a, b BlockInfo) bool {
	return a.Text == b.Text && a.Block.BlockType == b.Block.BlockType && a.Block.ID == b.Block.ID &&
		slices.Equal(a.Block.Classes, b.Block.Classes) &&
		slices.EqualFunc(a.Block.Attrs, b.Block.Attrs, func(x, y blocks.Attr) bool { return x.Key == y.Key && x.Value == y.Value })
}
