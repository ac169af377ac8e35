package firefoxtest

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// TestDefaultFileStorage checks that the browser runs with Firefox's
// default preferences, as readers have them: two pages opened from
// file:// in different folders do not share localStorage. (Firefox's
// remote agent turns security.fileuri.strict_origin_policy off unless it is
// told not to change preferences; then they would.) It also types, clicks
// and downloads, the actions the workbook tests rely on.
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
	ff := Open(t)
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
}
