package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// referringPrompt is the question of the example's follow-up session that
// refers to another question by an empty link, as its page shows it.
const referringPrompt = "4.10 Look again at how you rated 1.4 “How clear is your goal today?”. What do you know now that you did not know last time?"

// TestReferencesKeepTheirText checks that a question which refers to
// another keeps the words of that reference in All prompts and in
// "Download my answers", as its page shows them (the reference was left
// out, "Look again at how you rated . What…").
func TestReferencesKeepTheirText(t *testing.T) {
	t.Parallel()
	b := &browser{t: t, site: buildWorkbook(t, exampleRoot), ctx: chrometest.Tab(t)}
	chrometest.ForbidOutside(t, b.ctx, []string{b.site})
	failOnScriptErrors(t, b.ctx)
	downloads := chrometest.CaptureDownloads(t, b.ctx)

	b.navigate("4-sessions/follow-up-session/index.html")
	onPage := eval[string](b, `document.querySelector("#follow-up-learned .prompt-number").textContent + " " + document.querySelector("#follow-up-learned .block-body").innerText.trim().replace(/\s+/g, " ")`)
	if onPage != referringPrompt {
		t.Fatalf("the page shows %q; want %q", onPage, referringPrompt)
	}
	b.typeInto("follow-up-learned", "That a three is a start")

	b.navigate("prompts/index.html")
	if bank := eval[string](b, `document.querySelector("#bank-follow-up-learned a").innerText.replace(/\s+/g, " ")`); bank != referringPrompt {
		t.Errorf("All prompts lists %q; want %q", bank, referringPrompt)
	}

	b.click(".download-answers")
	_, data := downloads.Wait(t, 10*time.Second)
	if want := "## " + referringPrompt + "\n\n_Follow-up session_\n\nThat a three is a start\n"; !strings.Contains(string(data), want) {
		t.Errorf("the downloaded answers lack\n%s\n%s", want, data)
	}
}
