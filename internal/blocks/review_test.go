package blocks_test

import (
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
)

func TestDateColumn(t *testing.T) {
	tests := []struct {
		columns string
		want    int
	}{
		{"What|By when|Support I need|How I will know", 2},
		{"When|What", 1},
		{"Step|Notes|Due date", 3},
		{"Goal|Deadline|Target date", 2},
		{"What|Support|How I will know", 0},
		{"Whenever|Bywhen", 0}, // whole words only
		{"", 0},
	}
	for _, tt := range tests {
		if got := blocks.DateColumn(strings.Split(tt.columns, "|")); got != tt.want {
			t.Errorf("DateColumn(%q) = %d; want %d", tt.columns, got, tt.want)
		}
	}
}

func TestColumns(t *testing.T) {
	defaults := []string{"A", "B"}
	tests := []struct {
		src  string
		want string
	}{
		{"::: actions\n:::\n", "A|B"},
		{"::: actions {columns=\" Step | When \"}\n:::\n", "Step|When"},
		{"::: review {of=p columns=Only}\n:::\n", "Only"},
		{"::: actions {columns=\"A||C\"}\n:::\n", "A|B"}, // invalid: reported, defaults used
	}
	for _, tt := range tests {
		_, bs := parseBlocks(t, newMarkdown(blocks.Options{}, false), tt.src)
		if got := strings.Join(bs[0].Columns(defaults), "|"); got != tt.want {
			t.Errorf("Columns of %q = %q; want %q", tt.src, got, tt.want)
		}
	}
}
