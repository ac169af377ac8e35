package cli

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/chrome"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/pdf"
)

type pdfFlags struct {
	siteFlags
	paper, handout, chromePath string
}

func runPDF(e *env, args []string) int {
	fs := e.newFlags("pdf", "pdf [--source DIR] [--edition E] [--paper A4|Letter] [--output FILE] [--handout PAGE] [--chrome PATH]")
	var f pdfFlags
	e.addSiteFlags(fs, &f.siteFlags)
	fs.StringVar(&f.paper, "paper", "", "A4 or Letter (default: paper in praxis.yaml, or A4)")
	fs.StringVar(&f.output, "output", "", "the PDF file to write (default: the workbook id plus .pdf, in the current folder)")
	fs.StringVar(&f.handout, "handout", "", "print one page as a handout: its file under content/ or its address, like 4-sessions/first-session")
	fs.StringVar(&f.chromePath, "chrome", "", "the Chromium or Chrome program to print with (default: $"+chrome.EnvVar+", then PATH)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "praxis pdf: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	exe, err := chrome.Find(f.chromePath, e.getenv)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	p := &pdfRun{env: e, flags: f, exe: exe}
	return p.run()
}

type pdfRun struct {
	env   *env
	flags pdfFlags
	exe   string
}

func (p *pdfRun) run() int {
	e := p.env
	tmp, err := os.MkdirTemp("", "praxis-pdf-")
	if err != nil {
		return e.report(err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	b := build.New(build.Options{Root: p.flags.source, Output: out, Drafts: p.flags.drafts,
		Edition: p.flags.edition, Paper: p.flags.paper, Defaults: praxis.Defaults})
	cfg, err := b.LoadConfig()
	if err != nil {
		return e.report(err)
	}
	cfg.Editions = cfg.Editions[:1]
	st, _, err := b.Write(e.ctx, cfg)
	if err != nil {
		return e.report(err)
	}
	page, err := p.pageFile(out)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitUsage
	}
	target := p.flags.output
	if target == "" {
		target = cfg.ID + ".pdf"
	}
	if err := checkPDFTarget(target); err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	data, err := p.print(b, cfg, out, page, st.Sections)
	if err != nil {
		return e.report(err)
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return e.report(err)
	}
	n, _ := pdf.PageCount(data)
	fmt.Fprintf(e.stdout, "Wrote %s (%d %s, %s)\n", target, n, plural(n, "page", "pages"), cfg.Paper)
	return ExitOK
}

// print prints the page; for the whole book it prints twice, the second
// time with the table of contents showing where each page landed.
func (p *pdfRun) print(b *build.Builder, cfg *config.Config, out, page string, sections []build.SectionRef) ([]byte, error) {
	ctx, cancel, err := chrome.NewContext(p.env.ctx, p.exe, "")
	if err != nil {
		return nil, err
	}
	defer cancel()
	paper, err := pdf.ParsePaper(cfg.Paper)
	if err != nil {
		return nil, err
	}
	opts := pdf.Options{Paper: paper, Info: pdf.Info{Author: cfg.Author, Subject: cfg.Subtitle},
		Progress: func(stage string) { fmt.Fprintf(p.env.stderr, "  %s…\n", stage) }}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, page))}).String()
	data, err := pdf.Print(ctx, pageURL, opts)
	if err != nil || page != build.PrintBook {
		return data, err
	}
	numbers, err := sectionPages(data, sections)
	if err != nil {
		return nil, err
	}
	b.SetPageNumbers(numbers)
	if _, _, err := b.Write(p.env.ctx, cfg); err != nil {
		return nil, err
	}
	return pdf.Print(ctx, pageURL, opts)
}

// sectionPages reads from a printed book's outline the page on which each
// section starts. The outline lists headings in document order and every
// section starts with its title heading, so sections are matched to
// outline entries in order, by title; headings can repeat, which is why
// the order matters.
func sectionPages(data []byte, sections []build.SectionRef) (map[string]int, error) {
	entries, err := pdf.Outline(data)
	if err != nil {
		return nil, fmt.Errorf("reading the printed table of contents: %w", err)
	}
	pages := map[string]int{}
	i := 0
	for _, en := range entries {
		if i < len(sections) && strings.TrimSpace(en.Title) == strings.TrimSpace(sections[i].Title) {
			pages[sections[i].Anchor] = en.Page
			i++
		}
	}
	return pages, nil
}

// pageFile is the built file to print: the print book, or one handout.
func (p *pdfRun) pageFile(out string) (string, error) {
	h := strings.Trim(filepath.ToSlash(p.flags.handout), "/")
	if h == "" {
		return build.PrintBook, nil
	}
	h = strings.TrimPrefix(h, "content/")
	isFile := strings.HasSuffix(h, ".md") || strings.HasSuffix(h, ".html")
	h = strings.TrimSuffix(strings.TrimSuffix(h, ".md"), "/index.html")
	h = strings.TrimSuffix(h, "/_index")
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(h), "print.html")); err == nil && !isFile {
		return h + "/print.html", nil // a chapter folder: the chapter's handout
	}
	file := h + "/index.html"
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(file))); err != nil {
		return "", fmt.Errorf("--handout %s: no such page in the workbook; give its file under content/ or its address", p.flags.handout)
	}
	return file, nil
}

// checkPDFTarget refuses to overwrite a file that is not a PDF.
func checkPDFTarget(target string) error {
	old, err := os.ReadFile(target)
	if err != nil {
		return nil
	}
	if !bytes.HasPrefix(old, []byte("%PDF")) {
		return fmt.Errorf("%s exists and is not a PDF; praxis will not overwrite it (choose another --output)", target)
	}
	return nil
}
