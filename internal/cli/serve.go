package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/praxis-workbooks/praxis/internal/answerkeys"
	"github.com/praxis-workbooks/praxis/internal/build"
	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/i18n"
	"github.com/praxis-workbooks/praxis/internal/serve"
	"github.com/praxis-workbooks/praxis/internal/watch"
)

// DefaultPort is where praxis serve listens first.
const DefaultPort = 4747

// debounce is how long the sources must stay quiet before a rebuild. An
// editor's save, even a rename-over-the-original one, and a git checkout
// of many files produce their events within a few milliseconds of each
// other, so a short quiet time still makes them one rebuild and keeps the
// save-to-browser delay low. Should a burst still come in two batches,
// the second rebuild brings the site up to date.
const debounce = 15 * time.Millisecond

// finishPause is how long serve waits after publishing a rebuild before it
// renders what the rebuild left for later.
const finishPause = 300 * time.Millisecond

type serveFlags struct {
	siteFlags
	port int
	bind string
	open bool
	poll time.Duration
}

func runServe(e *env, args []string) int { return serveSite(e, args, nil) }

// serveSite is runServe with a hook for tests: ready, when not nil, is
// called with the site's address ("http://127.0.0.1:4747/") once the first
// build is online and the sources are being watched.
func serveSite(e *env, args []string, ready func(url string)) int {
	fs := e.newFlags("serve", "serve [--source DIR] [--port N] [--bind ADDR] [--open] [--edition E] [--drafts] [--poll INTERVAL]")
	var f serveFlags
	e.addSiteFlags(fs, &f.siteFlags)
	fs.IntVar(&f.port, "port", DefaultPort, "the port to listen on; the next free one is used when it is taken")
	fs.StringVar(&f.bind, "bind", "127.0.0.1", "the address to listen on; give 0.0.0.0 to let other devices connect")
	fs.BoolVar(&f.open, "open", false, "open the workbook in the default browser")
	fs.DurationVar(&f.poll, "poll", 0, "check files for changes at this interval (like 500ms) instead of OS notifications; for network drives and WSL")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "praxis serve: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	if f.edition != "" && f.edition != config.Participant && f.edition != config.Facilitator {
		fmt.Fprintf(e.stderr, "praxis serve: --edition must be participant or facilitator, got %q\n", f.edition)
		return ExitUsage
	}
	ln, err := serve.Listen(e.ctx, f.bind, f.port)
	if err != nil {
		fmt.Fprintf(e.stderr, "praxis serve: %v\n", err)
		return ExitUsage
	}
	l := &liveSite{env: e, builder: e.builder(&f.siteFlags), root: f.source, verbose: f.verbose}
	l.readLastBuild()
	l.live = l.builder.Live()
	l.server = serve.New(serve.Options{Logf: l.logf, Hosts: servedNames(f.bind), Homes: []string{config.Participant + "/", config.Facilitator + "/"}})
	// Watching starts before the first build, so a save during it is seen.
	w, err := l.watch(f.poll)
	if err != nil {
		ln.Close()
		l.logf("praxis serve: %v", err)
		return ExitError
	}
	l.rebuild(nil)
	url := "http://" + ln.Addr().String() + "/"
	if got := ln.Addr().(*net.TCPAddr).Port; f.port != 0 && got != f.port {
		l.printf("Port %d is in use, so praxis took %d.\n", f.port, got)
	}
	l.printf("Serving the workbook at %s (Ctrl-C to stop)\n", url)
	l.printEditions(url)
	if !isLoopback(ln.Addr()) {
		l.printf("Listening on %s: other devices on your network can open the workbook too.\n", ln.Addr())
	}
	if f.open {
		openBrowser(url)
	}
	if ready != nil {
		ready(url)
	}
	return l.run(ln, w)
}

// servedNames are the names praxis serve answers requests for besides
// localhost and IP addresses (see serve.Options.Hosts): the --bind address
// and this computer's name, with and without .local, by which other
// devices may find it.
func servedNames(bind string) []string {
	names := []string{bind}
	if host, err := os.Hostname(); err == nil && host != "" {
		names = append(names, host, host+".local")
	}
	return names
}

// printEditions says where each edition is served when the editions are
// in folders of their own (see config.EditionFolder).
func (l *liveSite) printEditions(url string) {
	cfg, err := l.builder.LoadConfig()
	if err != nil || cfg.EditionFolder(cfg.Editions[0]) == "" {
		return
	}
	var where []string
	for _, ed := range cfg.Editions {
		where = append(where, fmt.Sprintf("the %s edition at %s%s", ed, url, cfg.EditionFolder(ed)))
	}
	l.printf("Serving %s.\n", strings.Join(where, " and "))
}

// liveSite rebuilds the workbook in memory whenever its sources change and
// hands each good build to the server; a bad build keeps the last good one
// online and shows its errors in the terminal and in every open page.
type liveSite struct {
	env     *env
	builder *build.Builder
	root    string
	server  *serve.Server
	live    *build.Live
	verbose bool       // list every page rendered
	mu      sync.Mutex // serializes writes to stdout and stderr
	shown   int        // the LiveResult.Seq of what server serves; 0 for none
	warned  string     // the warnings last printed, so a rebuild repeats none
	// published are the prompt indexes of the last praxis build, by
	// edition: the answer keys readers of the sent workbook have.
	published map[string]*answerkeys.Index
	outputRel string // praxis build's output folder (see readLastBuild)
	keysSaid  string // the answer-key warnings last printed
}

// warn prints the warnings of a build unless the last build printed the
// same ones.
func (l *liveSite) warn(warnings diag.List) {
	text := warnings.Error()
	if text != l.warned && text != "" {
		l.logf("%s", text)
	}
	l.warned = text
}

// publish hands a build's result to the server: only its changed files
// when it follows the result being served, else every file.
func (l *liveSite) publish(res *build.LiveResult) {
	if res.After != 0 && res.After == l.shown {
		l.server.PublishDiff(res.Files, res.Changed)
	} else {
		l.server.Publish(res.Files, res.Changed)
	}
	l.shown = res.Seq
}

// readLastBuild notes, from the settings at the start, the output folder
// of praxis build relative to the workbook folder, with forward slashes
// ("public" when the settings do not load), and the prompt indexes that
// praxis build last wrote there, if any.
func (l *liveSite) readLastBuild() {
	l.outputRel = "public"
	cfg, err := l.builder.LoadConfig()
	if err != nil {
		return
	}
	out, err := l.builder.OutputDir(cfg)
	if err != nil {
		return
	}
	l.published = promptIndexes(out, cfg)
	if root, err := filepath.Abs(l.root); err == nil {
		if rel, err := filepath.Rel(root, out); err == nil {
			l.outputRel = filepath.ToSlash(rel)
		}
	}
}

// warnKeys warns, as praxis build would, of the answers that readers of
// the last praxis build would no longer see in the build res, unless the
// last rebuild warned of the same.
func (l *liveSite) warnKeys(res *build.LiveResult, cfg *config.Config) {
	msgs := keyChanges(l.published, servedIndexes(res.Files, cfg), l.root, cfg)
	text := strings.Join(msgs, "\n")
	if text != l.keysSaid {
		for _, msg := range msgs {
			l.logf("praxis: warning: %s (compared with the last praxis build, in %s/)", msg, l.outputRel)
		}
	}
	l.keysSaid = text
}

func (l *liveSite) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.env.stderr, format+"\n", args...)
}

func (l *liveSite) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.env.stdout, format, args...)
}

// watch starts watching the sources: content, templates, themes, brand
// (where the README suggests keeping the files of brand: in praxis.yaml),
// the workbook's own interface words (i18n/) and the config file.
func (l *liveSite) watch(poll time.Duration) (*watch.Watcher, error) {
	return watch.New(watch.Options{Root: l.root, Dirs: []string{content.Dir, "templates", "themes", "brand", i18n.Folder},
		Files: []string{config.FileName}, Ignore: l.ignore(), Poll: poll, Debounce: debounce, Logf: l.logf})
}

// run serves until the context ends, rebuilding on every batch of changes.
// It returns once the server and the watcher have stopped.
func (l *liveSite) run(ln net.Listener, w *watch.Watcher) int {
	ctx, cancel := context.WithCancel(l.env.ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- l.server.Serve(ctx, ln) }()
	batches := make(chan watch.Batch)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		if err := w.Run(ctx, batches); err != nil {
			l.logf("praxis serve: watching stopped: %v", err)
		}
	}()
	defer func() { <-watched }() // after cancel, so the watcher ends
	b := l.finish(ctx, batches)  // the rest of the first build
	for {
		for b != nil {
			l.rebuild(b)
			b = l.finish(ctx, batches)
		}
		select {
		case b = <-batches:
		case err := <-served:
			if err != nil {
				l.logf("praxis serve: %v", err)
				return ExitError
			}
			l.printf("Stopped.\n")
			return ExitOK
		}
	}
}

// ignore keeps the output folder of praxis build out of the watch, in
// case the settings put it inside one of the watched folders: building
// while serving must not make the server rebuild.
func (l *liveSite) ignore() func(string) bool {
	out := l.outputRel
	return func(rel string) bool {
		return rel == out || strings.HasPrefix(rel, out+"/")
	}
}

// rebuild builds the workbook in memory after the changes of batch (nil
// for the first build) and publishes the result, or shows its errors.
func (l *liveSite) rebuild(batch watch.Batch) {
	start := time.Now()
	// A praxis.yaml that does not load fails here, before the Live builder
	// hears of the batch; the batch that fixes it names praxis.yaml, which
	// makes the next build render everything anyway.
	cfg, err := l.builder.LoadConfig()
	var res *build.LiveResult
	if err == nil {
		res, err = l.live.Build(l.env.ctx, cfg, batchPaths(batch))
	}
	if errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		var list diag.List
		n := 1
		if errors.As(err, &list) {
			n = len(list)
		}
		l.logf("%s\npraxis: %d %s; still serving the last good build", err, n, plural(n, "error", "errors"))
		l.server.Fail(err)
		return
	}
	// A request for a page still to be rendered waits for it.
	if res.Incomplete {
		l.server.Expect(true)
	}
	l.publish(res)
	if !res.Incomplete {
		l.server.Expect(false)
	}
	l.warn(res.Warnings)
	l.warnKeys(res, cfg)
	took := time.Since(start).Round(time.Millisecond)
	if batch == nil {
		l.logf("Built %d %s with %d %s in %s", res.Pages, plural(res.Pages, "page", "pages"),
			res.Prompts, plural(res.Prompts, "prompt", "prompts"), took)
		return
	}
	l.logf("Rebuilt in %s (%s): rendered %d %s, %d %s changed", took, describeBatch(batch),
		len(res.Rendered), plural(len(res.Rendered), "page", "pages"), len(res.Changed), plural(len(res.Changed), "file", "files"))
	l.listRendered(res)
}

// finish renders what the last rebuild left for later (the pages that did
// not change themselves, the print books) and publishes it. When the next
// batch of changes comes first, it stops and returns that batch.
func (l *liveSite) finish(ctx context.Context, batches <-chan watch.Batch) watch.Batch {
	if !l.live.Deferred() {
		return nil
	}
	// A moment's pause first: the pages that reload after the rebuild get
	// the machine to themselves, and a quick next save starts no work that
	// it would stop.
	select {
	case b := <-batches:
		return b
	case <-ctx.Done():
		return nil
	case <-time.After(finishPause):
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type outcome struct {
		res *build.LiveResult
		err error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		res, err := l.live.Finish(ctx)
		done <- outcome{res, err}
	}()
	select {
	case b := <-batches:
		cancel()
		// What was finished before the cancel is in the next rebuild's
		// result, which comes at once: publishing it now would only keep
		// the edit waiting.
		<-done
		return b
	case f := <-done:
		l.finished(f.res, f.err, start)
		return nil
	}
}

// finished publishes what Finish rendered, or shows why it failed.
func (l *liveSite) finished(res *build.LiveResult, err error, start time.Time) {
	switch {
	case errors.Is(err, context.Canceled) || res == nil && err == nil:
	case err != nil:
		l.logf("%s\npraxis: still serving the last good build", err)
		l.server.Fail(err)
	default:
		l.publish(res)
		l.server.Expect(false)
		l.logf("Then rendered %d more %s in %s: %d %s changed", len(res.Rendered), plural(len(res.Rendered), "page", "pages"),
			time.Since(start).Round(time.Millisecond), len(res.Changed), plural(len(res.Changed), "file", "files"))
		l.listRendered(res)
	}
}

// listRendered lists the pages a build rendered, with --verbose.
func (l *liveSite) listRendered(res *build.LiveResult) {
	if !l.verbose {
		return
	}
	for _, f := range res.Rendered {
		l.logf("  rendered %s", f)
	}
}

// batchPaths lists the paths of a batch; nil for none, which tells the
// Live builder to build everything.
func batchPaths(b watch.Batch) []string {
	if b == nil {
		return nil
	}
	paths := make([]string, len(b))
	for i, c := range b {
		paths[i] = c.Path
	}
	return paths
}

func describeBatch(b watch.Batch) string {
	if len(b) == 1 {
		return filepath.ToSlash(b[0].Path) + " " + b[0].Op.String()
	}
	return fmt.Sprintf("%d files changed", len(b))
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// openBrowser asks the desktop to open url; failure is not an error worth
// stopping for, since the address is printed anyway.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	_ = cmd.Start()
}
