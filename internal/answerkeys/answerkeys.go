// Package answerkeys compares the keys under which two builds of a
// workbook save their readers' answers, and finds the changes that would
// hide answers already typed: a new workbook id (a new title, with no id
// set in praxis.yaml), a prompt whose id changed (its words changed, and
// it has no {#id} of its own) or a prompt that kept its id and changed its
// kind (a question that became a scale).
//
// Both builds are read from their prompt-index.js, the file every edition
// writes with the workbook id and each prompt's id, number and page.
package answerkeys

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Index is what a prompt-index.js says about the answer keys of an
// edition.
type Index struct {
	Workbook string   `json:"workbook"`
	Edition  string   `json:"edition"`
	Prompts  []Prompt `json:"prompts"`
}

// Prompt is one answered block of an Index.
type Prompt struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Page   string `json:"page"`
}

// Parse reads a prompt-index.js ("window.praxisPromptIndex = {…};").
func Parse(script []byte) (*Index, error) {
	_, data, ok := bytes.Cut(script, []byte(" = "))
	if !ok {
		return nil, errors.New("not a prompt index")
	}
	data = bytes.TrimSuffix(bytes.TrimSpace(data), []byte(";"))
	var ix Index
	if err := json.Unmarshal(data, &ix); err != nil {
		return nil, fmt.Errorf("reading the prompt index: %w", err)
	}
	return &ix, nil
}

// Change is a change of answer key that hides answers saved under Old.
type Change struct {
	Prompt *Prompt // the prompt as it is now; nil for the workbook id
	Old    string  // the key answers were saved under
	New    string  // the key they are looked up under now
	Was    string  // for a prompt that kept its id: its kind before (see Compare)
}

// Compare returns the changes from before to now: the workbook id, and
// each prompt that is on the same page with the same number and kind as
// before but has a new id, while its old id is on no page now (an id that
// moved elsewhere keeps its answers) and the new one was on none before
// (then a prompt moved into the old one's place: one was removed). It
// also returns each prompt that kept its id but is of another kind now
// (Was): a question that became a scale shows no typed answer, and a
// rating chosen replaces it; a plan's or a review's fields have keys of
// their own. A scale that became a question shows its rating as text.
func Compare(before, now *Index) []Change {
	var out []Change
	if before.Workbook != "" && before.Workbook != now.Workbook {
		out = append(out, Change{Old: before.Workbook, New: now.Workbook})
	}
	ids := map[string]bool{}
	at := map[string]*Prompt{}
	for i := range now.Prompts {
		p := &now.Prompts[i]
		ids[p.ID] = true
		at[p.Page+"\x00"+p.Number] = p
	}
	had := map[string]bool{}
	for _, old := range before.Prompts {
		had[old.ID] = true
	}
	for _, old := range before.Prompts {
		p := at[old.Page+"\x00"+old.Number]
		if p == nil || p.ID == old.ID || p.Kind != old.Kind || ids[old.ID] || had[p.ID] {
			continue
		}
		out = append(out, Change{Prompt: p, Old: old.ID, New: p.ID})
	}
	return append(out, kindChanges(before, now)...)
}

// kindChanges returns the prompts of now that kept their id from before
// and changed their kind, as Compare says.
func kindChanges(before, now *Index) []Change {
	was := map[string]string{}
	for _, old := range before.Prompts {
		was[old.ID] = old.Kind
	}
	var out []Change
	for i := range now.Prompts {
		p := &now.Prompts[i]
		k, ok := was[p.ID]
		if !ok || k == "" || p.Kind == "" || k == p.Kind || k == "scale" && p.Kind == "prompt" {
			continue
		}
		out = append(out, Change{Prompt: p, Old: p.ID, New: p.ID, Was: k})
	}
	return out
}

// Message says what change c means for the readers' answers and how to
// keep them, starting with where, the place of the prompt in its source
// ("content/a.md:4:1"; its page's address when empty).
func (c Change) Message(where string) string {
	if c.Prompt == nil {
		return fmt.Sprintf("the workbook id is now %q; the last build's was %q, and answers readers saved in their browsers are kept under it: they will not show. To keep them, add id: %s to praxis.yaml",
			c.New, c.Old, c.Old)
	}
	if where == "" {
		where = c.Prompt.Page
	}
	if c.Was != "" {
		return c.kindMessage(where)
	}
	return fmt.Sprintf("%s: %s %s (%q) has the id %q; in the last build it was %q, and answers readers typed are kept under it: they will not show. To keep them, give it its old id: ::: %s {#%s}",
		where, kindName(c.Prompt.Kind), c.Prompt.Number, short(c.Prompt.Text), c.New, c.Old, c.Prompt.Kind, c.Old)
}

// kindMessage is Message for a prompt whose kind changed.
func (c Change) kindMessage(where string) string {
	was, now := kindName(c.Was), kindName(c.Prompt.Kind)
	replace := ""
	if c.Prompt.Kind == "scale" {
		replace = ", and choosing a rating would replace them"
	}
	return fmt.Sprintf("%s: %s %s (%q) was a %s in the last build, with the same id %q: the answers readers typed for the %s are kept under it and will not show in the %s%s. To keep them, give the %s an id of its own: ::: %s {#%s-%s}",
		where, now, c.Prompt.Number, short(c.Prompt.Text), was, c.Old, was, now, replace, now, c.Prompt.Kind, c.Old, c.Prompt.Kind)
}

// kindName is how a message names a prompt of kind k.
func kindName(k string) string {
	switch k {
	case "actions":
		return "action plan"
	case "prompt", "":
		return "question"
	}
	return k
}

// short returns the first 60 characters of text, marked when cut.
func short(text string) string {
	r := []rune(text)
	if len(r) <= 60 {
		return text
	}
	return string(r[:59]) + "…"
}
