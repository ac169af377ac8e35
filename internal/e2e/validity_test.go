package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuEnv names the Nu Html Checker's vnu.jar for TestHTMLIsValid.
const vnuEnv = "PRAXIS_VNU"

// vnuInstallHint says how to get the checker where the test looks first.
const vnuInstallHint = `the Nu Html Checker is not installed: npm install --ignore-scripts --prefix "$HOME/.cache/praxis-ci/vnu" vnu-jar ` +
	`(it needs Java 11 or newer: apt-get install -y default-jre-headless), or set ` + vnuEnv + ` to vnu.jar`

// vnuJar returns the java program and the path of vnu.jar, or skips the
// test (fails it when CI=true) when either is missing.
func vnuJar(t *testing.T) (java, jar string) {
	t.Helper()
	jar = os.Getenv(vnuEnv)
	if jar == "" {
		if home, err := os.UserHomeDir(); err == nil {
			jar = filepath.Join(home, ".cache", "praxis-ci", "vnu", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
		}
	}
	java, err := exec.LookPath("java")
	if _, statErr := os.Stat(jar); err != nil || statErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(vnuInstallHint)
		}
		t.Skip(vnuInstallHint)
	}
	return java, jar
}

// TestHTMLIsValid runs the Nu Html Checker (https://validator.github.io,
// the W3C's) over every HTML file of both editions of the example
// workbook and of testdata/brand, in one run of the checker, and fails on
// any error it reports.
func TestHTMLIsValid(t *testing.T) {
	t.Parallel()
	java, jar := vnuJar(t)
	site, _ := buildEditions(t, bothEditions(t))
	var files []string
	err := filepath.WalkDir(site, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".html" {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("both editions of the example have %d HTML files; want all of them", len(files))
	}
	// And a workbook with brand: settings (logos in <picture>, icon, brand.css).
	brand := buildWorkbook(t, filepath.Join("testdata", "brand"))
	if err := filepath.WalkDir(brand, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(path) == ".html" {
			files = append(files, path)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The checker runs once, for about two seconds: the quick compiler
	// only (C1) and the serial collector halve its CPU time here; C1's
	// deeper stacks need the larger thread stack the checker asks for.
	args := []string{"-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--errors-only", "--format", "gnu"}
	cmd := exec.Command(java, append(args, files...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	report := strings.TrimSpace(strings.ReplaceAll(out.String(), "file:"+filepath.ToSlash(site)+"/", ""))
	if report != "" || runErr != nil {
		t.Errorf("the Nu Html Checker reports (%v):\n%s", runErr, report)
	}
}
