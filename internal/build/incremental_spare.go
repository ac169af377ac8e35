package build

import (
	"bytes"
	"context"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// spares are syntax trees of one edition's pages parsed ahead, while the
// coach is writing, so that the next build parses only the pages that
// changed. Site assembly rewrites the trees it is given, so a tree is
// never used twice: a build takes its spares, and Finish parses new ones.
type spares struct {
	conv digest              // the converter settings they were parsed with
	docs map[string]spareDoc // by source path
}

// spareDoc is a tree and the body it was parsed from.
type spareDoc struct {
	body []byte
	line int
	doc  *markdown.Doc
}

// convDigest sums up the settings that shape an edition's syntax trees.
func convDigest(cfg *config.Config, edition string) digest {
	return newHasher().val(*cfg).str(edition).sum()
}

// take returns the spare tree of page p and forgets it, or nil when there
// is none for p's current body.
func (sp *spares) take(conv digest, p *content.Page) *markdown.Doc {
	if sp == nil || sp.conv != conv {
		return nil
	}
	d, ok := sp.docs[p.Source]
	if !ok || d.line != p.BodyLine || !bytes.Equal(d.body, p.Body) {
		return nil
	}
	delete(sp.docs, p.Source)
	return d.doc
}

// parseAhead parses every page of edition e anew, for the next build.
func (e *edition) parseAhead(ctx context.Context) *spares {
	pages := e.site.Pages
	docs := make([]*markdown.Doc, len(pages))
	parallel(ctx, len(pages), func(i int) {
		docs[i] = e.conv.Parse(pages[i].Source, pages[i].Body, pages[i].BodyLine)
	})
	sp := &spares{conv: convDigest(e.cfg, e.name), docs: map[string]spareDoc{}}
	for i, p := range pages {
		if docs[i] != nil {
			sp.docs[p.Source] = spareDoc{body: p.Body, line: p.BodyLine, doc: docs[i]}
		}
	}
	return sp
}

// parse parses the pages, using the spare trees where their bodies match.
func (e *edition) parse(ctx context.Context, pages []*content.Page, sp *spares) []*markdown.Doc {
	conv := convDigest(e.cfg, e.name)
	docs := make([]*markdown.Doc, len(pages))
	var missing []int
	for i, p := range pages {
		if docs[i] = sp.take(conv, p); docs[i] == nil {
			missing = append(missing, i)
		}
	}
	parallel(ctx, len(missing), func(j int) {
		p := pages[missing[j]]
		docs[missing[j]] = e.conv.Parse(p.Source, p.Body, p.BodyLine)
	})
	return docs
}
