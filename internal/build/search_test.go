package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/search"
)

// maxExampleIndex is the most search-index.js of the example may weigh: it
// is loaded whole the first time a reader searches.
const maxExampleIndex = 50 << 10

// facilitatorWords occur in the example's facilitator blocks and on its
// facilitator page, and nowhere in the participant edition.
var facilitatorWords = []string{"disguise", "steal", "untried", "trios"}

func TestExampleSearchIndex(t *testing.T) {
	indexes := map[string]string{}
	for _, edition := range []string{"participant", "facilitator"} {
		data, err := os.ReadFile(filepath.Join(buildExample(t, edition), search.File))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > maxExampleIndex {
			t.Errorf("%s edition: %s is %d bytes; want at most %d", edition, search.File, len(data), maxExampleIndex)
		}
		t.Logf("%s edition: %s is %d bytes", edition, search.File, len(data))
		indexes[edition] = string(data)
	}
	for _, want := range []string{`"Designing an intentional action step"`, `["your-first-step","Your first step",`,
		`"first-step","3.1","What is the smallest step you could take this week?`} {
		if !strings.Contains(indexes["participant"], want) {
			t.Errorf("the participant index lacks %s", want)
		}
	}
	for _, w := range facilitatorWords {
		word := regexp.MustCompile(`[ "]` + w + `[ "]`)
		if word.MatchString(indexes["participant"]) {
			t.Errorf("the participant index holds %q, a word of facilitator text", w)
		}
		if !word.MatchString(indexes["facilitator"]) {
			t.Errorf("the facilitator index lacks %q", w)
		}
	}
	if strings.Contains(indexes["participant"], "facilitator-guide") {
		t.Error("the participant index lists the facilitator guide")
	}
}

// TestSearchIndexHoldsNoFacilitatorText builds a workbook whose facilitator
// text is in a block, on a page and in a chapter of facilitator pages
// only, and reads both editions' indexes.
func TestSearchIndexHoldsNoFacilitatorText(t *testing.T) {
	s := &liveSite{t: t, root: t.TempDir()}
	for name, text := range map[string]string{
		"praxis.yaml":       "title: Search\neditions: [participant, facilitator]\n",
		"content/_index.md": "---\ntitle: Home\n---\nShared words.\n\n::: facilitator\nThe quokkaberry note.\n:::\n",
		"content/1-one/a.md": "---\ntitle: Page A\n---\n## Open heading\n\nOpen text.\n\n::: facilitator\n" +
			"::: prompt {#f-question}\nWhat is the zebrafinch question?\n:::\n\n## Hidden heading gnuwillow\n\nNested.\n:::\n",
		"content/1-one/guide.md":       "---\ntitle: Trainer guide marmoset\nedition: facilitator\n---\nRun the okapi exercise.\n",
		"content/2-trainers/_index.md": "---\ntitle: Trainers chapter axolotl\nedition: facilitator\n---\nFor trainers.\n",
		"content/2-trainers/b.md":      "---\ntitle: Trainer notes\nedition: facilitator\n---\nMore notes.\n",
	} {
		s.write(name, text)
	}
	b, cfg := s.config()
	mem := NewMemory()
	if _, err := b.Build(context.Background(), cfg, mem); err != nil {
		t.Fatal(err)
	}
	participant, facilitator := string(mem.Files()["participant/"+search.File]), string(mem.Files()["facilitator/"+search.File])
	for _, w := range []string{"quokkaberry", "zebrafinch", "gnuwillow", "marmoset", "okapi", "axolotl", "Trainer"} {
		if strings.Contains(participant, w) {
			t.Errorf("the participant index holds %q, from facilitator text:\n%s", w, participant)
		}
		if !strings.Contains(facilitator, w) {
			t.Errorf("the facilitator index lacks %q:\n%s", w, facilitator)
		}
	}
	if !strings.Contains(participant, `"shared"`) || !strings.Contains(participant, `"open-heading","Open heading","`) {
		t.Errorf("the participant index lacks the shared text:\n%s", participant)
	}
}
