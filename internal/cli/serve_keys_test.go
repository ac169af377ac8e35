package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/txtartest"
)

// A question reworded while praxis serve runs, with no {#id} of its own,
// would hide what readers of the last praxis build typed: serve says so at
// once, as praxis build would, and says it once until it changes.
func TestServeWarnsWhenAnEditWouldHideSavedAnswers(t *testing.T) {
	root := txtartest.Unpack(t, "testdata/serve/site.txtar")
	const page = "---\ntitle: Notes\nweight: 1\n---\nNotes.\n\n::: prompt\n%s\n:::\n"
	notes := filepath.Join(root, "content", "1-start", "notes.md")
	writeFile(t, notes, strings.Replace(page, "%s", "What do you notice first?", 1))
	writeFile(t, filepath.Join(root, "content", "1-start", "plan.md"), "---\ntitle: Plan\nweight: 2\n---\nA plan.\n")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"build", "--source", root}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("praxis build: exit %d\n%s", code, &stderr)
	}
	s := startServeAt(t, root, patience)
	if strings.Contains(s.errs.String(), "will not show") {
		t.Fatalf("warned before any edit:\n%s", s.errs)
	}

	s.write("content/1-start/notes.md", strings.Replace(page, "%s", "What do you notice now?", 1))
	const where = "content/1-start/notes.md:8:1: question 1.1"
	s.waitLog(where)
	s.waitLog("give it its old id: ::: prompt {#what-do-you-notice-first}")
	s.waitLog("(compared with the last praxis build, in public/)")

	// An edit elsewhere keeps the warning as it was: it is not repeated.
	s.write("content/1-start/plan.md", "---\ntitle: Plan\nweight: 2\n---\nA new plan.\n")
	s.waitServed("1-start/plan/", "A new plan.", servedWithin)
	waitRebuilds(t, s, 2)
	if n := strings.Count(s.errs.String(), where); n != 1 {
		t.Errorf("the warning was printed %d times, want once until it changes:\n%s", n, s.errs)
	}

	// Giving the question its old id keeps the answers: no new warning.
	s.write("content/1-start/notes.md", strings.Replace(page, "::: prompt\n%s", "::: prompt {#what-do-you-notice-first}\nWhat do you notice now?", 1))
	s.waitServed("1-start/notes/", "What do you notice now?", servedWithin)
	waitRebuilds(t, s, 3)
	if n := strings.Count(s.errs.String(), "will not show"); n != 1 {
		t.Errorf("%d warnings about hidden answers, want only the first:\n%s", n, s.errs)
	}
}

// waitRebuilds waits until the serve log holds n rebuilds.
func waitRebuilds(t *testing.T, s *liveServer, n int) {
	t.Helper()
	for deadline := time.Now().Add(patience); strings.Count(s.errs.String(), "Rebuilt in") < n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d rebuilds logged:\n%s", n, s.errs)
		}
	}
}
