// Package scaffold writes new workbooks and pages from the templates under
// templates/scaffolds/, which a workbook may override with files of the same
// name. It never overwrites: every file is created exclusively, and an
// existing file is an error naming it.
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
)

// Kinds of page praxis new can create.
var Kinds = []string{"page", "prompts", "session"}

// Data is what a scaffold template sees.
type Data struct {
	Title string
	ID    string // slug of the title, to prefix prompt ids
}

// NewData returns the data for a page titled title.
func NewData(title string) Data {
	return Data{Title: title, ID: blocks.Slug(title)}
}

// Reader reads a scaffold file, like "templates/scaffolds/session.md".
type Reader interface {
	ReadFile(name string) ([]byte, string, error)
}

// Render executes the scaffold named name with data.
func Render(r Reader, name string, data Data) ([]byte, error) {
	file := "templates/scaffolds/" + name
	src, _, err := r.ReadFile(file)
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
