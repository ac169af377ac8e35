package build

import (
	"bytes"
	"context"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// summaries remembers the summary of every page of one edition, by
// source, with the body and converter settings it was made from, so that
// Live parses only the pages that changed. A Summary is never changed
// after it is made, so reusing one is safe.
type summaries map[string]summary

type summary struct {
	conv digest // convDigest
	line int
	body []byte
	sum  *site.Summary
}

// convDigest sums up the settings that shape an edition's syntax trees.
func convDigest(cfg *config.Config, edition string) digest {
	return newKey().config(cfg).str(edition).sum()
}

// get returns the remembered summary of page p, or nil.
func (s summaries) get(conv digest, p *content.Page) *site.Summary {
	e, ok := s[p.Source]
	if !ok || e.conv != conv || e.line != p.BodyLine || !bytes.Equal(e.body, p.Body) {
		return nil
	}
	return e.sum
}

// keepTreesUpTo is the most Markdown, in bytes, whose syntax trees a build
// keeps from parsing to rendering, about 20 times as much memory: a
// workbook of up to a thousand pages or so is parsed once, a bigger one
// twice, so that it never holds all its trees.
const keepTreesUpTo = 6 << 20

// summarize parses every page for its summary, in parallel. A build keeps
// the trees for rendering when the pages' Markdown is at most keepUpTo
// bytes (see keepTreesUpTo).
// With known set, for Live, it drops the trees, reuses the summaries of
// unchanged pages and then remembers exactly this build's pages in known.
func (e *edition) summarize(ctx context.Context, pages []*content.Page, known summaries, keepUpTo int) []*site.Summary {
	conv := convDigest(e.cfg, e.name)
	sums := make([]*site.Summary, len(pages))
	if known == nil && markdownSize(pages) <= keepUpTo {
		e.trees = make([]*markdown.Doc, len(pages))
	}
	var missing []int
	for i, p := range pages {
		if sums[i] = known.get(conv, p); sums[i] == nil {
			missing = append(missing, i)
		}
	}
	parallel(ctx, len(missing), func(j int) {
		p := pages[missing[j]]
		doc := e.conv.Parse(p.Source, p.Body, p.BodyLine)
		sums[missing[j]] = site.Summarize(doc)
		if e.trees != nil {
			e.trees[missing[j]] = doc
		}
	})
	if known != nil && ctx.Err() == nil {
		clear(known)
		for i, p := range pages {
			known[p.Source] = summary{conv, p.BodyLine, p.Body, sums[i]}
		}
	}
	return sums
}

// markdownSize is the size of the pages' bodies.
func markdownSize(pages []*content.Page) int {
	n := 0
	for _, p := range pages {
		n += len(p.Body)
	}
	return n
}

// tree prepares page p's syntax tree for rendering: the one kept from
// parsing, which it hands out once, or one parsed again, from its file
// when the build let go of its body (see rereads).
func (e *edition) tree(p *site.Page) (*site.Tree, error) {
	if e.trees != nil {
		if doc := e.trees[p.Index]; doc != nil {
			e.trees[p.Index] = nil
			return p.Prepare(doc)
		}
	}
	body, err := e.reread.body(p)
	if err != nil {
		return nil, err
	}
	return p.Prepare(e.conv.Parse(p.Source, body, p.BodyLine))
}
