// Package strictyaml decodes small YAML mappings (praxis.yaml, front matter)
// strictly: every key must be known, every value must have the right type,
// and every problem is reported with the file, line and column it came from.
//
// yaml.v3 reports "yaml: line N: …" relative to the YAML text and without a
// file name; this package adds both, so a message reads
// "content/a.md:3:8: weight must be a whole number, got \"heavy\"".
package strictyaml

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// Field is one allowed key: where to store it and how to describe its type
// in error messages.
type Field struct {
	Key    string
	Target any    // pointer to a string, int, bool, []string or *yaml.Node
	Type   string // "text", "a whole number", "true or false", "a list of text"
}

// Source is the YAML text of one file and where it starts in that file.
type Source struct {
	File      string // path relative to the site root, for messages
	FirstLine int    // line of the file on which the YAML text starts
	Text      []byte
	What      string // what the keys configure, e.g. "front matter", "praxis.yaml"
	// Foreign allows keys of other tools: a key that is no field is then
	// a mistake only when it is a near miss of one (diag.NearMiss), and
	// is left alone otherwise. Front matter written for Pandoc, Quarto or
	// the Carpentries Workbench has keys of its own (author, teaching,
	// format) that praxis has no use for.
	Foreign bool
}

// yamlLine picks the line out of yaml.v3 syntax errors, which come only as
// text ("yaml: line 3: mapping values are not allowed in this context").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Decode parses src as a mapping and stores each key's value in the matching
// field. It returns every problem found: syntax errors, keys that are not
// fields (with a "did you mean" hint) and values of the wrong type. The keys
// present are returned so callers can tell "absent" from "zero".
func Decode(src Source, fields []Field) (present map[string]*yaml.Node, errs diag.List) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src.Text, &doc); err != nil {
		errs = append(errs, syntaxError(src, err))
		return nil, errs
	}
	if len(doc.Content) == 0 {
		return map[string]*yaml.Node{}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		errs.Add(pos(src, root), "%s must be a list of key: value lines, got %s", src.What, describe(root))
		return nil, errs
	}
	return DecodeMapping(src, root, fields)
}

// DecodeMapping stores each key of the mapping node root, found in src, in
// the matching field, as Decode does for a whole file: for a setting whose
// value is a mapping of its own (praxis.yaml's brand:). src.What names the
// mapping in messages.
func DecodeMapping(src Source, root *yaml.Node, fields []Field) (present map[string]*yaml.Node, errs diag.List) {
	byKey := make(map[string]Field, len(fields))
	var keys []string
	for _, f := range fields {
		byKey[f.Key] = f
		keys = append(keys, f.Key)
	}
	present = make(map[string]*yaml.Node)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f, ok := byKey[k.Value]
		if !ok {
			if !src.Foreign || diag.NearMiss(k.Value, keys) != "" {
				errs = append(errs, unknownKey(src, k, keys))
			}
			continue
		}
		if _, dup := present[k.Value]; dup {
			errs.Add(pos(src, k), "%s is set twice in %s; keep one", k.Value, src.What)
			continue
		}
		present[k.Value] = v
		if err := assign(f, v); err != nil {
			errs.Add(pos(src, v), "%s must be %s, got %s", f.Key, f.Type, describe(v))
		}
	}
	return present, errs
}

func unknownKey(src Source, k *yaml.Node, keys []string) *diag.Error {
	msg := fmt.Sprintf("unknown key %q in %s", k.Value, src.What)
	if s := diag.Suggest(k.Value, keys); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else {
		msg += " (allowed: " + strings.Join(keys, ", ") + ")"
	}
	return &diag.Error{Pos: pos(src, k), Msg: msg}
}

// assign decodes v into the field's target, refusing values yaml.v3 would
// silently convert (a number where text is expected is fine; a list is not).
func assign(f Field, v *yaml.Node) error {
	switch t := f.Target.(type) {
	case *yaml.Node:
		*t = *v
		return nil
	case *string:
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			return errors.New("not text")
		}
		*t = v.Value
		return nil
	case *[]string:
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			*t = nil
			return nil
		}
		if v.Kind != yaml.SequenceNode {
			return errors.New("not a list")
		}
		out := make([]string, 0, len(v.Content))
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return errors.New("not a list of text")
			}
			out = append(out, item.Value)
		}
		*t = out
		return nil
	case *int:
		if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
			return errors.New("not an int")
		}
		n, err := strconv.Atoi(v.Value)
		*t = n
		return err
	case *bool:
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			return errors.New("not a bool")
		}
		return v.Decode(t)
	}
	return fmt.Errorf("strictyaml: unsupported target %T", f.Target)
}

func pos(src Source, n *yaml.Node) diag.Pos {
	return diag.Pos{File: src.File, Line: src.FirstLine + n.Line - 1, Col: n.Column}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// syntaxError turns a yaml.v3 syntax error into an error at file:line:col.
// yaml.v3 gives at most a line, and none for problems on the first line or
// for bytes it refuses to read, so the column (and then the line) comes
// from the offending byte when one can be found, else column 1.
func syntaxError(src Source, err error) *diag.Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	at, hint := locate(src.Text, line, msg)
	p := diag.Pos{File: src.File, Line: src.FirstLine + at.Line - 1, Col: at.Col}
	return &diag.Error{Pos: p, Msg: "invalid YAML in " + src.What + ": " + msg + hint, Err: err}
}
