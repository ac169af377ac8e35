// Package build runs the whole pipeline for one workbook: read the config,
// load the content, parse every page, assemble the site, render the pages,
// the print books and the other files of each edition, and hand every
// output file to a [Sink]. [Builder.Write] (praxis build and praxis pdf)
// writes them to the output folder through a temporary folder that
// replaces the old output only when the build succeeded, one build per
// folder at a time (lock.go, swap.go). [Live] (praxis serve) keeps them
// in memory and rebuilds after each save.
//
// Both run one plan of steps (steps.go), each making some output files
// from inputs summed up in a key (keys.go), and keep what each step made
// in a store (store.go) for the next build: Live in memory, with the
// files' bytes; Write in the cache folder, as the manifest of the output
// folder, whose files the next build into it links when the key and the
// file's SHA-256 still match. Write also prunes the cache folder
// (prune.go). The highlight cache (package markdown) is kept between
// builds by both.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/markdown"
	"github.com/praxis-workbooks/praxis/internal/print"
)

// Options says what to build.
type Options struct {
	Root    string // the workbook's folder
	Output  string // output folder; "" means the config's output, relative to Root
	Drafts  bool   // include draft pages
	BaseURL string // overrides the config's base_url when set
	Edition string // build only this edition; "" means the config's editions
	Paper   string // overrides the config's paper when set: A4 or Letter
	// PageNumbers fills the print book's table of contents: the page on
	// which each section (by its anchor, see print.Anchor) starts, as
	// printed without the empty pages of a duplex book (see Blanks).
	PageNumbers map[string]int
	Defaults    fs.FS     // templates and themes built into praxis
	Log         io.Writer // where --verbose lists each page; nil for quiet
	CacheDir    string    // folder for highlighted code kept between builds; "" for none
	// Waiting, when set, is called once when Write waits for another
	// praxis build into the same output folder to finish.
	Waiting func(out string)
	// Zip, when set, is a file Write also writes the participant edition
	// to, as one zip file (see writeZip).
	Zip string
	Now func() time.Time
}

// Stats summarizes a build.
type Stats struct {
	Pages      int // of the first edition
	Prompts    int // of the first edition
	Files      int
	Editions   []string
	PerEdition []EditionStats // one per edition, in the order built
	Duration   time.Duration
	Sections   []SectionRef // the first edition's print book: pages and prompts in order
	Warnings   diag.List    // problems that did not stop the build, of every edition, sorted
	// AfterWrite is what went wrong after Write put the new output in
	// place, so the build itself succeeded: the folders of earlier builds
	// it could not remove (as *LeftoverError), a zip file it could not put
	// in place.
	AfterWrite []error
}

// EditionStats counts what one edition holds.
type EditionStats struct {
	Name           string
	Folder         string // its folder in the output: "" or like "participant/"
	Pages, Prompts int
}

// SectionRef names a section or a prompt of the print book (see
// print.SectionRef).
type SectionRef = print.SectionRef

// Builder builds a workbook repeatedly; it keeps what is worth keeping
// between builds, such as highlighted code.
type Builder struct {
	opts      Options
	highlight *markdown.Highlighter
	cacheOnce sync.Once
	store     *store // during Write: what the last build into the same folder made
	folders   folderOps
	// keepTreesUpTo is the constant keepTreesUpTo, which a test sets to
	// 0 to build a small site the way a big workbook is built.
	keepTreesUpTo int
}

// SetZip sets the zip file the next Write also writes the participant
// edition to; "" for none.
func (b *Builder) SetZip(file string) { b.opts.Zip = file }

// SetPageNumbers sets the print book's page numbers for the next build.
func (b *Builder) SetPageNumbers(pages map[string]int) { b.opts.PageNumbers = pages }

// New returns a Builder for opts.
func New(opts Options) *Builder {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Builder{opts: opts, highlight: markdown.NewHighlighter(), keepTreesUpTo: keepTreesUpTo, folders: systemFolders()}
}

// LoadConfig reads the workbook's praxis.yaml, applies command-line
// overrides and checks what the settings ask of the workbook: that its
// theme exists, and the files its brand names.
func (b *Builder) LoadConfig() (*config.Config, error) {
	fsys := folder.New(b.opts.Root)
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	if err := b.override(cfg); err != nil {
		return nil, err
	}
	var errs diag.List
	errs.Append(cfg.CheckTheme(themes(fsys, b.opts.Defaults)))
	errs.Append(cfg.CheckBrandFiles(fsys))
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// override applies the command-line settings to cfg. A bad value is a
// *UsageError.
func (b *Builder) override(cfg *config.Config) error {
	if b.opts.BaseURL != "" {
		over, err := config.Parse([]byte("base_url: " + quote(b.opts.BaseURL)))
		if err != nil {
			return &UsageError{Msg: "--base-url: " + trimPos(err)}
		}
		cfg.BaseURL = over.BaseURL
	}
	if b.opts.Paper != "" {
		over, err := config.Parse([]byte("paper: " + quote(b.opts.Paper)))
		if err != nil {
			return &UsageError{Msg: "--paper: " + trimPos(err)}
		}
		cfg.Paper = over.Paper
	}
	if b.opts.Edition != "" {
		if b.opts.Edition != config.Participant && b.opts.Edition != config.Facilitator {
			return &UsageError{Msg: fmt.Sprintf("--edition must be participant or facilitator, got %q", b.opts.Edition)}
		}
		cfg.Editions = []string{b.opts.Edition}
	}
	return nil
}

// themes lists the themes of the workbook and of praxis: the folders under
// their themes/, sorted, without repeats. A link to a folder outside the
// workbook counts, so that reading it reports the link (see folder.FS).
func themes(layers ...fs.FS) []string {
	var names []string
	for _, fsys := range layers {
		if fsys == nil {
			continue
		}
		entries, _ := fs.ReadDir(fsys, "themes")
		for _, en := range entries {
			fi, err := fs.Stat(fsys, "themes/"+en.Name())
			if (err == nil && fi.IsDir() || errors.Is(err, folder.ErrOutside)) && en.Name()[0] != '.' {
				names = append(names, en.Name())
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// UsageError is a bad command-line value.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// DefaultZip returns the zip file --zip writes when it names none: the
// workbook's id plus .zip, beside the output folder.
func (b *Builder) DefaultZip(cfg *config.Config) (string, error) {
	out, err := b.OutputDir(cfg)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(out), cfg.ID+".zip"), nil
}

// OutputDir returns the absolute output folder for cfg.
func (b *Builder) OutputDir(cfg *config.Config) (string, error) {
	out := b.opts.Output
	if out == "" {
		out = filepath.Join(b.opts.Root, filepath.FromSlash(cfg.Output))
	}
	return filepath.Abs(out)
}

// Build runs the pipeline for every edition into sink, each into its
// folder of the output (see config.EditionFolder).
func (b *Builder) Build(ctx context.Context, cfg *config.Config, sink Sink) (Stats, error) {
	start := time.Now()
	if b.opts.CacheDir != "" {
		b.cacheOnce.Do(func() { b.highlight.LoadCache(b.opts.CacheDir) })
	}
	var st Stats
	for i, edition := range cfg.Editions {
		prefix := cfg.EditionFolder(edition)
		est, err := b.buildEdition(ctx, cfg, edition, prefix, sink)
		if err != nil {
			return st, err
		}
		if i == 0 {
			st.Pages, st.Prompts, st.Sections = est.Pages, est.Prompts, est.Sections
		}
		st.Files = sink.Count()
		st.Warnings = append(st.Warnings, est.Warnings...)
		st.Editions = append(st.Editions, edition)
		st.PerEdition = append(st.PerEdition, EditionStats{Name: edition, Folder: prefix, Pages: est.Pages, Prompts: est.Prompts})
	}
	st.Warnings.Sort()
	st.Duration = time.Since(start)
	return st, nil
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// trimPos drops the praxis.yaml position from an error about a flag value.
func trimPos(err error) string {
	var list diag.List
	if errors.As(err, &list) && len(list) > 0 {
		return list[0].Msg
	}
	return err.Error()
}
