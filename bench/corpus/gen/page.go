package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// document is one generated page. Its parts are drawn from the page's
// random stream when the document is made, so both flavours show the same
// text; only links and coaching blocks are written differently.
type document struct {
	at    loc
	front []string // front matter lines
	parts []part
}

// part writes a piece of a page body in a flavour.
type part func(at loc, f flavour) string

// text is a part that reads the same in both flavours.
func text(s string) part { return func(loc, flavour) string { return s } }

func (d *document) source() string { return d.at.source() }

// text returns the whole file of d in flavour f.
func (d *document) text(f flavour) string {
	var b strings.Builder
	b.WriteString("---\n")
	for _, l := range d.front {
		b.WriteString(l + "\n")
	}
	b.WriteString("---\n")
	for _, p := range d.parts {
		b.WriteString("\n" + p(d.at, f) + "\n")
	}
	return b.String()
}

// documents returns every page of the corpus in reading order.
func documents(opts Options) []*document {
	docs := []*document{home(opts)}
	for ch := 1; ch <= opts.chapters(); ch++ {
		docs = append(docs, chapter(opts, ch))
		for n := 1; n <= opts.pagesIn(ch); n++ {
			docs = append(docs, content(opts, loc{ch, n}))
		}
	}
	return docs
}

// stream returns the random stream of the page at l.
func stream(opts Options, l loc) *rand.Rand {
	return rand.New(rand.NewPCG(opts.seed(), uint64(l.ch)<<20|uint64(l.n)))
}

func home(opts Options) *document {
	r := stream(opts, loc{})
	d := &document{front: []string{"title: Benchmark workbook", "description: " + title(r, 8) + "."}}
	d.parts = append(d.parts, text(paragraph(r, 4)), text("## Chapters"))
	var list []part
	for ch := 1; ch <= opts.chapters(); ch++ {
		list = append(list, linkItem(loc{ch, 0}, fmt.Sprintf("Chapter %d", ch)))
	}
	return d.with(join(list...))
}

func chapter(opts Options, ch int) *document {
	r := stream(opts, loc{ch, 0})
	d := &document{at: loc{ch, 0}, front: []string{
		fmt.Sprintf("title: Chapter %d %s", ch, title(r, 3)),
		fmt.Sprintf("weight: %d", ch),
		"description: " + title(r, 8) + ".",
	}}
	return d.with(text(paragraph(r, 3)), text(paragraph(r, 2)),
		join(linkItem(loc{ch, 1}, "Start with the first page")))
}

// content returns content page l: about 4 KB with every construct the
// benchmark is about.
func content(opts Options, l loc) *document {
	r := stream(opts, l)
	d := &document{at: l, front: []string{
		"title: " + title(r, between(r, 2, 5)),
		fmt.Sprintf("weight: %d", l.n),
		"description: " + title(r, 10) + ".",
	}}
	q := 0
	prompt := func() part { q++; return promptBlock(r, l, q) }
	d.with(
		join(text(paragraph(r, 4)), text(" See "), link(l, randomPage(r, opts), title(r, 2)), text(".")),
		text("## "+title(r, 3)),
		text(paragraph(r, 3)+"[^1]"),
		text(table(r)),
		prompt(),
		text("## "+title(r, 3)),
		text(paragraph(r, 3)),
		text(codeBlock(r)),
		prompt(),
		text("## "+title(r, 2)),
		text(paragraph(r, 3)),
		checklist(r, l),
	)
	for range between(r, 1, 4) {
		d.with(prompt())
	}
	if r.IntN(2) == 0 {
		d.with(callout(r))
	}
	d.with(text("## Where next"), text(paragraph(r, 3)))
	var next []part
	for range between(r, 2, 3) {
		next = append(next, linkItem(randomPage(r, opts), title(r, 3)))
	}
	return d.with(join(next...), text("[^1]: "+paragraph(r, 1)))
}

func (d *document) with(parts ...part) *document {
	d.parts = append(d.parts, parts...)
	return d
}

// join concatenates parts into one.
func join(parts ...part) part {
	return func(at loc, f flavour) string {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p(at, f))
		}
		return b.String()
	}
}

func link(from, to loc, label string) part {
	return func(at loc, f flavour) string { return "[" + label + "](" + from.link(to, f) + ")" }
}

// linkItem is a list item holding a link, ending in a newline.
func linkItem(to loc, label string) part {
	return func(at loc, f flavour) string { return "- " + link(at, to, label)(at, f) + "\n" }
}

// randomPage returns a content page of the corpus.
func randomPage(r *rand.Rand, opts Options) loc {
	i := r.IntN(opts.Pages)
	return loc{i/ChapterSize + 1, i%ChapterSize + 1}
}

func table(r *rand.Rand) string {
	rows := []string{"| Step | Owner | When | Done |", "| --- | --- | ---: | :---: |"}
	for range 4 {
		rows = append(rows, fmt.Sprintf("| %s | %s | week %d | %s |",
			title(r, 3), capitalise(pick(r, words)), between(r, 1, 12), pick(r, []string{"yes", "no", "partly"})))
	}
	return strings.Join(rows, "\n")
}

// promptBlock is prompt number q of page l: a prompt, or now and then a
// scale. In Hugo it is a blockquote.
func promptBlock(r *rand.Rand, l loc, q int) part {
	id := fmt.Sprintf("c%d-p%d-q%d", l.ch, l.n, q)
	question := paragraph(r, between(r, 1, 2))
	kind, attrs, label := "prompt", fmt.Sprintf(" lines=%d", between(r, 2, 8)), "Prompt"
	if r.IntN(5) == 0 {
		kind, attrs, label = "scale", ` min=1 max=10 low="Not at all" high="Completely"`, "Scale"
	}
	return func(at loc, f flavour) string {
		if f == flavourHugo {
			return fmt.Sprintf("> **%s %d.** %s", label, q, strings.ReplaceAll(question, "\n", "\n> "))
		}
		return fmt.Sprintf("::: %s {#%s%s}\n%s\n:::", kind, id, attrs, question)
	}
}

// checklist is a GFM task list, inside a checklist block for praxis.
func checklist(r *rand.Rand, l loc) part {
	var items []string
	for range 4 {
		mark := " "
		if r.IntN(3) == 0 {
			mark = "x"
		}
		items = append(items, "- ["+mark+"] "+title(r, between(r, 3, 7)))
	}
	list := strings.Join(items, "\n")
	return func(at loc, f flavour) string {
		if f == flavourHugo {
			return list
		}
		return fmt.Sprintf("::: checklist {#c%d-p%d-list}\n%s\n:::", l.ch, l.n, list)
	}
}

// callout is a note or tip; in Hugo a blockquote.
func callout(r *rand.Rand) part {
	kind := pick(r, []string{"note", "tip"})
	body := paragraph(r, 2)
	return func(at loc, f flavour) string {
		if f == flavourHugo {
			return "> **" + capitalise(kind) + ".** " + strings.ReplaceAll(body, "\n", "\n> ")
		}
		return "::: " + kind + "\n" + body + "\n:::"
	}
}
