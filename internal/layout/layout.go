// Package layout frames rendered page bodies in HTML layouts. It owns the
// templates: it parses them once, picks the layout for each kind of page
// (content page, prompt bank, print book, 404, redirect) and builds the data
// they see: navigation, breadcrumbs, previous/next links, on-page contents.
//
// # Templates
//
// Layouts are html/template files under templates/: base.html defines the
// frame and the "sidebar", "pager" and "breadcrumbs" parts; page.html,
// prompts.html, actions.html, print.html, 404.html and alias.html each
// define "main" (or replace "base"). A workbook overrides any of them by putting a file of the
// same name in its own templates/ folder. Templates are named by their path,
// so an error reads "templates/page.html:12:5: …".
//
// # Words
//
// Templates write every interface word with the function t, which takes a
// message id of package i18n and the pairs of field name and value it fills
// in: {{t "pager.next"}}, {{t "session.minutes" "n" .Minutes}}. The words
// are those of the workbook's language (Layers.Words).
package layout

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"hash"
	"html/template"
	"io"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// Layout names.
const (
	LayoutPage    = "page.html"
	LayoutPrompts = "prompts.html"
	LayoutPrint   = "print.html"
	Layout404     = "404.html"
	LayoutAlias   = "alias.html"
	LayoutActions = "actions.html"
)

var layouts = []string{LayoutPage, LayoutPrompts, LayoutPrint, Layout404, LayoutAlias, LayoutActions}

// Renderer executes the parsed layouts. It is safe for concurrent use.
type Renderer struct {
	layouts map[string]*template.Template
	digest  [sha256.Size]byte
}

// New parses base.html and every layout through the layers.
func New(l Layers) (*Renderer, error) {
	h := sha256.New()
	fmt.Fprintf(h, "words %s\n", l.Words.Digest())
	base, err := parse(l, template.New("base").Funcs(template.FuncMap{"t": l.Words.T}), "base.html", h)
	if err != nil {
		return nil, err
	}
	r := &Renderer{layouts: map[string]*template.Template{}}
	for _, name := range layouts {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t, err = parse(l, t, name, h); err != nil {
			return nil, err
		}
		r.layouts[name] = t
	}
	h.Sum(r.digest[:0])
	return r, nil
}

// Digest identifies the template sources r was parsed from.
func (r *Renderer) Digest() [sha256.Size]byte { return r.digest }

func parse(l Layers, t *template.Template, name string, h hash.Hash) (*template.Template, error) {
	file := "templates/" + name
	src, _, err := l.ReadFile(file)
	if err != nil {
		return nil, diag.Wrap(err, "reading %s", file)
	}
	fmt.Fprintf(h, "%s %d\n", file, len(src))
	h.Write(src)
	return t.New(file).Parse(string(src))
}

// Execute renders data with layout to w, which gets nothing when the
// layout fails. A bytes.Buffer is rendered into directly, and cut back to
// what it held on failure.
func (r *Renderer) Execute(w io.Writer, layout string, data any) error {
	t, ok := r.layouts[layout]
	if !ok {
		return fmt.Errorf("no layout %q", layout)
	}
	if buf, ok := w.(*bytes.Buffer); ok {
		n := buf.Len()
		err := t.ExecuteTemplate(buf, "base", data)
		if err != nil {
			buf.Truncate(n)
		}
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Stream renders data with layout to w as it goes, for files too big to
// hold in memory, like a big workbook's print book. Unlike Execute, it
// leaves partial output in w when the layout fails.
func (r *Renderer) Stream(w io.Writer, layout string, data any) error {
	t, ok := r.layouts[layout]
	if !ok {
		return fmt.Errorf("no layout %q", layout)
	}
	return t.ExecuteTemplate(w, "base", data)
}
