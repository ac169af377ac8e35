package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
)

// marker is written into every output folder, so praxis only ever replaces
// folders it made itself.
const marker = addresses.Marker

// Write builds into a fresh folder beside the output folder and swaps it in
// only when the build succeeded, so a failed build leaves the previous
// output untouched. One build at a time writes an output folder: Write
// waits for another one into the same folder to finish (see lockOutput).
// An error means the output folder is as it was, unless it is a
// *SwapError; what went wrong once the new output was in place is in the
// Stats' Warnings.
func (b *Builder) Write(ctx context.Context, cfg *config.Config) (Stats, string, error) {
	out, err := b.OutputDir(cfg)
	if err != nil {
		return Stats{}, "", err
	}
	if err := b.checkOutput(out); err != nil {
		return Stats{}, out, err
	}
	var warnings []error
	if err := b.checkCache(out); err != nil {
		warnings = append(warnings, err)
		b.opts.CacheDir = "" // it only saves time
	}
	if b.opts.Zip != "" {
		if err := b.checkZip(cfg, out); err != nil {
			return Stats{}, out, err
		}
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return Stats{}, out, err
	}
	lock, err := lockOutput(ctx, out, b.opts.Waiting)
	if err != nil {
		return Stats{}, out, err
	}
	defer lock.release()
	if err := checkOwned(out); err != nil { // made while this build waited
		return Stats{}, out, err
	}
	warnings = append(warnings, b.clearLeftovers(out)...)
	st, err := b.writeFresh(ctx, cfg, out)
	st.AfterWrite = append(warnings, st.AfterWrite...)
	if err != nil {
		b.highlight.DiscardCache()
		return st, out, err
	}
	b.saveCache()
	return st, out, nil
}

// writeFresh builds into a new folder beside out, marked as praxis's from
// the start, swaps it in and removes the previous build.
func (b *Builder) writeFresh(ctx context.Context, cfg *config.Config, out string) (Stats, error) {
	tmp, err := mkdirFresh(filepath.Dir(out), newPrefix+filepath.Base(out)+"-")
	if err != nil {
		return Stats{}, fmt.Errorf("creating a temporary output folder: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, marker), []byte("Built by praxis. This folder is replaced on every build.\n"), 0o644); err != nil {
		os.RemoveAll(tmp)
		return Stats{}, err
	}
	st, old, err := b.writeInto(ctx, cfg, tmp, out)
	if err != nil {
		if !errors.As(err, new(*SwapError)) {
			os.RemoveAll(tmp)
		}
		return st, err
	}
	if old != "" {
		if err := b.removeOld(old); err != nil {
			st.AfterWrite = append(st.AfterWrite, err)
		}
	}
	return st, nil
}

// writeInto builds into the fresh folder tmp and swaps it in for out. It
// returns the folder that holds the previous build now (see swap).
func (b *Builder) writeInto(ctx context.Context, cfg *config.Config, tmp, out string) (Stats, string, error) {
	last := ""
	if fi, err := os.Stat(filepath.Join(out, marker)); err == nil && fi.Mode().IsRegular() {
		last = out // a folder praxis made: its unchanged files are linked
	}
	sink := newDirSink(tmp, last)
	b.store = writeStore(b.opts.CacheDir, last, out, toolID(), sink)
	defer func() { b.store = nil }()
	st, err := b.Build(ctx, cfg, sink)
	if err != nil {
		return st, "", err
	}
	zipped := ""
	if b.opts.Zip != "" {
		dir := filepath.Join(tmp, filepath.FromSlash(cfg.EditionFolder(config.Participant)))
		if zipped, err = writeZip(dir, b.opts.Zip, cfg.ID); err != nil {
			return st, "", err
		}
		defer os.Remove(zipped) // only still there when something failed
	}
	old, err := b.swap(tmp, out)
	if err != nil {
		return st, "", err
	}
	b.store.save()
	if zipped != "" {
		if err := os.Rename(zipped, b.opts.Zip); err != nil {
			st.AfterWrite = append(st.AfterWrite, &ZipError{File: b.opts.Zip, Err: err})
		}
	}
	return st, old, nil
}

// mkdirFresh creates a new folder in parent whose name starts with prefix.
// Unlike os.MkdirTemp, which makes folders only their owner may read, it
// uses the mode os.MkdirAll would (0755 less the umask), since the folder
// becomes the output that a web server or a colleague reads.
func mkdirFresh(parent, prefix string) (string, error) {
	for range 100 {
		dir := filepath.Join(parent, prefix+strconv.FormatUint(uint64(rand.Uint32()), 36))
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no free name for a folder %s* in %s", prefix, parent)
}

// checkOutput refuses output folders that would hold or replace sources.
func (b *Builder) checkOutput(out string) error {
	root, err := filepath.Abs(b.opts.Root)
	if err != nil {
		return err
	}
	root, out = realPath(root), realPath(out)
	switch {
	case out == root:
		return unsafeOutput(out, "it is the workbook folder itself")
	case within(root, out):
		return unsafeOutput(out, "it contains the workbook folder")
	}
	if i, in := insideOf(out, b.sourceFolders()...); in {
		return unsafeOutput(out, "it is inside the "+sourceFolders[i]+" folder")
	}
	return checkOwned(out)
}

// sourceFolders are the folders of a workbook that hold its sources.
var sourceFolders = []string{content.Dir, "templates", "themes"}

// sourceFolders returns the paths of sourceFolders in the workbook.
func (b *Builder) sourceFolders() []string {
	var dirs []string
	for _, d := range sourceFolders {
		dirs = append(dirs, filepath.Join(b.opts.Root, d))
	}
	return dirs
}

// checkOwned refuses to replace a non-empty folder praxis did not make.
func checkOwned(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		fi, serr := os.Stat(out)
		if serr == nil && !fi.IsDir() {
			return &OutputError{Dir: out, Reason: "it is a file, not a folder"}
		}
		return err
	}
	if _, err := os.Stat(filepath.Join(out, marker)); err != nil {
		return &OutputError{Dir: out, Reason: "it already holds files that praxis did not make; choose a new or empty folder, or move those files away"}
	}
	return nil
}

// checkCache returns a *CacheError for a cache folder inside the output
// folder, which every build replaces (so the cache never lasts) and which
// would publish it, or inside the sources, where its files would lie among
// the workbook's.
func (b *Builder) checkCache(out string) error {
	if b.opts.CacheDir == "" {
		return nil
	}
	switch i, in := insideOf(b.opts.CacheDir, append([]string{out}, b.sourceFolders()...)...); {
	case !in:
		return nil
	case i == 0:
		return &CacheError{Dir: b.opts.CacheDir, Reason: "it is inside the output folder, which every build replaces and publishes"}
	default:
		return &CacheError{Dir: b.opts.CacheDir, Reason: "it is inside the " + sourceFolders[i-1] + " folder, among the workbook's sources"}
	}
}

// insideOf returns the index of the first of dirs that is path or holds
// it, comparing them absolute and with their links resolved, and whether
// there is one.
func insideOf(path string, dirs ...string) (int, bool) {
	p := realPath(absPath(path))
	for i, d := range dirs {
		if d := realPath(absPath(d)); p == d || within(p, d) {
			return i, true
		}
	}
	return -1, false
}

// absPath is filepath.Abs, or p itself when the working folder is gone.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// CacheError is a cache folder Write does not use (see checkCache); the
// build goes on without a cache.
type CacheError struct{ Dir, Reason string }

func (e *CacheError) Error() string {
	return fmt.Sprintf("not using the cache folder %s: %s; choose a cache folder outside the workbook and its output (PRAXIS_CACHE_DIR)", e.Dir, e.Reason)
}

func unsafeOutput(out, why string) error {
	return &OutputError{Dir: out, Reason: why + ", so building would overwrite your sources; choose a folder beside them, like public/"}
}

// OutputError is an output folder praxis refuses to write.
type OutputError struct{ Dir, Reason string }

func (e *OutputError) Error() string {
	return fmt.Sprintf("refusing to build into %s: %s", e.Dir, e.Reason)
}

// within reports whether path lies strictly inside dir. A name that only
// starts with dots, like content/..pub, is inside.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// realPath resolves symbolic links in the longest existing prefix of p.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	parent := filepath.Dir(p)
	if parent == p {
		return p
	}
	return filepath.Join(realPath(parent), filepath.Base(p))
}

// saveCache keeps highlighted code for the next build and prunes the cache
// folder (see pruneCache). The cache only saves
// time, so failing to write it is mentioned in verbose mode and otherwise
// ignored.
func (b *Builder) saveCache() {
	if b.opts.CacheDir == "" {
		return
	}
	if err := b.highlight.SaveCache(b.opts.CacheDir); err != nil && b.opts.Log != nil {
		fmt.Fprintf(b.opts.Log, "  (not saving the cache: %v)\n", err)
	}
	pruneCache(b.opts.CacheDir, time.Now())
}
