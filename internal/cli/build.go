package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/answerkeys"
	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/markdown"
)

// siteFlags are the flags shared by commands that build the workbook.
type siteFlags struct {
	source, output, baseURL, edition string
	drafts, verbose                  bool
}

func (e *env) addSiteFlags(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}, f *siteFlags) {
	fs.StringVar(&f.source, "source", ".", "the workbook folder (holding content/ and praxis.yaml)")
	fs.StringVar(&f.edition, "edition", "", "build only this edition: participant or facilitator")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft: true")
	fs.BoolVar(&f.verbose, "verbose", false, "list every page as it is built")
}

func (e *env) builder(f *siteFlags) *build.Builder {
	opts := build.Options{Root: f.source, Output: f.output, Drafts: f.drafts, BaseURL: f.baseURL,
		Edition: f.edition, Defaults: praxis.Defaults, CacheDir: markdown.CacheDir(e.getenv, f.source),
		Waiting: func(out string) {
			fmt.Fprintf(e.stderr, "praxis: waiting for another praxis build into %s to finish (Ctrl-C to stop)\n", displayPath(out))
		}}
	if f.verbose {
		opts.Log = e.stdout
	}
	return build.New(opts)
}

// zipFlag is --zip, which may name its file: --zip or --zip=FILE.
type zipFlag struct {
	on   bool
	file string // "" for the default (see build.Builder.DefaultZip)
}

func (z *zipFlag) String() string { return z.file }

func (z *zipFlag) IsBoolFlag() bool { return true }

func (z *zipFlag) Set(v string) error {
	switch v {
	case "true":
		z.on, z.file = true, ""
	case "false":
		z.on, z.file = false, ""
	case "":
		return errors.New("give the zip file as --zip=FILE, or --zip alone for the default")
	default:
		z.on, z.file = true, v
	}
	return nil
}

func runBuild(e *env, args []string) int {
	fs := e.newFlags("build", "build [--source DIR] [--output DIR] [--drafts] [--base-url URL] [--edition E] [--zip[=FILE]] [--verbose]")
	var f siteFlags
	var zip zipFlag
	e.addSiteFlags(fs, &f)
	fs.StringVar(&f.output, "output", "", "the output folder (default: output in praxis.yaml, or public)")
	fs.StringVar(&f.baseURL, "base-url", "", "the address the site will be published at, like https://example.org/workbook/")
	fs.Var(&zip, "zip", "also write the participant edition as one zip file, to send: --zip for the workbook id plus .zip beside the output folder, or --zip=FILE")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		hint := "use --source DIR to build another folder"
		if strings.HasSuffix(fs.Arg(0), ".zip") {
			hint = "name the zip file with --zip=FILE"
		}
		fmt.Fprintf(e.stderr, "praxis build: unexpected argument %q (%s)\n", fs.Arg(0), hint)
		return ExitUsage
	}
	if fi, err := os.Stat(f.source); err != nil || !fi.IsDir() {
		fmt.Fprintf(e.stderr, "praxis build: --source %s is not a folder\n", f.source)
		return ExitUsage
	}
	e.tuneFor(f.source)
	b := e.builder(&f)
	cfg, err := b.LoadConfig()
	if err != nil {
		return e.report(err)
	}
	if zip.on && zip.file == "" {
		if zip.file, err = b.DefaultZip(cfg); err != nil {
			return e.report(err)
		}
	}
	b.SetZip(zip.file)
	var before map[string]*answerkeys.Index
	if dir, err := b.OutputDir(cfg); err == nil {
		before = promptIndexes(dir, cfg)
	}
	st, out, err := b.Write(e.ctx, cfg)
	e.afterWrite(st.AfterWrite)
	if err != nil {
		code := e.report(err)
		if _, serr := os.Stat(out); out != "" && serr == nil && !errors.As(err, new(*build.SwapError)) {
			fmt.Fprintf(e.stderr, "praxis: nothing was written; %s is unchanged\n", displayPath(out))
		}
		return code
	}
	e.warn(st.Warnings)
	e.warnKeyChanges(before, f.source, out, cfg)
	fmt.Fprintf(e.stdout, "Built %s into %s in %s%s\n", counts(st.PerEdition), displayPath(out),
		st.Duration.Round(time.Millisecond), sendWhat(out, zip.file, st))
	return ExitOK
}

// sendWhat tells, at the end of the build's line, what goes to
// participants and what is for facilitators only, when the build made the
// facilitator edition or a zip file: "; send public/participant/ to
// participants, public/facilitator/ is for facilitators only", or with a
// zip file "; send wb.zip to participants".
func sendWhat(out, zip string, st build.Stats) string {
	var send, keep string
	for _, ed := range st.PerEdition {
		dir := displayPath(filepath.Join(out, filepath.FromSlash(ed.Folder)))
		if ed.Name == config.Facilitator {
			keep = dir
		} else {
			send = dir
		}
	}
	if zip != "" && !slices.ContainsFunc(st.AfterWrite, func(err error) bool { return errors.As(err, new(*build.ZipError)) }) {
		send = displayFile(zip)
	}
	switch {
	case keep == "" && zip == "":
		return ""
	case keep == "":
		return "; send " + send + " to participants"
	case send == "":
		return "; " + keep + " is for facilitators only: do not send it to participants"
	}
	return "; send " + send + " to participants, " + keep + " is for facilitators only"
}

// afterWrite tells what went wrong after the new output was in place: the
// build succeeded, but something is left to do by hand.
func (e *env) afterWrite(errs []error) {
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "praxis: warning: %v\n", err)
	}
}

// warn prints a build's warnings, one per line, to stderr.
func (e *env) warn(warnings diag.List) {
	if len(warnings) > 0 {
		fmt.Fprintln(e.stderr, warnings.Error())
	}
}

// counts says how many pages and prompts were built: "18 pages with 41
// prompts", and with two editions "… (participant) and 19 pages with 44
// prompts (facilitator)".
func counts(editions []build.EditionStats) string {
	var parts []string
	for _, ed := range editions {
		s := fmt.Sprintf("%d %s with %d %s", ed.Pages, plural(ed.Pages, "page", "pages"), ed.Prompts, plural(ed.Prompts, "prompt", "prompts"))
		if len(editions) > 1 {
			s += " (" + ed.Name + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " and ")
}

// displayPath shows a path relative to the working folder when it is below it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !filepath.IsAbs(rel) && rel != ".." && (len(rel) < 3 || rel[:3] != "../") {
		return rel + string(filepath.Separator)
	}
	return p
}
