package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/praxis-workbooks/praxis/internal/cachetest"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// TestMain lets the scripts run "praxis" as a real command that executes
// this package's Main in a child process of the test binary. The tests run
// with praxis's cache and the user's cache folder in a temporary folder
// (see package cachetest), and open their browser tabs in one shared
// browser (see chrometest.Sharing).
func TestMain(m *testing.M) {
	testscript.Main(isolated{m}, map[string]func(){
		"praxis": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// isolated runs the tests through cachetest.Main.
type isolated struct{ m *testing.M }

func (i isolated) Run() int { return cachetest.Main(chrometest.Sharing(i.m)) }

// TestScripts runs testdata/script/*.txt: small workbooks and the praxis
// commands run on them, with their expected output and exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("CI", os.Getenv("CI"))
			// The user's cache folder of a script is its own: $WORK/.cache.
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits, "zipfiles": zipFiles},
		Condition: func(cond string) (bool, error) {
			if cond == "root" { // permissions do not stop root
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// zipFiles lists the names of the files in a zip file, one a line, as the
// command's stdout: "zipfiles wb.zip", then "stdout 'wb/index.html'".
func zipFiles(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: zipfiles FILE")
	}
	r, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer r.Close()
	var names strings.Builder
	for _, f := range r.File {
		names.WriteString(f.Name + "\n")
	}
	ts.Stdout().Write([]byte(names.String()))
}

// exits runs a program like exec and checks its exact exit status, which
// "! exec" does not: "exits 2 praxis build --edition trainer". Its stdout
// and stderr are kept for the commands that follow, as exec keeps them.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exits; give the status expected instead")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits STATUS PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: status %q is not a number", args[0])
	}
	got := 0
	var exit *exec.ExitError
	if err := ts.Exec(args[1], args[2:]...); errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// TestProgramTunesMemoryOnlyForBuilds checks that the praxis program sets
// the memory settings of a one-off build for praxis build and praxis pdf,
// from the folder their flags name, and for nothing else; that GOMEMLIMIT
// keeps its own; and that Main, which tests run in-process, sets none.
func TestProgramTunesMemoryOnlyForBuilds(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	reset := func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
	// The other variables, such as PRAXIS_CACHE_DIR, are the test's.
	none := func(k string) string {
		if k == "GOGC" || k == "GOMEMLIMIT" {
			return ""
		}
		return os.Getenv(k)
	}
	run := func(getenv func(string) string, args ...string) {
		e := &env{stdout: io.Discard, stderr: io.Discard, getenv: getenv, ctx: context.Background()}
		e.tune = func(source string) { tuneMemory(source, e.getenv) }
		e.main(args)
	}
	small := t.TempDir()
	writeFile(t, filepath.Join(small, "content", "_index.md"), "---\ntitle: Home\n---\nHi.\n")

	reset()
	run(none, "version")
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after praxis version: GOGC %d, want Go's default 100", got)
	}
	reset()
	run(none, "build", "--source", small, "--output", filepath.Join(t.TempDir(), "out"))
	if got := debug.SetGCPercent(100); got != buildGCPercent {
		t.Errorf("after praxis build: GOGC %d, want %d", got, buildGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != smallMemoryLimit {
		t.Errorf("after praxis build of a small workbook: memory limit %d, want %d", got, smallMemoryLimit)
	}
	reset()
	run(none, "build", "--source", filepath.Join(small, "missing"))
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after a usage error: memory limit %d, want it left alone", got)
	}
	reset()
	run(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return none(k)
	}, "pdf", "--source", small, "--chrome", filepath.Join(small, "no-chrome"))
	if got := debug.SetGCPercent(100); got != buildGCPercent {
		t.Errorf("after praxis pdf: GOGC %d, want %d", got, buildGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set: memory limit %d, want it left alone", got)
	}
	reset()
	var stdout, stderr bytes.Buffer
	Main([]string{"build", "--source", small, "--output", filepath.Join(t.TempDir(), "out")}, &stdout, &stderr)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after Main: GOGC %d, want it left alone", got)
	}
}
