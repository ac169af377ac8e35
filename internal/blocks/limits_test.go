package blocks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parseProblems parses src and returns its problems and whether it broke
// a limit.
func parseProblems(src string) ([]blocks.Problem, bool) {
	md := newMarkdown(blocks.Options{}, false)
	pc := parser.NewContext()
	md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	return blocks.Problems(pc), blocks.LimitBroken(pc)
}

func TestMaxFields(t *testing.T) {
	plan := func(i int) string { // 8 columns of 20 rows: 160 fields
		return fmt.Sprintf("::: actions {#a%d rows=20 columns=\"a|b|c|d|e|f|g|h\"}\nPlan.\n:::\n\n", i)
	}
	var inside strings.Builder
	for i := range blocks.MaxFields / 160 { // 62 plans: 9,920 fields
		inside.WriteString(plan(i))
	}
	inside.WriteString(strings.Repeat("::: prompt\nQ?\n:::\n\n", 80)) // 10,000
	if probs, broken := parseProblems(inside.String()); len(probs) > 0 || broken {
		t.Errorf("10,000 fields: %v (limit broken: %v)", probs, broken)
	}
	past := inside.String() + "::: checklist\n- [ ] one box too many\n:::\n"
	probs, broken := parseProblems(past)
	want := blocks.Problem{Offset: len(inside.String()), Msg: "more than 10000 answer fields (text boxes, rating buttons, table cells, checkboxes) on one page; praxis allows at most 10000: split the page"}
	if len(probs) != 1 || probs[0] != want || !broken {
		t.Errorf("10,001 fields: got %v (limit broken: %v), want %v", probs, broken, want)
	}
}

func TestBlockLinesLimit(t *testing.T) {
	// Three blocks around n lines hold 3n lines; the limit is 262,144.
	src := func(n int) string {
		return strings.Repeat("::: note\n", 3) + strings.Repeat("a\n", n) + strings.Repeat(":::\n", 3)
	}
	if probs, broken := parseProblems(src(87_000)); len(probs) > 0 || broken {
		t.Errorf("261,000 lines in blocks: %v (limit broken: %v)", probs, broken)
	}
	probs, broken := parseProblems(src(88_000))
	if len(probs) != 1 || !broken || !strings.HasPrefix(probs[0].Msg, "::: blocks hold too many lines: praxis allows at most 262144 lines inside ::: blocks on one page") {
		t.Fatalf("264,000 lines in blocks: got %v (limit broken: %v), want one problem about too many lines", probs, broken)
	}
	if line := strings.Count(src(88_000)[:probs[0].Offset], "\n") + 1; line != 87_384 {
		t.Errorf("reported on line %d, want 87384, where the count passes the limit", line)
	}
}
