package build

import (
	"crypto/sha256"
	"fmt"
	"io/fs"

	"github.com/praxis-workbooks/praxis/internal/frontmatter"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// rereads lets a build of a big workbook let go of the pages' Markdown
// between assembly and rendering and read each page's file again when it
// renders it. The sources are a third of what such a build holds, and
// holding less makes Go's garbage collector, which keeps the heap under
// praxis build's memory limit, run half as often. A page whose file
// changed in between is an error, never a page made of two versions.
type rereads struct {
	fsys fs.FS               // the site root
	sums [][sha256.Size]byte // of the body each page was assembled from, by Page.Index
}

// drop lets go of the body of every page with a file, remembering its
// SHA-256. Nothing may read a page's Body after it, but rereads.body.
func (r *rereads) drop(pages []*site.Page) {
	r.sums = make([][sha256.Size]byte, len(pages))
	for _, p := range pages {
		if p.Made {
			continue
		}
		r.sums[p.Index] = sha256.Sum256(p.Body)
		p.Page.Body = nil
	}
}

// body returns page p's Markdown, read from its file again when it was
// dropped.
func (r *rereads) body(p *site.Page) ([]byte, error) {
	if r == nil || r.sums == nil || p.Made || p.Body != nil {
		return p.Body, nil
	}
	src, err := fs.ReadFile(r.fsys, p.Source)
	if err != nil {
		return nil, fmt.Errorf("%s: reading it again to render it: %w", p.Source, err)
	}
	_, body, line, err := frontmatter.Split(p.Source, src)
	if err != nil || max(line, 1) != p.BodyLine || sha256.Sum256(body) != r.sums[p.Index] {
		return nil, fmt.Errorf("%s: the file changed while praxis was building the workbook; build again", p.Source)
	}
	return body, nil
}
