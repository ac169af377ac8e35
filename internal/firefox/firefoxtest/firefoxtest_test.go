package firefoxtest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// TestDefaultFileStorage checks that the shared browser runs with Firefox's
// default preferences, as readers have them: two pages opened from
// file:// in different folders do not share localStorage. (Firefox's
// remote agent turns security.fileuri.strict_origin_policy off unless it is
// told not to change preferences; then they would.) It also types, clicks
// and downloads, the actions the workbook tests rely on, and checks that
// no tab of the browser shows a page off the machine, and waits in a page
// that replaces itself.
func TestDefaultFileStorage(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page := `<!DOCTYPE html><meta charset="utf-8"><title>t</title><textarea id="a"></textarea>` +
		`<label><input type="checkbox" id="c"> tick</label><a id="d" download="notes.txt" href="#">save</a>` +
		`<script>document.getElementById("d").onclick = e => { e.target.href = URL.createObjectURL(new Blob([document.getElementById("a").value])); };</script>`
	for _, f := range []string{"one/index.html", "two/index.html"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ff := Tab(t)
	ff.Navigate(chrometest.FileURL(t, filepath.Join(dir, "one", "index.html")))
	ff.Eval(`localStorage.setItem("k", "one")`, nil)
	ff.Type("#a", "two\nlines")
	ff.Click("label")
	var got struct {
		Text    string `json:"text"`
		Checked bool   `json:"checked"`
	}
	ff.Eval(`({text: document.getElementById("a").value, checked: document.getElementById("c").checked})`, &got)
	if got.Text != "two\nlines" || !got.Checked {
		t.Fatalf("after typing and clicking the label: %+v; want the text typed and the box ticked", got)
	}
	ff.Click("#d")
	if name, data := ff.WaitDownload(10 * time.Second); name != "notes.txt" || string(data) != "two\nlines" {
		t.Fatalf("downloaded %q: %q; want notes.txt with the text typed", name, data)
	}

	ff.Navigate(chrometest.FileURL(t, filepath.Join(dir, "two", "index.html")))
	var other *string
	ff.Eval(`localStorage.getItem("k")`, &other)
	if other != nil {
		t.Fatalf("a page in another folder reads %q from the first page's storage; want Firefox's default, one storage per file", *other)
	}
	// WaitJS waits in the page, also across the page replacing itself.
	ff.Eval(`setTimeout(() => location.href = "../one/index.html#back", 200)`, nil)
	ff.WaitJS(`location.hash === "#back" && document.readyState === "complete"`, 10*time.Second)
	checkNoTabOffTheMachine(t, ff)
}

// checkNoTabOffTheMachine fails the test when a tab of the browser of s
// shows a page from the network, such as the privacy notice a fresh
// profile opens from www.mozilla.org unless told not to.
func checkNoTabOffTheMachine(t *testing.T, s *Session) {
	t.Helper()
	var tree struct {
		Contexts []struct {
			URL string `json:"url"`
		} `json:"contexts"`
	}
	if err := s.Browser().Call(s.Context(), "browsingContext.getTree", nil, &tree); err != nil {
		t.Fatal(err)
	}
	for _, c := range tree.Contexts {
		if !strings.HasPrefix(c.URL, "about:") && !strings.HasPrefix(c.URL, "file:") {
			t.Errorf("firefox has a tab on %s; want none off this machine", c.URL)
		}
	}
}

// TestMain runs the tests through Sharing, so that Tab works.
func TestMain(m *testing.M) { os.Exit(Sharing(m).Run()) }

// TestTabsKeepApart opens two windows of the shared Firefox on the same
// file:// page: both run in the one browser, what one stores the other
// does not see, each saves downloads in its own folder, a preload script
// of one runs only in its pages, and a page error counts against the test
// of its window only.
func TestTabsKeepApart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page := filepath.Join(dir, "index.html")
	html := `<!DOCTYPE html><meta charset="utf-8"><title>t</title>` +
		`<a id="d" download="answers.txt" href="#">save</a><iframe src="frame.html"></iframe>` +
		`<script>document.getElementById("d").onclick = e => { e.target.href = URL.createObjectURL(new Blob([window.mark ?? "unmarked"])); };</script>`
	frame := `<!DOCTYPE html><script>if (window.mark) console.error("broken in " + window.mark)</script>`
	for name, data := range map[string]string{page: html, filepath.Join(dir, "frame.html"): frame} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	one, two := Tab(t), Tab(t)
	if one.Browser() != two.Browser() {
		t.Fatal("two tabs run in two browsers; want one shared browser")
	}
	one.Preload(`() => { window.mark = "one"; }`)
	one.AllowErrors("broken in one")
	for _, s := range []*Session{one, two} {
		s.Navigate(chrometest.FileURL(t, page))
	}
	one.Eval(`localStorage.setItem("k", "one")`, nil)
	var other *string
	two.Eval(`localStorage.getItem("k")`, &other)
	if other != nil {
		t.Errorf("the second window reads %q from the first one's storage; want storage apart", *other)
	}
	for i, want := range []string{"one", "unmarked"} {
		s := []*Session{one, two}[i]
		s.Click("#d")
		if name, data := s.WaitDownload(10 * time.Second); name != "answers.txt" || string(data) != want {
			t.Errorf("window %d downloaded %q with %q into its folder; want answers.txt with %q", i+1, name, data, want)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for !hasError(one, "broken in one") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !hasError(one, "broken in one") {
		t.Error("the error of the first window's frame did not reach its session")
	}
	if hasError(two, "broken") {
		t.Errorf("the second window's session has the first one's page error: %q", two.errs)
	}
}

// hasError reports whether s recorded a page error containing text.
func hasError(s *Session, text string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.ContainsFunc(s.errs, func(e string) bool { return strings.Contains(e, text) })
}
