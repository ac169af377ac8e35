package cli

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run "praxis" as a real command that executes
// this package's Main in a child process of the test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"praxis": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs testdata/script/*.txt: small workbooks and the praxis
// commands run on them, with their expected output and exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("CI", os.Getenv("CI"))
			return nil
		},
	})
}
