package blocks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/blocks"
)

// at returns the byte offset of the n-th (0-based) occurrence of sub in src.
func at(t *testing.T, src, sub string, n int) int {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(src[off+1:], sub)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times in %q", sub, n+1, src)
		}
		off += j + 1
	}
	return off
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		at   string // the problem is at the first occurrence of at …
		nth  int    // … or at its nth
		msg  string
	}{
		{"unknown type", "::: promt\nQ?\n:::\n", "promt", 0,
			`unknown block type "promt" (did you mean "prompt"?)`},
		{"swapped letters", "::: promtp\nQ?\n:::\n", "promtp", 0,
			`unknown block type "promtp" (did you mean "prompt"?)`},
		{"two typos in a long type", "::: facilitater\n:::\n", "facilitater", 0,
			`unknown block type "facilitater" (did you mean "facilitator"?)`},
		{"typo in any case", "::: Sacle\n:::\n", "Sacle", 0,
			`unknown block type "Sacle" (did you mean "scale"?)`},
		{"unclosed", "Intro.\n\n::: prompt\nQ?\n", ":::", 0,
			"prompt block opened here is never closed; add a line with ::: to close it"},
		{"unclosed inner", "::: note\n::: prompt\nQ?\n:::\n", ":::", 0,
			"note block opened here is never closed; add a line with ::: to close it"},
		{"unclosed plain", "::: {.x}\ntext\n", ":::", 0,
			"::: block opened here is never closed; add a line with ::: to close it"},
		{"closes nothing", "Text.\n\n:::\n", ":::", 0,
			"::: closes no open block; remove it, or open a block above with a line such as ::: note"},
		{"bad number", "::: prompt {lines=six}\n:::\n", "lines", 0,
			`lines must be a whole number from 1 to 60, got "six"`},
		{"number out of range", "::: prompt {lines=61}\n:::\n", "lines", 0,
			`lines must be a whole number from 1 to 60, got "61"`},
		{"bad size", "::: prompt {size=lage}\n:::\n", "size", 0,
			`size must be one of small, medium, large, page, got "lage" (did you mean "large"?)`},
		{"lines and size", "::: prompt {lines=3 size=small}\n:::\n", "size", 0,
			"use either lines or size, not both"},
		{"unknown attribute", "::: prompt {line=3}\n:::\n", "line", 0,
			`unknown attribute "line" for a prompt block (did you mean "lines"?)`},
		{"unknown attribute lists known", "::: scale {colour=red}\n:::\n", "colour", 0,
			`unknown attribute "colour" for a scale block; it takes min, max, low, high, #id and .class`},
		{"attribute of a typed block from a class", "::: {.prompt #q lnes=3}\n:::\n", "lnes", 0,
			`unknown attribute "lnes" for a prompt block (did you mean "lines"?)`},
		{"text after a class", "::: challenge please\n:::\n", "please", 0,
			"unexpected text after the class; put attributes in braces, as in ::: {.challenge #my-id}"},
		{"attribute on checklist", "::: checklist {rows=2}\n:::\n", "rows", 0,
			`unknown attribute "rows" for a checklist block; it takes only #id and .class`},
		{"duplicate attribute", "::: scale {min=1 min=2}\n:::\n", "min", 1,
			"attribute min is given twice; keep one"},
		{"two ids", "::: prompt {#a #b}\n:::\n", "#b", 0,
			`the block already has the id "a"; keep one`},
		{"min above max", "::: scale {min=10 max=1}\n:::\n", "max", 0,
			"min (10) must be less than max (1)"},
		{"min equals default max", "::: scale {min=10}\n:::\n", "min", 0,
			"min (10) must be less than max (10)"},
		{"too many points", "::: scale {min=0 max=50}\n:::\n", "max", 0,
			"a scale from 0 to 50 has 51 points; use at most 21"},
		{"rows", "::: actions {rows=0}\n:::\n", "rows", 0,
			`rows must be a whole number from 1 to 20, got "0"`},
		{"empty column", `::: actions {columns="A||C"}` + "\n:::\n", "columns", 0,
			`columns has an empty name at position 2; write names separated by |, such as columns="What|By when"`},
		{"too many columns", `::: actions {columns="1|2|3|4|5|6|7|8|9"}` + "\n:::\n", "columns", 0,
			"columns must list 1 to 8 names separated by |, got 9"},
		{"review without of", "::: review\n:::\n", ":::", 0,
			"a review block needs of=…, such as ::: review {of=first-step}"},
		{"review of bad id", "::: review {of=a/b}\n:::\n", "of", 0,
			`of must be the id of a block, such as of=first-step, got "a/b"`},
		{"review rows", "::: review {of=a rows=0}\n:::\n", "rows", 0,
			`rows must be a whole number from 1 to 20, got "0"`},
		{"review columns misspelled", "::: review {of=a colums=x}\n:::\n", "colums", 0,
			`unknown attribute "colums" for a review block (did you mean "columns"?)`},
		{"review with empty field", `::: review {of=a columns="Did it|"}` + "\n:::\n", "columns", 0,
			`columns has an empty name at position 2; write names separated by |, such as columns="What|By when"`},
		{"malformed attribute", "::: prompt {lines=6 =x}\n:::\n", "=x", 0,
			`unexpected '='; attributes look like #id, .class or key=value`},
		{"attribute without value", "::: prompt {lines}\n:::\n", "lines", 0,
			"attribute lines needs a value, such as lines=…"},
		{"unterminated quote", "::: scale {low=\"not at all}\n:::\n", `"`, 0,
			`quoted value has no closing "`},
		{"class with bad character", "::: note {.a<b}\n:::\n", "<", 0,
			`a class may contain only ASCII letters, digits, - and _; "a<b" has '<'`},
		{"id with slash", "::: prompt {#a/b}\n:::\n", "/", 0,
			`an id may contain only letters, digits, - and _; "a/b" has '/'`},
		{"no closing brace", "::: note {#a\n:::\n", "{", 0,
			"attribute list has no closing }"},
		{"text after type", "::: note please\n:::\n", "please", 0,
			"unexpected text after the block type; put attributes in braces, as in ::: note {#my-id}"},
		{"text without type", "::: 42\n:::\n", "42", 0,
			"expected a block type or {attributes} after :::, such as ::: note or ::: {.wide}"},
		{"problem in nested block", "::: note\n\n::: prompt {lines=0}\n:::\n:::\n", "lines", 0,
			`lines must be a whole number from 1 to 60, got "0"`},
		{"problem in removed facilitator block", "::: facilitator {titel=x}\n:::\n", "titel", 0,
			`unknown attribute "titel" for a facilitator block (did you mean "title"?)`},
		{"indented fence in list item", "- item\n\n  ::: note {colour=1}\n  :::\n", "colour", 0,
			`unknown attribute "colour" for a note block; it takes title, collapse, appearance, icon, #id and .class`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := convert(t, caseOptions{}, []byte(tt.src))
			want := []blocks.Problem{{Offset: at(t, tt.src, tt.at, tt.nth), Msg: tt.msg}}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("input:\n%s\ngot  %v\nwant %v", tt.src, got, want)
			}
		})
	}
}

// TestPandocClassesAreNoMistakes checks that words and classes of Pandoc,
// Quarto and Carpentries documents that name no block type are read as
// classes, not as typos of one.
func TestPandocClassesAreNoMistakes(t *testing.T) {
	for _, word := range []string{"notes", "tips", "prompts", "warnings", "challenge", "solution",
		"instructor", "callout", "discussion", "keypoints", "objectives", "questions", "prereq",
		"spoiler", "hint", "testimonial", "quote", "notice", "aside", "columns", "column",
		"Danger", "incremental", "callout-info", "content-visible", "panel-tabset", "r-stack"} {
		for _, src := range []string{"::: " + word + "\nText.\n:::\n", "::: {." + word + "}\nText.\n:::\n"} {
			if html, probs := convert(t, caseOptions{}, []byte(src)); len(probs) > 0 || !strings.Contains(string(html), `<div class="`+word+`">`) {
				t.Errorf("%q: got problems %v and HTML %s, want a plain div of class %s", src, probs, html, word)
			}
		}
	}
}

// TestProblemsAreCollected checks that one document reports all its problems,
// in source order.
func TestProblemsAreCollected(t *testing.T) {
	src := "::: prompt {lines=x}\n:::\n\n::: scael\n:::\n\n::: note\n"
	_, got := convert(t, caseOptions{}, []byte(src))
	want := []blocks.Problem{
		{Offset: at(t, src, "lines", 0), Msg: `lines must be a whole number from 1 to 60, got "x"`},
		{Offset: at(t, src, "scael", 0), Msg: `unknown block type "scael" (did you mean "scale"?)`},
		{Offset: at(t, src, "::: note", 0), Msg: "note block opened here is never closed; add a line with ::: to close it"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("input:\n%s\ngot  %v\nwant %v", src, got, want)
	}
}

// TestProblemsWithoutParsing checks that a context no parser has used reports
// no problems.
func TestProblemsWithoutParsing(t *testing.T) {
	if got := blocks.Problems(newContext()); got != nil {
		t.Fatalf("Problems of a fresh context = %v, want nil", got)
	}
}

// TestPandocSpellingIsTheSame checks that Pandoc's spelling of each block,
// with the type as a class, makes exactly the HTML praxis's own does.
func TestPandocSpellingIsTheSame(t *testing.T) {
	for _, tc := range []struct{ typ, attrs string }{
		{"prompt", "#q1 lines=6"}, {"prompt", "#q2 size=large .wide"}, {"scale", `#s min=0 max=5 low="No" high="Yes"`},
		{"actions", `#a rows=2 columns="What|When"`}, {"review", "#r of=a rows=2"}, {"checklist", "#c"},
		{"note", `title="Mind this"`}, {"tip", "#t"}, {"warning", ""}, {"important", ".x"}, {"caution", ""},
		{"facilitator", `title="For you"`}, {"commitment", "#pledge"},
	} {
		body := "Text of the block.\n\n- [ ] a box\n:::\n"
		own := "::: " + tc.typ + " {" + tc.attrs + "}\n" + body
		pandoc := "::: {." + tc.typ + " " + tc.attrs + "}\n" + body
		for _, o := range []caseOptions{{numbers: true}, {numbers: true, blocks: blocks.Options{Facilitator: true}}} {
			a, pa := convert(t, o, []byte(own))
			b, pb := convert(t, o, []byte(pandoc))
			if len(pa)+len(pb) > 0 || string(a) != string(b) {
				t.Errorf("%s:\n%s\nmade\n%s\n(problems %v), but\n%s\nmade\n%s\n(problems %v)", tc.typ, own, a, pa, pandoc, b, pb)
			}
		}
	}
}
