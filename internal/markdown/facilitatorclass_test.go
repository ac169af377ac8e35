package markdown

import (
	"slices"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
)

// TestFacilitatorClassHidesNothingIsAnError parses, in both editions, a
// page whose span, heading, link, image and note block carry the class
// facilitator, which would leave them in the participant edition: each is
// an error at its place. The class on a ::: block, which makes it a
// facilitator block, and anything inside a facilitator block, are not.
func TestFacilitatorClassHidesNothingIsAnError(t *testing.T) {
	src := `# Page

Text [for trainers]{.facilitator} here, and [kept]{.facilitator-note}.

## Trainers' notes {.Facilitator}

::: note {.facilitator}
Only for trainers.
:::

[the guide](guide.md){.facilitator} ![a photo](p.png){.facilitator}

::: {.facilitator}
[inside]{.facilitator}
:::

::: facilitator
## Inside {.facilitator}
:::
`
	const hint = ", so participants would see it; put what only facilitators may read in a ::: facilitator block"
	want := []string{
		"a.md:3:6: the class facilitator does not hide a span" + hint,
		"a.md:5:4: the class facilitator does not hide a heading" + hint,
		"a.md:7:1: the class facilitator does not hide a note block" + hint,
		"a.md:11:1: the class facilitator does not hide a link" + hint,
		"a.md:11:38: the class facilitator does not hide an image" + hint,
	}
	for _, facilitator := range []bool{false, true} {
		c := New(Options{Blocks: blocks.Options{Facilitator: facilitator}})
		var got []string
		for _, p := range c.Parse("a.md", []byte(src), 1).Problems {
			got = append(got, p.Error())
		}
		if !slices.Equal(got, want) {
			t.Errorf("facilitator edition %v: problems\n%q\nwant\n%q", facilitator, got, want)
		}
	}
}
