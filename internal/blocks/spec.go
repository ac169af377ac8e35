package blocks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// valueKind says how an attribute value is checked.
type valueKind int

const (
	kindText   valueKind = iota // any text
	kindInt                     // a whole number from lo to hi
	kindEnum                    // one of enum
	kindList                    // lo to hi non-empty names separated by |
	kindTarget                  // the id of another block
)

// attrSpec describes one attribute a block type accepts.
type attrSpec struct {
	name     string
	kind     valueKind
	lo, hi   int
	enum     []string
	required bool
}

// typeSpec describes the attributes of one block type.
type typeSpec struct {
	attrs []attrSpec
	any   bool // takes other attributes too
}

// Limits of attribute values, shared by validation and rendering.
const (
	maxLines    = 60
	maxRows     = 20
	maxColumns  = 8
	scaleBound  = 100 // min and max lie in [-scaleBound, scaleBound]
	maxScaleGap = 20  // a scale has at most 21 points
)

// blockTypes lists the known block types in the order messages show them.
func blockTypes() []string {
	return []string{"prompt", "scale", "actions", "checklist", "note", "tip", "warning",
		"important", "caution", "facilitator", "commitment", "review"}
}

// specFor returns the spec of block type typ. A plain div ("") takes any
// attribute: it becomes a data- attribute.
func specFor(typ string) (typeSpec, bool) {
	title := attrSpec{name: "title", kind: kindText}
	switch typ {
	case "":
		return typeSpec{any: true}, true
	case "prompt":
		return typeSpec{attrs: []attrSpec{
			{name: "lines", kind: kindInt, lo: 1, hi: maxLines},
			{name: "size", kind: kindEnum, enum: []string{"small", "medium", "large", "page"}},
		}}, true
	case "scale":
		return typeSpec{attrs: []attrSpec{
			{name: "min", kind: kindInt, lo: -scaleBound, hi: scaleBound},
			{name: "max", kind: kindInt, lo: -scaleBound, hi: scaleBound},
			{name: "low", kind: kindText},
			{name: "high", kind: kindText},
		}}, true
	case "actions":
		return typeSpec{attrs: []attrSpec{
			{name: "rows", kind: kindInt, lo: 1, hi: maxRows},
			{name: "columns", kind: kindList, lo: 1, hi: maxColumns},
		}}, true
	case "review":
		return typeSpec{attrs: []attrSpec{
			{name: "of", kind: kindTarget, required: true},
			{name: "rows", kind: kindInt, lo: 1, hi: maxRows},
			{name: "columns", kind: kindList, lo: 1, hi: maxColumns},
		}}, true
	case "checklist", "commitment":
		return typeSpec{}, true
	case "note", "tip", "warning", "important", "caution":
		// Quarto's callouts take collapse, appearance and icon, which
		// praxis keeps as data- attributes and does not act on.
		return typeSpec{attrs: []attrSpec{title, {name: "collapse", kind: kindText},
			{name: "appearance", kind: kindText}, {name: "icon", kind: kindText}}}, true
	case "facilitator":
		return typeSpec{attrs: []attrSpec{title}}, true
	}
	return typeSpec{}, false
}

// isPromptType reports whether blocks of type typ are numbered and answered.
func isPromptType(typ string) bool {
	switch typ {
	case "prompt", "scale", "actions", "review":
		return true
	}
	return false
}

// calloutTitle returns the default title of a callout type, or "" when typ
// is not a callout.
func calloutTitle(typ string) string {
	switch typ {
	case "note":
		return "Note"
	case "tip":
		return "Tip"
	case "warning":
		return "Warning"
	case "important":
		return "Important"
	case "caution":
		return "Caution"
	case "facilitator":
		return "Facilitator note"
	}
	return ""
}

// sizeLines maps a prompt's size= value to its number of answer lines.
func sizeLines(size string) int {
	switch size {
	case "small":
		return 3
	case "medium":
		return 6
	case "large":
		return 12
	case "page":
		return 30
	}
	return 0
}

// validate checks the attributes of b against its type and returns the
// problems found, each at the offset of the attribute at fault.
func validate(b *Block) []Problem {
	spec, _ := specFor(b.BlockType)
	var probs []Problem
	seen := map[string]bool{}
	for _, a := range b.Attrs {
		as, ok := spec.attr(a.Key)
		switch {
		case !ok && spec.any:
		case !ok:
			probs = append(probs, Problem{a.Offset, unknownAttr(b.BlockType, a.Key, spec)})
		case seen[a.Key]:
			probs = append(probs, Problem{a.Offset, fmt.Sprintf("attribute %s is given twice; keep one", a.Key)})
		default:
			if msg := as.check(a.Value); msg != "" {
				probs = append(probs, Problem{a.Offset, msg})
			}
		}
		seen[a.Key] = true
	}
	for _, as := range spec.attrs {
		if as.required && !seen[as.name] {
			probs = append(probs, Problem{b.Offset, fmt.Sprintf("a %s block needs %s=…, such as ::: %s {%s=first-step}", b.BlockType, as.name, b.BlockType, as.name)})
		}
	}
	if len(probs) > 0 {
		return probs // cross-checks of bad values would only repeat them
	}
	return crossCheck(b)
}

// crossCheck reports attributes that are valid alone but not together.
func crossCheck(b *Block) []Problem {
	switch b.BlockType {
	case "prompt":
		lines, size := b.attr("lines"), b.attr("size")
		if lines != nil && size != nil {
			return []Problem{{size.Offset, "use either lines or size, not both"}}
		}
	case "scale":
		lo, hi := b.intAttr("min", 1), b.intAttr("max", 10)
		at := b.Offset
		if a := b.attr("max"); a != nil {
			at = a.Offset
		} else if a := b.attr("min"); a != nil {
			at = a.Offset
		}
		if lo >= hi {
			return []Problem{{at, fmt.Sprintf("min (%d) must be less than max (%d)", lo, hi)}}
		}
		if hi-lo > maxScaleGap {
			return []Problem{{at, fmt.Sprintf("a scale from %d to %d has %d points; use at most %d", lo, hi, hi-lo+1, maxScaleGap+1)}}
		}
	}
	return nil
}

// attr returns the spec of attribute name.
func (s typeSpec) attr(name string) (attrSpec, bool) {
	for _, a := range s.attrs {
		if a.name == name {
			return a, true
		}
	}
	return attrSpec{}, false
}

// unknownAttr words the problem of an attribute that typ does not accept.
func unknownAttr(typ, key string, spec typeSpec) string {
	what := "a " + typ + " block"
	var names []string
	for _, a := range spec.attrs {
		names = append(names, a.name)
	}
	msg := fmt.Sprintf("unknown attribute %q for %s", key, what)
	if s := diag.Suggest(key, names); s != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", s)
	}
	if len(names) == 0 {
		return msg + "; it takes only #id and .class"
	}
	return msg + "; it takes " + strings.Join(names, ", ") + ", #id and .class"
}

// check returns a problem message for value v, or "".
func (a attrSpec) check(v string) string {
	switch a.kind {
	case kindInt:
		n, err := strconv.Atoi(v)
		if err != nil || n < a.lo || n > a.hi {
			return fmt.Sprintf("%s must be a whole number from %d to %d, got %q", a.name, a.lo, a.hi, v)
		}
	case kindEnum:
		for _, e := range a.enum {
			if v == e {
				return ""
			}
		}
		msg := fmt.Sprintf("%s must be one of %s, got %q", a.name, strings.Join(a.enum, ", "), v)
		if s := diag.Suggest(v, a.enum); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return msg
	case kindList:
		return checkList(a, v)
	case kindTarget:
		if v == "" || checkID(v, 0) != nil {
			return fmt.Sprintf("%s must be the id of a block, such as %s=first-step, got %q", a.name, a.name, v)
		}
	}
	return ""
}

// checkList checks a |-separated list of names, such as actions columns.
func checkList(a attrSpec, v string) string {
	names := splitList(v)
	if len(names) < a.lo || len(names) > a.hi {
		return fmt.Sprintf("%s must list %d to %d names separated by |, got %d", a.name, a.lo, a.hi, len(names))
	}
	for i, n := range names {
		if n == "" {
			return fmt.Sprintf("%s has an empty name at position %d; write names separated by |, such as %s=\"What|By when\"", a.name, i+1, a.name)
		}
	}
	return ""
}

// splitList splits a |-separated list and trims the names.
func splitList(v string) []string {
	names := strings.Split(v, "|")
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	return names
}
