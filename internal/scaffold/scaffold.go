// Package scaffold writes new workbooks and pages from the templates under
// templates/scaffolds/, which a workbook may override with files of the same
// name. It never overwrites: every file is created exclusively, and an
// existing file is an error naming it.
//
// Scaffolds come in the workbook's language: templates/scaffolds/de/ holds
// the German ones. A scaffold is looked up in the workbook's
// templates/scaffolds/<language>/, then its templates/scaffolds/, then
// praxis's own in the same order; so a language praxis has no scaffolds
// for gets the English ones.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/i18n"
)

// Kinds of page praxis new can create.
var Kinds = []string{"page", "prompts", "session"}

// Data is what a scaffold template sees.
type Data struct {
	Title    string
	ID       string // slug of the title, to prefix prompt ids
	Language string // the workbook's language, like "de"; "" for English
}

// NewData returns the data for a page titled title in a workbook in
// language.
func NewData(title, language string) Data {
	return Data{Title: title, ID: blocks.Slug(title), Language: language}
}

// Reader reads a scaffold file, like "templates/scaffolds/session.md".
type Reader interface {
	ReadFile(name string) ([]byte, string, error)
}

// Render executes the scaffold named name with data, in data's language
// when there is a scaffold in it.
func Render(r Reader, name string, data Data) ([]byte, error) {
	file, src, err := find(r, name, i18n.Base(data.Language))
	if err != nil {
		return nil, diag.Wrap(err, "reading %s", file)
	}
	t, err := template.New(file).Funcs(template.FuncMap{"lower": strings.ToLower}).Parse(string(src))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// find reads scaffold name: the workbook's in lang, the workbook's, praxis's
// in lang, praxis's. It returns the file it read.
func find(r Reader, name, lang string) (string, []byte, error) {
	plain := "templates/scaffolds/" + name
	if lang == "" || lang == "en" || strings.ContainsAny(lang, "/\\.") {
		src, _, err := r.ReadFile(plain)
		return plain, src, err
	}
	localized := "templates/scaffolds/" + lang + "/" + name
	inLang, langLayer, langErr := r.ReadFile(localized)
	if langErr == nil && langLayer == "site" {
		return localized, inLang, nil
	}
	src, layer, err := r.ReadFile(plain)
	if err == nil && layer == "site" || langErr != nil {
		return plain, src, err
	}
	return localized, inLang, nil
}

// ErrExists is returned (wrapped) when a file to create already exists.
var ErrExists = fs.ErrExist

// Create writes data to a new file at path, creating its folder; it fails
// if the file exists.
func Create(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; praxis never overwrites a file, so choose another title or remove it yourself: %w", path, ErrExists)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// FileName is the Markdown file name for a page title: "First session!"
// becomes "first-session.md".
func FileName(title string) string {
	s := blocks.Slug(title)
	if s == "" {
		s = "page"
	}
	return s + ".md"
}
