// Package cli is the praxis command line: it parses arguments, runs the
// pipeline and turns errors into messages and exit codes. It is the only
// package that decides how the process ends: 0 on success, 1 when the
// workbook has errors, 2 when the command line is wrong.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/diag"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// env is what a command may use from its surroundings.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	ctx            context.Context
	// tune, when set, tunes the Go runtime's memory for a one-off build of
	// the workbook in a folder (see tuneMemory); only the praxis program
	// sets it.
	tune func(source string)
	// browser, when set, gives praxis pdf a tab to print in instead of
	// starting the browser at exe (see chrome.NewContext): tests print in
	// the one browser they share.
	browser func(ctx context.Context, exe string) (context.Context, context.CancelFunc, error)
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "build the workbook into a folder of web pages", runBuild},
		{"serve", "build, serve on this computer and refresh the browser on every save", runServe},
		{"pdf", "build and print the workbook or one handout to a PDF file", runPDF},
		{"new", "add a page from a scaffold: praxis new session|prompts|page \"Title\"", runNew},
		{"init", "start a new workbook in a folder", runInit},
		{"theme", "copy the built-in theme into the workbook to change it: praxis theme eject", runTheme},
		{"version", "print the praxis version", runVersion},
		{"help", "explain a command", runHelp},
	}
}

// Main runs praxis with args (without the program name) and returns the exit
// status.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdout: stdout, stderr: stderr, getenv: os.Getenv, ctx: ctx}
	return e.main(args)
}

// Program runs praxis as the praxis program does: Main, but praxis build
// and praxis pdf also set the Go runtime's memory settings for a one-off
// build (see tuneMemory), which a test running Main in-process must not.
func Program(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	e := &env{stdout: stdout, stderr: stderr, getenv: os.Getenv, ctx: ctx}
	e.tune = func(source string) { tuneMemory(source, e.getenv) }
	return e.main(args)
}

// tuneFor tunes memory for a one-off build of the workbook in source, when
// e runs as the praxis program.
func (e *env) tuneFor(source string) {
	if e.tune != nil {
		e.tune(source)
	}
}

func (e *env) main(args []string) int {
	if len(args) == 0 {
		e.usage(e.stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(e, args[1:])
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("praxis: unknown command %q", name)
	if s := diag.Suggest(name, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	fmt.Fprintf(e.stderr, "%s\nRun 'praxis help' for the list of commands.\n", msg)
	return ExitUsage
}

func (e *env) usage(w io.Writer) {
	fmt.Fprintln(w, "praxis turns a folder of Markdown into a reflective workbook: a website that")
	fmt.Fprintln(w, "works offline, prints well, and lets clients type their answers.")
	fmt.Fprintln(w, "\nUsage: praxis <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'praxis help <command>' or 'praxis <command> -h' for a command's flags.")
}

// runHelp explains the command named in args, or lists the commands. The
// explanation goes to stdout, as asked for; "praxis help -h" explains help.
func runHelp(e *env, args []string) int {
	fs := e.newFlags("help", "help [command]\n\nExplains a command and its flags, or lists the commands when none is named.")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	switch fs.NArg() {
	case 0:
		e.usage(e.stdout)
		return ExitOK
	case 1:
	default:
		fmt.Fprintf(e.stderr, "praxis help: name one command, like: praxis help build\n")
		return ExitUsage
	}
	for _, c := range commands() {
		if c.name == fs.Arg(0) {
			return c.run(&env{stdout: e.stdout, stderr: e.stdout, getenv: e.getenv, ctx: e.ctx}, []string{"-h"})
		}
	}
	fmt.Fprintf(e.stderr, "praxis help: unknown command %q\nRun 'praxis help' for the list of commands.\n", fs.Arg(0))
	return ExitUsage
}

// newFlags returns a flag set that prints its usage to the command's stderr.
func (e *env) newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: praxis %s\n", usage)
		if hasFlags(fs) {
			fmt.Fprintf(e.stderr, "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses flags; it returns ok=false with the exit code to use when
// parsing ended the command (help asked for, or a bad flag).
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK, false
	}
	if err != nil {
		return ExitUsage, false
	}
	return 0, true
}

// report prints an error and returns the exit code for it.
func (e *env) report(err error) int {
	var list diag.List
	var usage *build.UsageError
	var at *diag.Error
	switch {
	case errors.As(err, &usage):
		fmt.Fprintf(e.stderr, "praxis: %s\n", usage.Msg)
		return ExitUsage
	case errors.As(err, &list):
		fmt.Fprintln(e.stderr, list.Error())
		n := len(list)
		fmt.Fprintf(e.stderr, "praxis: %d %s\n", n, plural(n, "error", "errors"))
	case errors.As(err, &at):
		fmt.Fprintf(e.stderr, "%s\npraxis: 1 error\n", at)
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "praxis: interrupted")
	default:
		fmt.Fprintf(e.stderr, "praxis: %s\n", strings.TrimPrefix(err.Error(), "praxis: "))
	}
	return ExitError
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func runVersion(e *env, args []string) int {
	fs := e.newFlags("version", "version")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	v := "(devel)"
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		v = info.Main.Version
	}
	fmt.Fprintf(e.stdout, "praxis %s\n", v)
	return ExitOK
}
