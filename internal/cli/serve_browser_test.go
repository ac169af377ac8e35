package cli

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// countConnections makes every page the tab opens count, in
// window.praxisConnected, how often its live-reload stream connected, so a
// test knows when the page will hear the next rebuild.
const countConnections = `(() => {
  const Original = window.EventSource;
  window.praxisConnected = 0;
  window.EventSource = class extends Original {
    constructor(url, opts) {
      super(url, opts);
      this.addEventListener("open", () => { window.praxisConnected++; });
    }
  };
})();`

func waitJS(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	chrometest.WaitJS(t, ctx, expr, patience)
}

func evalJS[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return chrometest.Eval[T](t, ctx, expr)
}

const overlay = `document.getElementById("praxis-build-errors")`

func TestServeUpdatesOpenPageInBrowser(t *testing.T) {
	ctx := chrometest.Tab(t)
	s := startServe(t)
	chrometest.ForbidOutside(t, ctx, nil, strings.TrimSuffix(s.url, "/"))
	chrometest.Preload(t, ctx, countConnections)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"1-start/notes/")); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `window.praxisConnected >= 1`)
	if !evalJS[bool](t, ctx, `document.body.innerText.includes("Original notes text.")`) {
		t.Fatalf("the page does not show its original text")
	}

	t.Run("edit appears", func(t *testing.T) {
		s.write("content/1-start/notes.md", fmt.Sprintf(notesPage, "Typed in the editor."))
		waitJS(t, ctx, `document.body.innerText.includes("Typed in the editor.")`)
		waitJS(t, ctx, `window.praxisConnected >= 1`) // the reloaded page listens again
	})

	t.Run("error overlay comes and goes", func(t *testing.T) {
		bad := strings.Replace(fmt.Sprintf(notesPage, "Broken."), "weight:", "wieght:", 1)
		s.write("content/1-start/notes.md", bad)
		waitJS(t, ctx, overlay+` !== null`)
		text := evalJS[string](t, ctx, overlay+`.shadowRoot.textContent`)
		if !strings.Contains(text, "content/1-start/notes.md:3:1") || !strings.Contains(text, `unknown key "wieght"`) {
			t.Errorf("overlay text %q; want the position content/1-start/notes.md:3:1 and the message", text)
		}
		if !evalJS[bool](t, ctx, `document.body.innerText.includes("Typed in the editor.")`) {
			t.Errorf("the page under the overlay is not the last good build")
		}
		s.write("content/1-start/notes.md", fmt.Sprintf(notesPage, "Fixed again."))
		waitJS(t, ctx, `document.body.innerText.includes("Fixed again.")`)
		waitJS(t, ctx, overlay+` === null`)
	})
}
