package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
	"github.com/praxis-workbooks/praxis/internal/linkcheck"
)

// buildExample builds one edition of the repository's example workbook
// into a temporary folder and returns the edition's folder in it.
func buildExample(t *testing.T, edition string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	b := New(Options{Root: "../..", Output: out, Defaults: praxis.Defaults, Edition: edition})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.Write(context.Background(), cfg); err != nil {
		t.Fatalf("building the example: %v", err)
	}
	return filepath.Join(out, cfg.EditionFolder(edition))
}

func TestExampleHasNoBrokenLinks(t *testing.T) {
	for _, edition := range []string{"participant", "facilitator"} {
		t.Run(edition, func(t *testing.T) {
			out := buildExample(t, edition)
			problems, err := linkcheck.Check(os.DirFS(out))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Errorf("broken reference: %s", p)
			}
			if _, err := os.Stat(filepath.Join(out, "print", "index.html")); err != nil {
				t.Errorf("no print book: %v", err)
			}
		})
	}
}

// facilitatorSentences appear only in facilitator blocks and pages of the
// example workbook.
var facilitatorSentences = []string{
	"the first topic named is often not the one that matters most",
	"Ask why the number is not lower before you ask how to raise it.",
	"a realisation you hand over is advice in disguise",
	"sessions that run over steal their minutes from the action step",
	"an untried step is feedback about the step, not about the client",
	"Run the practice rounds in trios of coach, client and observer",
}

func TestParticipantEditionHoldsNoFacilitatorText(t *testing.T) {
	participant := readAll(t, buildExample(t, "participant"), "")
	facilitator := readAll(t, buildExample(t, "facilitator"), "")
	for _, s := range facilitatorSentences {
		if strings.Contains(participant, s) {
			t.Errorf("participant edition contains facilitator text %q", s)
		}
		if !strings.Contains(facilitator, s) {
			t.Errorf("facilitator edition lacks %q", s)
		}
	}
	// The theme may style facilitator notes; the pages must not hold any.
	pages := readAll(t, buildExample(t, "participant"), ".html")
	if strings.Contains(pages, "Facilitator note") || strings.Contains(pages, "facilitator-guide") {
		t.Error("participant edition mentions facilitator notes or the facilitator guide")
	}
}

// readAll concatenates every file of the output folder whose name ends
// with suffix.
func readAll(t *testing.T, dir, suffix string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, suffix) {
			return err
		}
		data, err := os.ReadFile(p)
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Source lines wrap anywhere; compare text with whitespace collapsed.
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestBothEditionsEachInItsFolder builds the example in both editions into
// one output folder and checks that the participant edition's folder, the
// one a coach sends, stands on its own: no reference leaves it (linkcheck
// sees only that folder), and it holds no facilitator text.
func TestBothEditionsEachInItsFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	b := New(Options{Root: "../..", Output: out, Defaults: praxis.Defaults})
	cfg, err := b.LoadConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Editions = []string{"facilitator", "participant"}
	st, _, err := b.Write(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, en := range entries {
		names = append(names, en.Name())
	}
	if strings.Join(names, " ") != ".praxis-output facilitator participant" {
		t.Errorf("the output folder holds %q, want the marker and one folder per edition", names)
	}
	for _, ed := range st.PerEdition {
		if ed.Folder != ed.Name+"/" {
			t.Errorf("the %s edition is in %q, want %q", ed.Name, ed.Folder, ed.Name+"/")
		}
	}
	participant := filepath.Join(out, "participant")
	problems, err := linkcheck.Check(os.DirFS(participant))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("participant/ on its own: broken reference: %s", p)
	}
	text := readAll(t, participant, "")
	for _, s := range facilitatorSentences {
		if strings.Contains(text, s) {
			t.Errorf("participant/ contains facilitator text %q", s)
		}
	}
}
