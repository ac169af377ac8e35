package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis"
)

// swapSite is a small workbook and a Builder of it into root/public whose
// folder operations a test can replace.
type swapSite struct {
	t    *testing.T
	root string
	out  string
}

func newSwapSite(t *testing.T) *swapSite {
	t.Helper()
	s := &swapSite{t: t, root: t.TempDir()}
	s.out = filepath.Join(s.root, "public")
	s.page("First words.")
	(&liveSite{t: t, root: s.root}).write("content/_index.md", "# Home\n")
	return s
}

// page sets the words of the page 1-a/p.
func (s *swapSite) page(words string) {
	(&liveSite{t: s.t, root: s.root}).write("content/1-a/p.md", "# P\n\n"+words+"\n")
}

func (s *swapSite) builder() *Builder {
	return New(Options{Root: s.root, Defaults: praxis.Defaults, Now: fixedNow})
}

// write builds with b and returns what Write returned.
func (s *swapSite) write(b *Builder) (Stats, error) {
	s.t.Helper()
	cfg, err := b.LoadConfig()
	if err != nil {
		s.t.Fatal(err)
	}
	st, _, err := b.Write(context.Background(), cfg)
	return st, err
}

// holds reports whether the output's page 1-a/p holds words.
func (s *swapSite) holds(words string) bool {
	data, err := os.ReadFile(filepath.Join(s.out, "1-a", "p", "index.html"))
	return err == nil && strings.Contains(string(data), words)
}

// beside lists the names beside the output folder that praxis made.
func (s *swapSite) beside() []string {
	entries, _ := os.ReadDir(s.root)
	var names []string
	for _, en := range entries {
		if strings.HasPrefix(en.Name(), ".praxis") {
			names = append(names, en.Name())
		}
	}
	return names
}

// TestWriteSucceedsWhenThePreviousBuildStays checks that a build whose
// new output is in place reports success, and the previous build's
// folder it could not remove as a leftover, not "nothing was written";
// and that the next build removes it.
func TestWriteSucceedsWhenThePreviousBuildStays(t *testing.T) {
	s := newSwapSite(t)
	if _, err := s.write(s.builder()); err != nil {
		t.Fatal(err)
	}
	s.page("Second words.")
	b := s.builder()
	b.folders.removeAll = func(dir string) error { // as if 1-a/ were read-only
		if filepath.Base(dir) == "1-a" {
			return &os.PathError{Op: "unlinkat", Path: filepath.Join(dir, "p"), Err: errors.New("permission denied")}
		}
		return os.RemoveAll(dir)
	}
	st, err := s.write(b)
	if err != nil {
		t.Fatalf("the build failed although its output is in place: %v", err)
	}
	if !s.holds("Second words.") {
		t.Error("the output does not hold the new build")
	}
	var left *LeftoverError
	if len(st.AfterWrite) != 1 || !errors.As(st.AfterWrite[0], &left) {
		t.Fatalf("leftovers %v, want the previous build's folder", st.AfterWrite)
	}
	if !isLeftover(filepath.Base(left.Dir), "public") || !strings.Contains(left.Error(), "permission denied") {
		t.Errorf("leftover %v, want a folder named like a build of public/ and the reason", left)
	}
	if _, err := os.Stat(filepath.Join(left.Dir, marker)); err != nil {
		t.Errorf("the leftover is not marked as praxis's: %v", err)
	}
	st, err = s.write(s.builder())
	if err != nil || len(st.AfterWrite) != 0 {
		t.Fatalf("the next build: %v, leftovers %v", err, st.AfterWrite)
	}
	if got := s.beside(); len(got) != 0 {
		t.Errorf("after the next build, beside public/: %q, want nothing", got)
	}
}

// TestWriteClearsWarningsOfInterruptedBuilds checks that a build removes
// the folders that interrupted builds into its output folder left, and
// only those: named like them and marked as praxis's.
func TestWriteClearsWarningsOfInterruptedBuilds(t *testing.T) {
	s := newSwapSite(t)
	folder := func(name string, marked bool) {
		dir := filepath.Join(s.root, name)
		if err := os.MkdirAll(filepath.Join(dir, "1-a"), 0o755); err != nil {
			t.Fatal(err)
		}
		if marked {
			if err := os.WriteFile(filepath.Join(dir, marker), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	gone := []string{".praxis-new-public-k3x9a", ".praxis-old-public-k3x9a", ".praxis-new-public-old"}
	stay := []string{".praxis-new-public-2-k3x9a", ".praxis-new-public-Q", ".praxis-old-public-", ".praxis-new-publicx-1", ".praxis-new-public-0zz-old"}
	for _, name := range gone {
		folder(name, true)
	}
	for _, name := range stay {
		folder(name, true)
	}
	folder(".praxis-new-public-nomark", false)
	stay = append(stay, ".praxis-new-public-nomark")
	if _, err := s.write(s.builder()); err != nil {
		t.Fatal(err)
	}
	got := s.beside()
	for _, name := range gone {
		if slicesContains(got, name) {
			t.Errorf("%s, left by an interrupted build, is still there", name)
		}
	}
	for _, name := range stay {
		if !slicesContains(got, name) {
			t.Errorf("%s was removed, but it is not a leftover of a build into public/", name)
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestSwapIsOneStepOnLinux checks that, where the system can, the new
// build takes the place of the old in one exchange, and the output folder
// is never renamed away.
func TestSwapIsOneStepOnLinux(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("exchanging two folders in one step is Linux's")
	}
	s := newSwapSite(t)
	if _, err := s.write(s.builder()); err != nil {
		t.Fatal(err)
	}
	s.page("Second words.")
	b := s.builder()
	exchanged := 0
	b.folders.exchange = func(x, y string) error {
		exchanged++
		return systemFolders().exchange(x, y)
	}
	b.folders.rename = func(x, y string) error {
		t.Errorf("rename %s %s: the output folder was moved in two steps", x, y)
		return systemFolders().rename(x, y)
	}
	if _, err := s.write(b); err != nil {
		t.Fatal(err)
	}
	if exchanged != 1 || !s.holds("Second words.") {
		t.Errorf("%d exchanges, new words in place: %v; want 1, true", exchanged, s.holds("Second words."))
	}
	if got := s.beside(); len(got) != 0 {
		t.Errorf("beside public/: %q, want nothing", got)
	}
}

// TestSwapInTwoSteps checks the swap where the system cannot exchange two
// folders: the old output is renamed aside, the new one takes its place;
// when it cannot, the old one is put back and the build fails with the
// output as it was; and when even that fails, the error says where each
// build is.
func TestSwapInTwoSteps(t *testing.T) {
	s := newSwapSite(t)
	if _, err := s.write(s.builder()); err != nil {
		t.Fatal(err)
	}
	noExchange := func(b *Builder) *Builder {
		b.folders.exchange = func(string, string) error { return errNoExchange }
		return b
	}
	s.page("Second words.")
	if _, err := s.write(noExchange(s.builder())); err != nil || !s.holds("Second words.") {
		t.Fatalf("swap in two steps: %v, new words in place: %v", err, s.holds("Second words."))
	}
	if got := s.beside(); len(got) != 0 {
		t.Errorf("beside public/: %q, want nothing", got)
	}

	s.page("Third words.")
	b := noExchange(s.builder())
	first := true
	b.folders.rename = func(x, y string) error { // the first rename into public/ fails
		if y == s.out && first {
			first = false
			return errors.New("injected failure")
		}
		return os.Rename(x, y)
	}
	_, err := s.write(b)
	if err == nil || errors.As(err, new(*SwapError)) {
		t.Fatalf("a new build that cannot take the place of the old: %v, want a plain error", err)
	}
	if !s.holds("Second words.") {
		t.Error("the output folder is not as it was after a failed swap")
	}
	if got := s.beside(); len(got) != 0 {
		t.Errorf("after a failed swap, beside public/: %q, want nothing", got)
	}

	b = noExchange(s.builder())
	b.folders.rename = func(x, y string) error { // every rename into public/ fails
		if y == s.out {
			return errors.New("injected failure")
		}
		return os.Rename(x, y)
	}
	_, err = s.write(b)
	var swapErr *SwapError
	if !errors.As(err, &swapErr) {
		t.Fatalf("the old build cannot be put back: %v, want a *SwapError", err)
	}
	if _, err := os.Stat(s.out); err == nil {
		t.Fatal("the output folder is there, yet the swap reported it missing")
	}
	for _, dir := range []string{swapErr.Old, swapErr.New} {
		if _, err := os.Stat(filepath.Join(dir, marker)); err != nil || !strings.Contains(swapErr.Error(), dir) {
			t.Errorf("%s: %v; the error %q should name it", dir, err, swapErr)
		}
	}
	if _, err := s.write(s.builder()); err != nil || !s.holds("Third words.") {
		t.Fatalf("the build after a broken swap: %v", err)
	}
	if got := s.beside(); len(got) != 0 {
		t.Errorf("the build after a broken swap left beside public/: %q", got)
	}
}

// TestWriteWithAReadOnlyFolderInside is TestWriteSucceedsWhenThePrevious
// BuildStays with real permissions: a folder inside the output made read
// only. Root may remove it anyway, so the test needs another user.
func TestWriteWithAReadOnlyFolderInside(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, whom permissions do not stop; TestWriteSucceedsWhenThePreviousBuildStays checks the same")
	}
	s := newSwapSite(t)
	if _, err := s.write(s.builder()); err != nil {
		t.Fatal(err)
	}
	ro := filepath.Join(s.out, "1-a")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	s.page("Second words.")
	st, err := s.write(s.builder())
	if err != nil || !s.holds("Second words.") || len(st.AfterWrite) != 1 {
		t.Fatalf("build over a read-only folder: %v, new words: %v, leftovers %v", err, s.holds("Second words."), st.AfterWrite)
	}
	left := st.AfterWrite[0].(*LeftoverError).Dir
	if err := os.Chmod(filepath.Join(left, "1-a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write(s.builder()); err != nil || len(s.beside()) != 0 {
		t.Errorf("the next build: %v, beside public/: %q", err, s.beside())
	}
}

// FuzzLeftoverNames checks that a name beside the output folders is the
// leftover of at most one of them, so a build never removes what a build
// into another folder is writing, and only names that swap makes: a
// prefix, the output folder's name, and letters and digits of its own.
func FuzzLeftoverNames(f *testing.F) {
	f.Add(".praxis-new-public-2-k3x9a", "public", "public-2")
	f.Add(".praxis-old-public-k3x9a", "public", "public-k3x9a")
	f.Add(".praxis-new-a-b-c-old", "a-b", "a")
	f.Add(".praxis-new--x", "", "-")
	f.Fuzz(func(t *testing.T, name, a, b string) {
		if a == b || !isLeftover(name, a) {
			return
		}
		if isLeftover(name, b) {
			t.Fatalf("%q is a leftover of both %q and %q", name, a, b)
		}
		rest := strings.TrimPrefix(strings.TrimPrefix(name, newPrefix), oldPrefix)
		rest, ok := strings.CutPrefix(rest, a+"-")
		if !ok || rest == "" || strings.Trim(rest, "0123456789abcdefghijklmnopqrstuvwxyz") != "" {
			t.Fatalf("%q counts as a leftover of %q", name, a)
		}
	})
}

// TestWriteOverALinkedOutputFolder checks that an output folder that is a
// symbolic link to a build elsewhere is replaced by the new build, and
// that the files where the link led are left alone.
func TestWriteOverALinkedOutputFolder(t *testing.T) {
	s := newSwapSite(t)
	elsewhere := filepath.Join(t.TempDir(), "elsewhere")
	if _, err := s.write(New(Options{Root: s.root, Output: elsewhere, Defaults: praxis.Defaults})); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, s.out); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	s.page("Second words.")
	if _, err := s.write(s.builder()); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(s.out); err != nil || !fi.IsDir() || !s.holds("Second words.") {
		t.Fatalf("public/ after the build: %v, %v; want a folder with the new build", fi, err)
	}
	data, err := os.ReadFile(filepath.Join(elsewhere, "1-a", "p", "index.html"))
	if err != nil || !strings.Contains(string(data), "First words.") {
		t.Errorf("the build the link led to was changed: %v", err)
	}
}
