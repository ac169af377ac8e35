package build

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
)

// TestZipHoldsTheParticipantEdition builds the example in both editions
// with a zip file and checks that the zip holds the participant edition,
// every file of it, in one folder named after the workbook, and nothing
// of the facilitator edition; and that building again makes the same
// bytes.
func TestZipHoldsTheParticipantEdition(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	file := filepath.Join(dir, "wb.zip")
	build := func() []byte {
		t.Helper()
		b := New(Options{Root: "../..", Output: out, Defaults: praxis.Defaults, Zip: file})
		cfg, err := b.LoadConfig()
		if err != nil {
			t.Fatal(err)
		}
		cfg.Editions = []string{"participant", "facilitator"}
		if _, _, err := b.Write(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	first := build()
	r, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var text strings.Builder
	for _, f := range r.File {
		names = append(names, f.Name)
		if !strings.HasPrefix(f.Name, "from-insight-to-action/") || strings.Contains(f.Name, "facilitator") || strings.Contains(f.Name, marker) {
			t.Errorf("the zip holds %s", f.Name)
		}
		if f.Mode().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		want, err := os.ReadFile(filepath.Join(out, "participant", filepath.FromSlash(strings.TrimPrefix(f.Name, "from-insight-to-action/"))))
		if err != nil || !bytes.Equal(data, want) {
			t.Errorf("%s differs from the participant edition's file: %v", f.Name, err)
		}
		text.Write(data)
	}
	if !slices.IsSorted(names) {
		t.Error("the zip's names are not in order")
	}
	for _, want := range []string{"from-insight-to-action/index.html", "from-insight-to-action/theme/style.css", "from-insight-to-action/print/index.html"} {
		if !slices.Contains(names, want) {
			t.Errorf("the zip lacks %s", want)
		}
	}
	if n := countFiles(t, filepath.Join(out, "participant")); n != len(names)-countDirs(r) {
		t.Errorf("the zip holds %d files, the participant edition %d", len(names)-countDirs(r), n)
	}
	all := strings.Join(strings.Fields(text.String()), " ")
	for _, s := range facilitatorSentences {
		if strings.Contains(all, s) {
			t.Errorf("the zip holds facilitator text %q", s)
		}
	}
	if again := build(); !bytes.Equal(again, first) {
		t.Error("building again made another zip")
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	return n
}

func countDirs(r *zip.Reader) int {
	n := 0
	for _, f := range r.File {
		if f.Mode().IsDir() {
			n++
		}
	}
	return n
}

// TestZipReplacesOnlyItsOwn checks that a build refuses a zip file that is
// not one praxis made, one inside the output folder and a build without
// the participant edition, before writing anything.
func TestZipReplacesOnlyItsOwn(t *testing.T) {
	s := newSwapSite(t)
	write := func(zipFile, edition string) error {
		b := New(Options{Root: s.root, Defaults: praxis.Defaults, Zip: zipFile, Edition: edition})
		cfg, err := b.LoadConfig()
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = b.Write(context.Background(), cfg)
		return err
	}
	mine := filepath.Join(s.root, "mine.zip")
	if err := os.WriteFile(mine, []byte("my own archive"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := write(mine, ""); err == nil || !strings.Contains(err.Error(), "refusing to replace "+mine+": it is not a zip file praxis made") {
		t.Errorf("a zip over a file praxis did not make: %v", err)
	}
	if data, _ := os.ReadFile(mine); string(data) != "my own archive" {
		t.Error("the file was replaced")
	}
	if _, err := os.Stat(s.out); err == nil {
		t.Error("the build went on after refusing the zip file")
	}
	var usage *UsageError
	if err := write(filepath.Join(s.out, "wb.zip"), ""); !errors.As(err, &usage) {
		t.Errorf("a zip inside the output folder: %v, want a usage error", err)
	}
	if err := write(filepath.Join(s.root, "wb.zip"), "facilitator"); !errors.As(err, &usage) || !strings.Contains(err.Error(), "only the facilitator edition") {
		t.Errorf("a zip of a facilitator-only build: %v, want a usage error", err)
	}
	ours := filepath.Join(s.root, "ours.zip")
	for range 2 { // the second build replaces the zip the first made
		if err := write(ours, ""); err != nil {
			t.Fatal(err)
		}
	}
}
