package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// words is the vocabulary of generated prose: coaching words, so the text
// looks like a workbook to a reader and to the typographer.
var words = strings.Fields(`
	action agreement attention balance belief change choice client coach commitment
	conversation courage curiosity decision energy experiment feedback focus goal
	habit honesty idea insight intention learning listening meaning moment motivation
	next notice option pattern patience perspective plan practice priority progress
	purpose question reflection relationship resource review risk routine session
	signal silence situation step story strength support team tension time trust
	value vision week work always before carefully clearly gently often quietly
	really slowly small simple honest open real useful different important possible
	notice choose try ask listen write begin keep change learn return hold share
	name test plan review decide wonder explore describe imagine agree the a
	your this that one each every some what which when where how why with
	about into after between during without for from to of and but or so`)

// pick returns a random element of list.
func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// title returns n capitalised words.
func title(r *rand.Rand, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = pick(r, words)
	}
	return capitalise(strings.Join(parts, " "))
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence returns a sentence of 8 to 16 words with some inline emphasis,
// code spans and quotes, ending in a full stop or a question mark.
func sentence(r *rand.Rand) string {
	n := between(r, 8, 16)
	parts := make([]string, n)
	for i := range parts {
		w := pick(r, words)
		switch r.IntN(30) {
		case 0:
			w = "**" + w + "**"
		case 1:
			w = "*" + w + "*"
		case 2:
			w = "`" + w + "`"
		case 3:
			w = `"` + w + `"`
		case 4:
			w += ","
		}
		parts[i] = w
	}
	end := "."
	if r.IntN(6) == 0 {
		end = "?"
	}
	return capitalise(strings.Join(parts, " ")) + end
}

// paragraph returns n sentences wrapped at about 72 columns, like hand-written
// Markdown.
func paragraph(r *rand.Rand, n int) string {
	var b strings.Builder
	col := 0
	for i := range n {
		for j, w := range strings.Fields(sentence(r)) {
			if i+j > 0 {
				if col+1+len(w) > 72 {
					b.WriteByte('\n')
					col = 0
				} else {
					b.WriteByte(' ')
					col++
				}
			}
			b.WriteString(w)
			col += len(w)
		}
	}
	return b.String()
}

// languages are the code block languages, with the lines each is built from.
// %[1]s is an identifier, %[2]d a number and %[3]s a word; not every line
// uses every verb, hence the trimming in codeLine.
var languages = []struct {
	name        string
	open, close string
	body        []string
}{
	{"go", "func %[1]s(ctx context.Context, n int) error {", "}", []string{
		"\t%[1]s := make([]string, 0, %[2]d)",
		"\tif err := ctx.Err(); err != nil {\n\t\treturn fmt.Errorf(\"%[3]s: %%w\", err)\n\t}",
		"\tfor i := range %[2]d {\n\t\t%[1]s = append(%[1]s, strconv.Itoa(i))\n\t}",
		"\t// %[3]s the %[1]s before the next step",
		"\tlog.Printf(\"%[3]s %%d\", %[2]d)",
		"\tvar %[1]s = map[string]int{\"%[3]s\": %[2]d}",
		"\t_ = %[1]s",
	}},
	{"python", "def %[1]s(items, limit=%[2]d):", "    return None", []string{
		"    %[1]s = [x for x in items if x > %[2]d]",
		"    # %[3]s the %[1]s first",
		"    if len(items) > %[2]d:\n        print(\"%[3]s\", len(items))",
		"    for i, item in enumerate(items):\n        yield i, item",
		"    %[1]s = {\"%[3]s\": %[2]d, \"done\": False}",
		"    with open(\"%[3]s.txt\") as f:\n        %[1]s = f.read()",
	}},
	{"javascript", "function %[1]s(items) {", "}", []string{
		"  const %[1]s = items.filter((x) => x > %[2]d);",
		"  // %[3]s the %[1]s first",
		"  if (items.length > %[2]d) {\n    console.log(\"%[3]s\", items.length);\n  }",
		"  for (let i = 0; i < %[2]d; i++) {\n    items.push(`%[3]s-${i}`);\n  }",
		"  let %[1]s = { %[3]s: %[2]d, done: false };",
		"  await fetch(\"./%[3]s.json\").then((r) => r.json());",
	}},
	{"yaml", "%[1]s:", "# end of %[1]s", []string{
		"  %[3]s: %[2]d",
		"  # %[3]s before %[1]s",
		"  %[1]s:\n    - %[3]s\n    - %[2]d",
		"  enabled: true",
		"  name: \"%[3]s %[1]s\"",
	}},
	{"bash", "#!/bin/sh\n%[1]s() {", "}", []string{
		"  %[1]s=\"$(date +%%s)\"",
		"  # %[3]s the %[1]s first",
		"  if [ \"$#\" -gt %[2]d ]; then\n    echo \"%[3]s: $1\"\n  fi",
		"  for f in ./%[3]s/*; do\n    wc -l \"$f\"\n  done",
		"  grep -c %[3]s notes.txt || true",
	}},
}

// codeBlock returns a fenced code block of exactly 25 lines of code in a
// random language. Identifiers and numbers vary, so blocks are distinct and
// each one costs a highlighter real work.
func codeBlock(r *rand.Rand) string {
	lang := languages[r.IntN(len(languages))]
	var lines []string
	add := func(format string) {
		lines = append(lines, strings.Split(codeLine(r, format), "\n")...)
	}
	add(lang.open)
	for len(lines) < 24 {
		add(pick(r, lang.body))
	}
	lines = append(lines[:24], codeLine(r, lang.close))
	return "```" + lang.name + "\n" + strings.Join(lines, "\n") + "\n```"
}

func codeLine(r *rand.Rand, format string) string {
	ident := pick(r, words[:60]) + capitalise(pick(r, words[:60])) + fmt.Sprint(r.IntN(100))
	s := fmt.Sprintf(format, ident, between(r, 1, 999), pick(r, words[:60]))
	if i := strings.Index(s, "%!(EXTRA"); i >= 0 {
		s = s[:i]
	}
	return s
}
