// Package chrome finds and starts the headless Chromium that praxis uses to
// print PDF files and that the browser tests drive.
//
// praxis never downloads a browser. [Find] looks for one that the user
// installed, and [NewContext] starts it with a fresh profile and the flags that
// keep it quiet: no first-run dialogs, no background networking, no sync and no
// component updates, so printing a workbook makes no network request of its
// own. The returned context is a chromedp context; package pdf prints with it,
// and package chrometest wraps it for tests.
//
// # Finding the browser
//
// The order is: the --chrome flag, then the PRAXIS_CHROME environment
// variable, then the first of chromium, chromium-browser, google-chrome,
// google-chrome-stable and chrome on PATH, and on macOS the usual application
// bundles. When none is found, Find returns a [*NotFoundError] that says how to
// install one.
package chrome

import (
	"os/exec"
	"runtime"
)

// EnvVar is the environment variable that names the browser executable when
// no --chrome flag is given.
const EnvVar = "PRAXIS_CHROME"

// candidates returns the executables Find tries when no path is given, in
// order: names on PATH, then on macOS the usual application bundles, which are
// not on PATH although "install Google Chrome" is the advice we give there.
func candidates(goos string) []string {
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}
	if goos == "darwin" {
		names = append(names,
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
		)
	}
	return names
}

// NotFoundError reports that no usable browser executable was found.
type NotFoundError struct {
	// Source is where the rejected path came from: "--chrome" or EnvVar.
	// It is empty when Find searched PATH and found nothing.
	Source string
	// Path is the rejected path; empty when Source is empty.
	Path string
	// Err is the reason exec.LookPath gave for Path, if any.
	Err error
}

// installHint is the advice every NotFoundError ends with.
const installHint = "install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome) or pass --chrome PATH / set " + EnvVar

// Error says what was not found and how to fix it.
func (e *NotFoundError) Error() string {
	if e.Source == "" {
		return "no Chromium or Chrome found; " + installHint
	}
	msg := e.Source + " " + e.Path + ": not an executable browser"
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	return msg + "; fix the path, or " + installHint
}

// Unwrap returns the lookup error, if any.
func (e *NotFoundError) Unwrap() error { return e.Err }

// Find returns the path of the browser executable. explicit is the value of
// the --chrome flag ("" when not given); getenv reads the environment (pass
// os.Getenv). A path that is given but not executable is an error, not a
// reason to fall back to PATH, so a typo does not silently print with another
// browser. Find never downloads anything.
func Find(explicit string, getenv func(string) string) (string, error) {
	if explicit != "" {
		return lookup("--chrome", explicit)
	}
	if p := getenv(EnvVar); p != "" {
		return lookup(EnvVar, p)
	}
	for _, name := range candidates(runtime.GOOS) {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", &NotFoundError{}
}

// lookup resolves a user-given name or path with exec.LookPath.
func lookup(source, path string) (string, error) {
	p, err := exec.LookPath(path)
	if err != nil {
		return "", &NotFoundError{Source: source, Path: path, Err: err}
	}
	return p, nil
}
