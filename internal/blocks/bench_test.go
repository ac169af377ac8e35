package blocks_test

import (
	"bytes"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// sixBlockPage is a typical workbook page: some prose and six blocks.
const sixBlockPage = `# Session 2: Taking action

Last time you named what matters. Now turn it into steps.

::: prompt {#first-step lines=6}
What is the smallest step you could take **this week**?
:::

::: scale {min=0 max=10 low="Not at all" high="Completely"}
How confident are you that you will take it?
:::

> [!TIP]
> Pick a step you can finish in under an hour.

::: actions {rows=3}
Plan your next three steps.
:::

::: checklist
- [ ] Tell someone about your plan
- [ ] Put the first step in your calendar
- [x] Read chapter 2
:::

::: facilitator
If the client stalls here, ask what would make the step smaller.
:::

::: commitment
I will take my first step before our next session.
:::
`

func BenchmarkRenderSixBlocks(b *testing.B) {
	src := []byte(sixBlockPage)
	md := newMarkdown(blocks.Options{Facilitator: true}, false)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		pc := parser.NewContext()
		doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
		if err := md.Renderer().Render(&buf, src, doc); err != nil {
			b.Fatal(err)
		}
		if p := blocks.Problems(pc); len(p) > 0 {
			b.Fatalf("problems: %v", p)
		}
	}
	b.SetBytes(int64(len(src)))
}
