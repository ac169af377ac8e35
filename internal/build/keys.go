package build

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"maps"
	"slices"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/frontmatter"
	"github.com/praxis-workbooks/praxis/internal/layout"
)

// digest identifies the inputs of a step (its key) or the bytes of a file.
type digest [sha256.Size]byte

// keyBuilder sums up the inputs of a step into a digest. Every field is
// written with its length, so that ("ab", "c") and ("a", "bc") differ, and
// every value is encoded field by field by the encoders below: a field
// they leave out cannot change a key, which keys_test.go checks for every
// field of the settings, the site info and the front matter.
type keyBuilder struct {
	h   hash.Hash
	num [binary.MaxVarintLen64]byte
}

func newKey() *keyBuilder { return &keyBuilder{h: sha256.New()} }

func (k *keyBuilder) bytes(b []byte) *keyBuilder {
	k.int(int64(len(b)))
	k.h.Write(b)
	return k
}

func (k *keyBuilder) str(s string) *keyBuilder { return k.bytes([]byte(s)) }

func (k *keyBuilder) int(n int64) *keyBuilder {
	k.h.Write(binary.AppendVarint(k.num[:0], n))
	return k
}

func (k *keyBuilder) bool(b bool) *keyBuilder {
	if b {
		return k.int(1)
	}
	return k.int(0)
}

func (k *keyBuilder) strs(list []string) *keyBuilder {
	k.int(int64(len(list)))
	for _, s := range list {
		k.str(s)
	}
	return k
}

func (k *keyBuilder) digest(d digest) *keyBuilder { return k.bytes(d[:]) }

func (k *keyBuilder) sum() (d digest) {
	k.h.Sum(d[:0])
	return d
}

// config writes the settings that shape the output: all of them but
// where praxis.yaml sets each, which only messages use.
func (k *keyBuilder) config(c *config.Config) *keyBuilder {
	k.str(c.Title).str(c.Subtitle).str(c.Author).str(c.Language).str(c.BaseURL).str(c.Theme).str(c.Paper).str(c.Output)
	k.bool(c.UnsafeHTML).int(int64(c.AnswerLines)).strs(c.ActionColumns).strs(c.ReviewColumns).strs(c.Editions)
	// The interface words, built in or from the workbook's i18n/ files,
	// by the digest of every message.
	k.str(c.Words.Digest())
	return k.bool(c.Duplex).bool(c.CoverDate).str(c.ID).str(c.FormerID).brand(c.Brand)
}

// brand writes the brand settings: the files they name (whose bytes the
// theme step copies every time) and the colours.
func (k *keyBuilder) brand(b config.Brand) *keyBuilder {
	k.str(b.Logo).str(b.LogoAlt).str(b.LogoDark).str(b.Favicon)
	k.str(b.Accent).str(b.AccentSoft).str(b.AccentDark).str(b.AccentSoftDark)
	return k.str(b.Fonts.Body).str(b.Fonts.Heading)
}

// info writes what the frame of every page shows of the workbook.
func (k *keyBuilder) info(i layout.SiteInfo) *keyBuilder {
	k.str(i.Title).str(i.Subtitle).str(i.Author).str(i.Language).str(i.Dir).str(i.BaseURL).str(i.ID).str(i.Edition)
	k.bool(i.Facilitator).str(i.Date)
	b := i.Brand
	k.str(b.Logo).str(b.LogoAlt).str(b.LogoDark).str(b.Favicon).str(string(b.FaviconType))
	return k.bool(b.CSS).bool(b.Custom)
}

// meta writes a page's front matter.
func (k *keyBuilder) meta(m frontmatter.Meta) *keyBuilder {
	k.str(m.Title).str(m.Description).int(int64(m.Weight)).bool(m.Draft).str(m.Kind).strs(m.Tags).strs(m.Aliases)
	k.int(int64(len(m.AliasPos)))
	for _, p := range m.AliasPos {
		k.str(p.File).int(int64(p.Line)).int(int64(p.Col))
	}
	return k.str(m.Edition).str(m.Duration).bool(m.Client).bool(m.Date).str(m.Day)
}

// numbers writes page numbers by anchor, in the order of the anchors.
func (k *keyBuilder) numbers(pages map[string]int) *keyBuilder {
	k.int(int64(len(pages)))
	for _, anchor := range slices.Sorted(maps.Keys(pages)) {
		k.str(anchor).int(int64(pages[anchor]))
	}
	return k
}

// plans writes the action plans as the actions page lists them.
func (k *keyBuilder) plans(plans []layout.ActionPlan) *keyBuilder {
	k.int(int64(len(plans)))
	for _, p := range plans {
		k.str(p.ID).str(p.Number).str(p.Text).str(p.Page).str(p.URL).str(p.File).int(int64(p.When)).str(p.Reviews)
	}
	return k
}
