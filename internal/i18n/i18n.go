// Package i18n owns the interface words of a workbook: every word praxis
// itself puts on a page, on paper, in the scripts and in the files it
// makes (Previous, Next, Client, "Page 4 of 26", Download my answers, the
// statuses of a reviewed step). Content words are the workbook's own.
//
// praxis has a catalogue for each built-in language (catalogues/xx.yaml,
// keyed by stable message ids); English is complete, and any word missing
// from another language falls back to English. A workbook's own
// i18n/xx.yaml, for its language xx, overrides any word (see Load).
//
// A message is text with named fields in braces ("Page {page} of {pages}"),
// or a mapping of plural forms (zero, one, two, few, many, other), chosen
// by the number in the field n by the language's plural rule, or a list
// (the default columns of an action plan, the names of the months).
package i18n

import (
	"embed"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed catalogues/*.yaml
var catalogues embed.FS

// Builtin lists the languages praxis has words for, English first.
var Builtin = []string{"en", "de", "fr", "es", "nl", "pt", "it", "pl", "ar", "he"}

// message is one entry of a catalogue: text, plural forms or a list.
type message struct {
	text   string
	forms  map[string]string // plural category → text
	list   []string
	source string // where it was set, for tests and messages: "en", "de", "i18n/de.yaml"
}

// Words are the interface words of one language. The zero value and nil
// are English.
type Words struct {
	lang   string // the language tag as praxis.yaml gives it, like "de-CH"
	base   string // its primary language subtag, lower case: "de"
	msgs   map[string]message
	plural func(n int) string
	digest string
}

// English returns the English words.
func English() *Words { return english() }

// english parses the English catalogue once; Words are never changed
// once made, so every caller may share them.
var english = sync.OnceValue(func() *Words { return build("en", []string{"en"}) })

// For returns the built-in words of language tag lang ("de", "de-CH",
// "pt-BR"): the catalogue of its primary language, completed with English.
// A language praxis has no catalogue for gets English words, but keeps its
// tag and direction.
func For(lang string) *Words {
	base := Base(lang)
	if !isBuiltin(base) || base == "en" {
		base = "en"
	}
	return build(lang, []string{"en", base})
}

// build makes the words of tag lang from the built-in catalogues langs,
// later ones overriding earlier ones.
func build(lang string, langs []string) *Words {
	w := &Words{lang: lang, base: Base(lang), msgs: map[string]message{}}
	w.plural = pluralRule(w.base)
	for i, l := range langs {
		if i > 0 && l == langs[i-1] {
			continue
		}
		data, err := catalogues.ReadFile("catalogues/" + l + ".yaml")
		if err != nil {
			continue
		}
		// A mistake in a built-in catalogue fails TestCatalogues; what
		// parses is used.
		msgs, _ := parse(l, "catalogues/"+l+".yaml", data, nil)
		for id, m := range msgs {
			w.msgs[id] = m
		}
	}
	w.digest = w.sum()
	return w
}

// Base returns the primary language subtag of tag, in lower case:
// "de" for "de-CH", "pt" for "pt_BR".
func Base(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

func isBuiltin(base string) bool {
	for _, l := range Builtin {
		if l == base {
			return true
		}
	}
	return false
}

// Lang returns the language tag of w, for <html lang>.
func (w *Words) Lang() string {
	if w == nil || w.lang == "" {
		return "en"
	}
	return w.lang
}

// Dir returns the writing direction of w's language: "rtl" for Arabic,
// Hebrew, Persian, Urdu and the other languages written right to left,
// else "ltr".
func (w *Words) Dir() string {
	switch Base(w.Lang()) {
	case "ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb":
		return "rtl"
	}
	return "ltr"
}

// T returns message id with its fields filled in from args, which are
// pairs of a field name and its value: T("pager.page", "page", 4, "pages",
// 26). A message with plural forms picks its form by the field n. An id
// w has no words for returns the id itself, which tests catch.
func (w *Words) T(id string, args ...any) string {
	if w == nil {
		w = English()
	}
	m, ok := w.msgs[id]
	if !ok {
		return id
	}
	text := m.text
	if m.forms != nil {
		text = m.form(w.plural(countArg(args)))
	} else if m.list != nil {
		text = strings.Join(m.list, ", ")
	}
	return fill(text, args)
}

// List returns the list message id (like the default columns of an
// action plan), or nil when w has none.
func (w *Words) List(id string) []string {
	if w == nil {
		w = English()
	}
	return append([]string(nil), w.msgs[id].list...)
}

// Digest identifies w's words, so a build can tell when they changed.
func (w *Words) Digest() string {
	if w == nil {
		return English().digest
	}
	return w.digest
}

// IDs returns the ids of every message w has, sorted.
func (w *Words) IDs() []string {
	if w == nil {
		w = English()
	}
	ids := make([]string, 0, len(w.msgs))
	for id := range w.msgs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Source returns where w's message id comes from: a language of praxis
// ("en" when it fell back to English) or the workbook's file.
func (w *Words) Source(id string) string {
	if w == nil {
		w = English()
	}
	return w.msgs[id].source
}

// form returns the plural form cat of m, or its other form.
func (m message) form(cat string) string {
	if t, ok := m.forms[cat]; ok {
		return t
	}
	return m.forms["other"]
}

// countArg returns the value of the field n in args, 0 for none.
func countArg(args []any) int {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "n" {
			switch v := args[i+1].(type) {
			case int:
				return v
			case string:
				n, _ := strconv.Atoi(v)
				return n
			}
		}
	}
	return 0
}

// fill replaces each {name} in text by the value args give name; a
// field args do not name stays as it is.
func fill(text string, args []any) string {
	if len(args) < 2 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	for {
		i := strings.IndexByte(text, '{')
		j := strings.IndexByte(text[max(i, 0):], '}') + max(i, 0)
		if i < 0 || j <= i {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		if v, ok := arg(args, text[i+1:j]); ok {
			b.WriteString(v)
		} else {
			b.WriteString(text[i : j+1])
		}
		text = text[j+1:]
	}
}

// arg returns the value args give field name, as text.
func arg(args []any, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, _ := args[i].(string); k == name {
			switch v := args[i+1].(type) {
			case string:
				return v, true
			case int:
				return strconv.Itoa(v), true
			default:
				return fmt.Sprint(v), true
			}
		}
	}
	return "", false
}

// Units returns the words list message id has in any built-in language
// and in w, without repeats, longest first: the units of time an agenda
// heading may end in are understood whatever the workbook's language.
func Units(id string, w *Words) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range append(allWords(), w) {
		for _, u := range l.List(id) {
			if k := strings.ToLower(u); !seen[k] && u != "" {
				seen[k] = true
				out = append(out, u)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// allWords are the words of every built-in language, made once.
var allWords = sync.OnceValue(func() []*Words {
	out := make([]*Words, len(Builtin))
	for i, l := range Builtin {
		out[i] = For(l)
	}
	return out
})

// scriptPrefixes are the ids the page scripts use: what Script gives.
var scriptPrefixes = []string{"js.", "search.", "status.", "actions.cell", "review.status_cell"}

// Script returns the words of the page scripts (answers.js, loop.js,
// search.js) for JSON, by message id: text, or plural forms by CLDR
// category, which the scripts pick with Intl.PluralRules.
func (w *Words) Script() map[string]any {
	out := map[string]any{}
	for _, id := range w.IDs() {
		if !hasPrefix(id, scriptPrefixes) {
			continue
		}
		m := w.msgs[id]
		switch {
		case m.forms != nil:
			out[id] = m.forms
		case m.list != nil:
			out[id] = m.list
		default:
			out[id] = m.text
		}
	}
	return out
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// GoString identifies w by its language and digest, so that two Words with
// the same words print alike with %#v (builds compare settings so).
func (w *Words) GoString() string {
	return "i18n.Words(" + w.Lang() + " " + w.Digest() + ")"
}

// Pseudo returns the text of a workbook catalogue (i18n/xx.yaml) that
// replaces every English message by its id in marks, ⟦pager.next⟧, keeping
// its fields and its shape. Tests build workbooks with it to find words
// shown without the catalogue: any word outside marks that is not the
// workbook's own is one.
func Pseudo() []byte {
	en := English()
	var b strings.Builder
	for _, id := range en.IDs() {
		if list := en.List(id); list != nil {
			items := make([]string, len(list))
			for i := range list {
				items[i] = fmt.Sprintf("%q", "⟦"+id+"⟧")
			}
			fmt.Fprintf(&b, "%s: [%s]\n", id, strings.Join(items, ", "))
			continue
		}
		fields := strings.Join(fieldPattern.FindAllString(en.msgs[id].text+strings.Join(sortedForms(en.msgs[id].forms), " "), -1), " ")
		fmt.Fprintf(&b, "%s: %q\n", id, "⟦"+id+"⟧ "+fields)
	}
	return []byte(b.String())
}

var fieldPattern = regexp.MustCompile(`\{\w+\}`)
