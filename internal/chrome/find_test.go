package chrome

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeExe writes an executable file named name into dir and returns its path.
func fakeExe(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// env returns a getenv func that knows only PRAXIS_CHROME.
func env(praxisChrome string) func(string) string {
	return func(k string) string {
		if k == EnvVar {
			return praxisChrome
		}
		return ""
	}
}

func TestFind(t *testing.T) {
	pathDir := t.TempDir()
	otherDir := t.TempDir()
	onPath := fakeExe(t, pathDir, "google-chrome")
	fakeExe(t, pathDir, "chrome") // later in the order than google-chrome
	explicit := fakeExe(t, otherDir, "my-chrome")
	fromEnv := fakeExe(t, otherDir, "env-chrome")
	t.Setenv("PATH", pathDir)

	tests := []struct {
		name     string
		explicit string
		env      string
		want     string
	}{
		{"explicit wins over env and PATH", explicit, fromEnv, explicit},
		{"env wins over PATH", "", fromEnv, fromEnv},
		{"first name on PATH", "", "", onPath},
		{"explicit name is looked up on PATH", "chrome", "", filepath.Join(pathDir, "chrome")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Find(tt.explicit, env(tt.env))
			if err != nil || got != tt.want {
				t.Fatalf("Find(%q, PRAXIS_CHROME=%q) = %q, %v; want %q, nil", tt.explicit, tt.env, got, err, tt.want)
			}
		})
	}
}

func TestFindNone(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	got, err := Find("", env(""))
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("Find with an empty PATH = %q, %v; want a *NotFoundError", got, err)
	}
	want := "no Chromium or Chrome found; install one (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome) or pass --chrome PATH / set PRAXIS_CHROME"
	if err.Error() != want {
		t.Fatalf("error = %q\nwant    %q", err, want)
	}
}

func TestFindBadPathDoesNotFallBack(t *testing.T) {
	pathDir := t.TempDir()
	fakeExe(t, pathDir, "chromium")
	notExe := filepath.Join(pathDir, "readme.txt")
	if err := os.WriteFile(notExe, []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", pathDir)

	tests := []struct {
		explicit, env, wantPrefix string
	}{
		{"/no/such/chrome", "", "--chrome /no/such/chrome: not an executable browser"},
		{"", notExe, "PRAXIS_CHROME " + notExe + ": not an executable browser"},
	}
	for _, tt := range tests {
		got, err := Find(tt.explicit, env(tt.env))
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Fatalf("Find(%q, PRAXIS_CHROME=%q) = %q, %v; want a *NotFoundError", tt.explicit, tt.env, got, err)
		}
		if !strings.HasPrefix(err.Error(), tt.wantPrefix) || !strings.Contains(err.Error(), "sudo apt-get install chromium") {
			t.Errorf("Find(%q, PRAXIS_CHROME=%q) error = %q; want prefix %q and the install hint", tt.explicit, tt.env, err, tt.wantPrefix)
		}
	}
}
