// Package gen writes the benchmark workbook: a deterministic, N-page corpus
// of coaching pages laid out twice, once as a praxis workbook and once as a
// Hugo site with the same pages, so that bench/compare.sh can time both
// generators on the same content.
//
// It sits outside the praxis pipeline: it only produces input for it. The
// corpus command (bench/corpus) writes it to disk, and the Go benchmarks of
// internal/build generate a small one in a temporary folder.
//
// # Pages
//
// The corpus has Options.Pages content pages in chapters of [ChapterSize]
// pages, plus a home page and one index page per chapter. Each content page
// is about 4 KB of Markdown: headings, a table, a task list, a footnote, a
// 25-line code block in one of five languages, links to other pages and 3 to
// 6 prompt blocks with ids unique across the site (c3-p17-q2).
//
// Every page is generated from its own random stream, seeded by the seed and
// its position, so page 17 of chapter 3 is the same in a corpus of 1,000 and
// of 10,000 pages (only the targets of its cross-chapter links differ).
//
// # Hugo layout
//
// The Hugo site has the same content/ tree with two differences: coaching
// blocks become plain blockquotes, and links to .md files become the
// relative addresses Hugo gives those pages (../../ch-002/page-003/), since
// Hugo leaves plain links alone. [Hugo] adds a minimal hugo.toml and layouts
// with a sidebar and prev/next links.
package gen

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ChapterSize is the number of content pages in a chapter.
const ChapterSize = 20

// DefaultSeed seeds the corpus when Options.Seed is 0.
const DefaultSeed = 20260101

// Options says what corpus to generate.
type Options struct {
	Pages int    // content pages, not counting the home and chapter index pages
	Seed  uint64 // 0 means DefaultSeed
}

func (o Options) seed() uint64 {
	if o.Seed == 0 {
		return DefaultSeed
	}
	return o.Seed
}

// chapters is the number of chapters of the corpus.
func (o Options) chapters() int { return (o.Pages + ChapterSize - 1) / ChapterSize }

// pagesIn is the number of content pages in chapter ch (1-based).
func (o Options) pagesIn(ch int) int { return min(ChapterSize, o.Pages-(ch-1)*ChapterSize) }

// File is one generated file.
type File struct {
	Path string // slash path relative to the site root, like "content/ch-001/page-001.md"
	Data []byte
}

// Praxis returns the files of the praxis workbook, sorted by path.
func Praxis(opts Options) []File {
	files := []File{{"praxis.yaml", []byte("title: Benchmark workbook\nsubtitle: Generated pages for bench/compare.sh\n")}}
	for _, d := range documents(opts) {
		files = append(files, File{d.source(), []byte(d.text(flavourPraxis))})
	}
	return sorted(files)
}

// Hugo returns the files of the same workbook laid out as a Hugo site,
// sorted by path.
func Hugo(opts Options) []File {
	files := hugoSkeleton()
	for _, d := range documents(opts) {
		files = append(files, File{d.source(), []byte(d.text(flavourHugo))})
	}
	return sorted(files)
}

// Write writes files under dir, creating folders as needed.
func Write(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func sorted(files []File) []File {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// flavour selects how a document is written out.
type flavour int

const (
	flavourPraxis flavour = iota
	flavourHugo
)

// loc is the position of a page: chapter 0 is the home page, page 0 a
// chapter's index page.
type loc struct{ ch, n int }

// source is the page's source file.
func (l loc) source() string {
	switch {
	case l.ch == 0:
		return "content/_index.md"
	case l.n == 0:
		return fmt.Sprintf("content/ch-%03d/_index.md", l.ch)
	}
	return fmt.Sprintf("content/ch-%03d/page-%03d.md", l.ch, l.n)
}

// url is the page's address, the same in praxis and Hugo.
func (l loc) url() string {
	switch {
	case l.ch == 0:
		return ""
	case l.n == 0:
		return fmt.Sprintf("ch-%03d/", l.ch)
	}
	return fmt.Sprintf("ch-%03d/page-%03d/", l.ch, l.n)
}

// link returns the destination of a link from l to target in flavour f:
// the target's source file for praxis, its address for Hugo.
func (l loc) link(target loc, f flavour) string {
	if f == flavourPraxis {
		return rel(path.Dir(l.source()), target.source())
	}
	return rel(strings.TrimSuffix(l.url(), "/"), target.url())
}

// rel returns the relative path from folder dir to file, both slash paths
// from the same root ("" is the root).
func rel(dir, file string) string {
	from := strings.Split(dir, "/")
	if dir == "" {
		from = nil
	}
	to := strings.Split(file, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	up := strings.Repeat("../", len(from)-i)
	rest := strings.Join(to[i:], "/")
	if up == "" && rest == "" {
		return "./"
	}
	return up + rest
}
