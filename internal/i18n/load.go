package i18n

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/strictyaml"
)

// Folder is the folder of a workbook that holds its own words.
const Folder = "i18n"

// Load returns the words of language tag lang for the workbook whose
// folder is fsys: the built-in words (see For), with every word that the
// workbook's i18n/<lang>.yaml sets instead. The file may be named by the
// whole tag (i18n/de-CH.yaml) or its primary language (i18n/de.yaml);
// both may exist, the whole tag winning. A missing file is fine; an
// unknown message id, a value of the wrong shape or bad YAML is an error
// naming the file, line and column. Read fsys through folder.FS, so that
// a link out of the workbook is refused.
func Load(fsys fs.FS, lang string) (*Words, error) {
	w := For(lang)
	var errs diag.List
	names := []string{Base(lang)}
	if full := strings.ToLower(strings.TrimSpace(lang)); full != names[0] {
		names = append(names, strings.TrimSpace(lang))
	}
	for _, name := range names {
		file := Folder + "/" + name + ".yaml"
		data, err := fs.ReadFile(fsys, file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs.Append(diag.Wrap(err, "reading %s", file))
			continue
		}
		msgs, perrs := parse(file, file, data, w.msgs)
		errs = append(errs, perrs...)
		for id, m := range msgs {
			w.msgs[id] = m
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	w.digest = w.sum()
	return w, nil
}

// parse reads a catalogue. known, when not nil, holds the messages a
// workbook may override: any other id is an error, and a value must have
// the shape of the message it replaces (text, plural forms or a list).
func parse(source, file string, data []byte, known map[string]message) (map[string]message, diag.List) {
	var ids []string
	for id := range known {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	nodes := map[string]*yaml.Node{}
	var fields []strictyaml.Field
	if known != nil {
		for _, id := range ids {
			n := new(yaml.Node)
			nodes[id] = n
			fields = append(fields, strictyaml.Field{Key: id, Target: n, Type: "interface words"})
		}
	} else {
		return parseFree(source, file, data)
	}
	src := strictyaml.Source{File: file, FirstLine: 1, Text: data, What: file}
	present, errs := strictyaml.Decode(src, fields)
	out := map[string]message{}
	for id := range present {
		m, err := decode(source, file, id, nodes[id], known[id])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[id] = m
	}
	return out, errs
}

// parseFree reads a built-in catalogue, whose ids are its own.
func parseFree(source, file string, data []byte) (map[string]message, diag.List) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, diag.List{diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "not a mapping of message ids: %v", err)}
	}
	out := map[string]message{}
	var errs diag.List
	c := root.Content[0].Content
	for i := 0; i+1 < len(c); i += 2 {
		m, err := decode(source, file, c[i].Value, c[i+1], message{})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[c[i].Value] = m
	}
	return out, errs
}

// pluralForms are the plural categories of Unicode CLDR.
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// decode reads the value n of message id. like, when it is not the zero
// message, is the message it replaces, whose shape n must have.
func decode(source, file, id string, n *yaml.Node, like message) (message, *diag.Error) {
	at := diag.Pos{File: file, Line: n.Line, Col: n.Column}
	m := message{source: source}
	switch {
	case n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		m.text = n.Value
	case n.Kind == yaml.SequenceNode:
		for _, e := range n.Content {
			if e.Kind != yaml.ScalarNode {
				return m, diag.Errorf(at, "%s must be a list of text", id)
			}
			m.list = append(m.list, e.Value)
		}
	case n.Kind == yaml.MappingNode:
		m.forms = map[string]string{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !contains(pluralForms, k.Value) || v.Kind != yaml.ScalarNode {
				return m, diag.Errorf(diag.Pos{File: file, Line: k.Line, Col: k.Column},
					"%s: plural forms are zero, one, two, few, many and other, each with text; got %q", id, k.Value)
			}
			m.forms[k.Value] = v.Value
		}
		if m.forms["other"] == "" {
			return m, diag.Errorf(at, "%s needs at least the plural form other:", id)
		}
	default:
		return m, diag.Errorf(at, "%s must be text, got nothing", id)
	}
	if like.source != "" {
		if err := sameShape(at, id, m, like); err != nil {
			return m, err
		}
	}
	return m, nil
}

// sameShape checks that a workbook's message m can replace like: text for
// text or plural forms, a list for a list.
func sameShape(at diag.Pos, id string, m, like message) *diag.Error {
	switch {
	case like.list != nil && m.list == nil:
		return diag.Errorf(at, "%s must be a list, like [%s]", id, strings.Join(like.list, ", "))
	case like.list == nil && m.list != nil:
		return diag.Errorf(at, "%s must be text, not a list", id)
	case like.forms == nil && m.forms != nil:
		return diag.Errorf(at, "%s must be text, not plural forms", id)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// sum returns a digest of w's language and words.
func (w *Words) sum() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", w.lang)
	ids := make([]string, 0, len(w.msgs))
	for id := range w.msgs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		m := w.msgs[id]
		fmt.Fprintf(h, "%s\x00%s\x00%q\x00%q\n", id, m.text, m.list, sortedForms(m.forms))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sortedForms(forms map[string]string) []string {
	var out []string
	for _, f := range pluralForms {
		if t, ok := forms[f]; ok {
			out = append(out, f+"="+t)
		}
	}
	return out
}
