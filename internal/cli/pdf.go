package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/chrome"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/pdf"
	"github.com/praxis-workbooks/praxis/internal/print"
)

type pdfFlags struct {
	siteFlags
	paper, handout, chromePath string
	force                      bool
}

func runPDF(e *env, args []string) int {
	fs := e.newFlags("pdf", "pdf [--source DIR] [--edition E] [--paper A4|Letter] [--output FILE] [--force] [--handout PAGE] [--chrome PATH]")
	var f pdfFlags
	e.addSiteFlags(fs, &f.siteFlags)
	fs.StringVar(&f.paper, "paper", "", "A4 or Letter (default: paper in praxis.yaml, or A4)")
	fs.StringVar(&f.output, "output", "", "the PDF file to write (default: the workbook id, and a handout's address, plus .pdf, in the current folder)")
	fs.BoolVar(&f.force, "force", false, "replace the PDF file if it exists")
	fs.StringVar(&f.handout, "handout", "", "print one page as a handout: its file under content/ or its address, like 4-sessions/first-session")
	fs.StringVar(&f.chromePath, "chrome", "", "the Chromium or Chrome program to print with (default: $"+chrome.EnvVar+", then PATH)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "praxis pdf: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	e.tuneFor(f.source)
	p := &pdfRun{env: e, flags: f}
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
	e.warn(st.Warnings)
	site := filepath.Join(out, filepath.FromSlash(cfg.EditionFolder(cfg.Editions[0])))
	page, err := p.pageFile(site)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitUsage
	}
	target := p.flags.output
	if target == "" {
		target = defaultPDFName(cfg.ID, page)
	}
	// The workbook's own output folder: the next praxis build would
	// remove the PDF with everything else in it.
	if err := build.CheckOutside(p.flags.source, cfg, target, "--output"); err != nil {
		return e.report(err)
	}
	if err := checkPDFTarget(target, p.flags.force); err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	if p.exe, err = chrome.Find(p.flags.chromePath, e.getenv); err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	data, err := p.print(b, cfg, site, page, st.Sections)
	if err != nil {
		return e.report(err)
	}
	if err := writePDF(target, data, p.flags.force); err != nil {
		fmt.Fprintf(e.stderr, "praxis pdf: %v\n", err)
		return ExitError
	}
	n, _ := pdf.PageCount(data)
	fmt.Fprintf(e.stdout, "Wrote %s (%d %s, %s)\n", target, n, plural(n, "page", "pages"), cfg.Paper)
	return ExitOK
}

// print prints the page of the site built in folder site. The whole book
// it prints more than once, to put the page number of each section into
// the contents and the references (see print.Paginator). Then it writes the PDF's outline: the chapters, pages
// and prompts the print holds.
func (p *pdfRun) print(b *build.Builder, cfg *config.Config, site, page string, sections []print.SectionRef) ([]byte, error) {
	ctx, cancel, err := p.env.openBrowser(p.exe)
	if err != nil {
		return nil, err
	}
	defer cancel()
	paper, err := pdf.ParsePaper(cfg.Paper)
	if err != nil {
		return nil, err
	}
	opts := pdf.Options{Paper: paper, Info: pdf.Info{Author: cfg.Author, Subject: cfg.Subtitle},
		Progress: p.progress}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(site, page))}).String()
	data, err := pdf.Print(ctx, pageURL, opts)
	if err == nil && page == build.PrintBook {
		data, err = p.number(ctx, b, cfg, pageURL, opts, data, sections)
	}
	if err != nil {
		return nil, err
	}
	p.progress("writing bookmarks")
	marks, err := print.Outline(data, page, sections)
	if err != nil {
		return nil, err
	}
	return pdf.SetOutline(data, marks)
}

// number takes the first print of the book, data, and prints the book
// again with the page numbers read from it (see print.Paginator).
func (p *pdfRun) number(ctx context.Context, b *build.Builder, cfg *config.Config, pageURL string, opts pdf.Options,
	data []byte, sections []print.SectionRef) ([]byte, error) {
	reprint := func(natural map[string]int) ([]byte, error) {
		b.SetPageNumbers(natural)
		if _, _, err := b.Write(p.env.ctx, cfg); err != nil {
			return nil, err
		}
		return pdf.Print(ctx, pageURL, opts)
	}
	return print.NewPaginator(sections, cfg.Duplex).Paginate(data, reprint, p.moved)
}

// progress reports a stage of printing, so a long workbook shows signs of
// life.
func (p *pdfRun) progress(stage string) { fmt.Fprintf(p.env.stderr, "  %s…\n", stage) }

// moved reports the sections whose page numbers the last print changed;
// final says there is no print left to correct them. --verbose names them.
func (p *pdfRun) moved(anchors []string, final bool) {
	which := ""
	if p.flags.verbose {
		which = " (" + strings.Join(anchors, ", ") + ")"
	}
	n := len(anchors)
	if final {
		fmt.Fprintf(p.env.stderr, "praxis pdf: the page numbers of %d %s%s may be off: they moved again in the last print\n",
			n, plural(n, "section", "sections"), which)
		return
	}
	p.progress(fmt.Sprintf("the page numbers moved %d %s%s to another page; printing once more", n, plural(n, "section", "sections"), which))
}

// pageFile is the built file to print: the print book, or one handout.
func (p *pdfRun) pageFile(out string) (string, error) {
	h, isFile, ok := handoutAddress(p.flags.handout)
	notFound := fmt.Errorf("--handout %s: no such page in the workbook; give its file under content/ or its address", p.flags.handout)
	switch {
	case !ok:
		return "", notFound
	case p.flags.handout == "":
		return build.PrintBook, nil
	case h == "":
		return "index.html", nil // the home page
	}
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(h), "print.html")); err == nil && !isFile {
		return h + "/print.html", nil // a chapter folder: the chapter's handout
	}
	file := h + "/index.html"
	if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(file))); err != nil {
		return "", notFound
	}
	return file, nil
}

// handoutAddress turns --handout, a file under content/ or an address, into
// the address of a page or chapter ("" for the home page), and says
// whether it named a file. It refuses, with ok false, what is no address
// inside the site, like "../notes".
func handoutAddress(flag string) (addr string, isFile, ok bool) {
	h := strings.Trim(filepath.ToSlash(flag), "/")
	h = strings.TrimPrefix(h, "content/")
	isFile = strings.HasSuffix(h, ".md") || strings.HasSuffix(h, ".html")
	h = strings.TrimSuffix(strings.TrimSuffix(h, ".md"), "/index.html")
	h = strings.TrimSuffix(h, "/_index")
	if h == "_index" || h == "index.html" || h == "" {
		return "", isFile, true
	}
	return h, isFile, fs.ValidPath(h) && !strings.ContainsAny(h, "\\\x00")
}

// defaultPDFName is the file praxis pdf writes when --output is not given:
// the workbook id, and for a handout its address, like
// "wb-2-insight-perspective.pdf", so a handout never takes the name of the
// whole workbook's PDF.
func defaultPDFName(id, page string) string {
	if page == build.PrintBook {
		return id + ".pdf"
	}
	addr := strings.TrimSuffix(strings.TrimSuffix(page, "index.html"), "print.html")
	addr = strings.ReplaceAll(strings.Trim(addr, "/"), "/", "-")
	if addr == "" {
		addr = "home"
	}
	return id + "-" + addr + ".pdf"
}

// checkPDFTarget refuses to replace a file that is not a PDF, and a PDF
// unless force is set.
func checkPDFTarget(target string, force bool) error {
	old, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !bytes.HasPrefix(old, []byte("%PDF")):
		return fmt.Errorf("%s exists and is not a PDF; praxis will not overwrite it (choose another --output)", target)
	case !force:
		return existsError(target)
	}
	return nil
}

func existsError(target string) error {
	return fmt.Errorf("%s exists; praxis will not replace it (use --force to replace it, or --output to choose another file)", target)
}

// writePDF writes data to target. Without force it only makes a new
// file, never replacing one, not even one made since checkPDFTarget
// looked; with force it writes a new file beside target and renames it
// over target, so target is never half written.
func writePDF(target string, data []byte, force bool) error {
	if !force {
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return existsError(target)
		}
		if err != nil {
			return err
		}
		if _, err = f.Write(data); err == nil {
			err = f.Close()
		} else {
			f.Close()
		}
		if err != nil {
			os.Remove(target) // only what this run made
		}
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".praxis-pdf-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// openBrowser starts the browser at exe with a fresh profile, or has
// e.browser give a tab, and returns the context of a tab to print in.
func (e *env) openBrowser(exe string) (context.Context, context.CancelFunc, error) {
	if e.browser != nil {
		return e.browser(e.ctx, exe)
	}
	return chrome.NewContext(e.ctx, exe, "")
}
