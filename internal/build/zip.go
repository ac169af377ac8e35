package build

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
)

// zipComment is the comment of every zip file praxis makes: praxis
// replaces a zip file only when it has it.
const zipComment = "Made by praxis: the participant edition of a workbook, to send to participants."

// zipTime is the modification time of every file in a zip praxis makes,
// so that the same files make the same bytes, whenever they are built.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ZipError is a zip file Write made but could not put in place, once the
// new output was.
type ZipError struct {
	File string
	Err  error
}

func (e *ZipError) Error() string {
	return fmt.Sprintf("the site is built, but the zip file %s is not: %v", e.File, e.Err)
}

func (e *ZipError) Unwrap() error { return e.Err }

// checkZip refuses a zip file that Write cannot make: for a build without
// the participant edition, inside the output folder out or the sources,
// or in place of a file praxis did not make.
func (b *Builder) checkZip(cfg *config.Config, out string) error {
	if !slices.Contains(cfg.Editions, config.Participant) {
		return &UsageError{Msg: "--zip writes the participant edition, and this build makes only the facilitator edition"}
	}
	if err := checkOutside(b.opts.Root, b.opts.Zip, out, "--zip"); err != nil {
		return err
	}
	return checkZipTarget(b.opts.Zip)
}

// CheckOutside refuses file, which the option flag (like --output of
// praxis pdf) asks praxis to write beside the workbook in folder root,
// when it lies in the output folder cfg names, which the next praxis build
// replaces with all it holds, or in the workbook's content folder, where
// it would become part of the workbook. The error is a *UsageError.
func CheckOutside(root string, cfg *config.Config, file, flag string) error {
	return checkOutside(root, file, filepath.Join(root, filepath.FromSlash(cfg.Output)), flag)
}

// checkOutside is CheckOutside with the output folder out.
func checkOutside(root, file, out, flag string) error {
	i, in := insideOf(file, out, filepath.Join(root, content.Dir))
	if !in {
		return nil
	}
	what := []string{"the output folder", "the content folder"}[i]
	return &UsageError{Msg: fmt.Sprintf("%s: %s is inside %s; choose a file outside the output folder and the sources", flag, file, what)}
}

// checkZipTarget refuses to replace anything but a zip file praxis made.
func checkZipTarget(target string) error {
	fi, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode().IsRegular() {
		if r, err := zip.OpenReader(target); err == nil {
			ours := r.Comment == zipComment
			r.Close()
			if ours {
				return nil
			}
		}
	}
	return fmt.Errorf("refusing to replace %s: it is not a zip file praxis made; choose another file with --zip=FILE, or move it away", target)
}

// writeZip writes every file under dir, but praxis's marker, into a new
// temporary file beside target, in the folder top/, and returns that
// file. Names are in order and every time is zipTime, so the same files
// always make the same bytes.
func writeZip(dir, target, top string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(target), ".praxis-zip-*.tmp")
	if err != nil {
		return "", err
	}
	err = zipFolder(f, dir, top)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writing the zip file %s: %w", target, err)
	}
	return f.Name(), nil
}

// zipFolder writes the zip of dir, under top/, to w, with its entries
// sorted by name.
func zipFolder(w io.Writer, dir, top string) error {
	type entry struct {
		name, path string
		dir        bool
	}
	var entries []entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || (rel == marker && !d.IsDir()) {
			return err
		}
		name := path.Join(top, filepath.ToSlash(rel))
		if d.IsDir() {
			name += "/"
		}
		entries = append(entries, entry{name: name, path: p, dir: d.IsDir()})
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	zw := zip.NewWriter(w)
	for _, en := range entries {
		if en.dir {
			h := &zip.FileHeader{Name: en.name, Modified: zipTime}
			h.SetMode(fs.ModeDir | 0o755)
			_, err = zw.CreateHeader(h)
		} else {
			err = zipFile(zw, en.path, en.name)
		}
		if err != nil {
			return err
		}
	}
	if err := zw.SetComment(zipComment); err != nil {
		return err
	}
	return zw.Close()
}

// zipFile adds the file at p to zw as name.
func zipFile(zw *zip.Writer, p, name string) error {
	src, err := os.Open(p)
	if err != nil {
		return err
	}
	defer src.Close()
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime}
	h.SetMode(0o644)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, src)
	return err
}
