package build

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/praxis-workbooks/praxis/internal/config"
	"github.com/praxis-workbooks/praxis/internal/content"
	"github.com/praxis-workbooks/praxis/internal/diag"
	"github.com/praxis-workbooks/praxis/internal/folder"
	"github.com/praxis-workbooks/praxis/internal/site"
)

// Live builds one workbook again and again in memory, for praxis serve,
// and renders only what a change can have affected.
//
// A build loads and assembles the whole workbook, so broken links and
// duplicate prompt ids are found exactly as by Build, except for a save
// that changes only a page's body in a way other pages cannot see (the
// same front matter, ids and blocks): that one is applied to the last
// build's assembly in place (site.Site.UpdateBody). Live keeps the
// summary of every page (see site.Summary) by its body, so a build parses
// only the pages that changed; and the files of every step of the plan
// (see plan) and the rendered page bodies, so a build runs only the steps
// whose keys changed, and frames again the bodies made from the same. So
// a body edit re-renders that page, the print books and any page whose
// body shows something of it (a link with its prompt's number or text); a
// title, weight, new or removed page re-frames every page; and a change
// outside content/ (templates, themes, praxis.yaml) re-renders everything.
//
// # Two steps
//
// So that the page being edited shows up soon even in a big workbook,
// Build renders only what is urgent — the pages whose sources changed, the
// files that are only copied and, when nothing is known of what the last
// build was made from (the first build, or after a change outside
// content/), the pages a reader opens first — and keeps the last build's
// version of the other files whose inputs changed. Finish then renders
// those. After Finish the output is byte for byte that of a clean Build.
type Live struct {
	b       *Builder
	st      *store               // the last good build's steps, files and bodies
	files   map[string][]byte    // the last good build's output: st's files
	seq     int                  // the number of the result that files is (LiveResult.Seq)
	stats   Stats                // of the last good build
	pending []string             // sources changed since the last good build
	later   []laterStep          // what the last Build left for Finish, until Finish has run it
	known   map[string]summaries // by edition
	// editions are the last good build's editions, by name, for changes
	// that can be applied to them in place (see site.Site.UpdateBody).
	editions map[string]*edition
}

// laterStep is a step of edition e that Build left for Finish.
type laterStep struct {
	e *edition
	s step
}

// LiveResult is the outcome of one Live build.
type LiveResult struct {
	Stats
	// Files is every output file. Files whose bytes did not change share
	// them with the previous result; callers must not modify them.
	Files map[string][]byte
	// Changed lists the output files added, modified or removed since the
	// last result, sorted; nil after the first build.
	Changed []string
	// Rendered lists the pages rendered anew rather than reused, sorted.
	Rendered []string
	// Deferred is the number of steps left for Finish.
	Deferred int
	// Incomplete says that some of them make files the site does not have
	// yet, as after a first build, which renders the pages a reader opens
	// first and leaves the rest to Finish.
	Incomplete bool
	// Seq numbers the results of one Live builder, from 1; Changed is
	// relative to the result numbered After (0 when Changed is nil).
	Seq, After int
}

// Live returns a Live builder that uses b's options and code highlighting
// cache.
func (b *Builder) Live() *Live { return &Live{b: b, known: map[string]summaries{}} }

// Build builds the workbook after the sources named in changed were
// created, modified or removed (paths relative to the workbook folder with
// forward slashes, as a watch.Batch names them). A nil changed means
// "unknown": everything is rendered. When the build fails, Live keeps the
// last good build and remembers changed for the next one. Build may leave
// work for Finish, and cancels what an earlier Build left.
func (l *Live) Build(ctx context.Context, cfg *config.Config, changed []string) (*LiveResult, error) {
	start := time.Now()
	unfinished, last := l.later, l.editions
	l.later, l.editions = nil, nil // editions may be changed below: kept nil until a build succeeds
	l.pending = append(l.pending, changed...)
	// A change outside content/ (settings, templates, themes) can change
	// any file: the keys of the last build's steps say nothing.
	forget := changed == nil || slices.ContainsFunc(l.pending, func(p string) bool { return !strings.HasPrefix(p, content.Dir+"/") })
	if forget {
		last = nil
	}
	touched := map[string]bool{}
	for _, p := range l.pending {
		touched[p] = true
	}
	st := l.st.liveStore(forget)
	res := &LiveResult{}
	editions := map[string]*edition{}
	var later []laterStep
	for i, name := range cfg.Editions {
		if l.known[name] == nil {
			l.known[name] = summaries{}
		}
		e, inPlace := last[name], last[name] != nil && l.update(last[name])
		if !inPlace {
			var err error
			if e, err = l.b.assembleEdition(ctx, cfg, name, nil, l.known[name]); err != nil {
				return nil, err
			}
		}
		e.prefix, e.ctx, e.st = cfg.EditionFolder(name), ctx, st
		pages := e.site.Pages
		if inPlace {
			// Only the changed pages and the books can differ: every other
			// step keeps its files, and what the last Build left for
			// Finish stays left, with inputs as they were.
			st.carry(e.prefix)
			pages = slices.DeleteFunc(slices.Clone(pages), func(p *site.Page) bool { return !touched[p.Source] })
			for _, d := range unfinished {
				src, page := strings.CutPrefix(d.s.name, pageStep)
				if d.e == e && d.s.name != printStep && !(page && touched[src]) {
					later = append(later, d)
				}
			}
		}
		made, _, deferred, err := e.runSteps(e.plan(l.b, pages, touched, !inPlace), true)
		if err != nil {
			return nil, err
		}
		for _, s := range deferred {
			later = append(later, laterStep{e, s})
		}
		if i == 0 {
			res.Pages, res.Prompts = len(e.site.Pages), len(e.site.Prompts)
		}
		res.Rendered = append(res.Rendered, made...)
		res.Editions = append(res.Editions, name)
		res.Warnings = append(res.Warnings, e.site.Workbook.Warnings...)
		editions[name] = e
	}
	for _, d := range later {
		_, had := st.prev[d.e.prefix+d.s.name]
		res.Incomplete = res.Incomplete || !had
	}
	res.Warnings.Sort()
	res.Deferred = len(later)
	l.st, l.pending, l.later, l.editions = st, nil, later, editions
	l.publish(res, st.files(), st.put, start)
	l.stats = res.Stats
	return res, nil
}

// publish makes files the output of res, with Changed relative to the
// last result: put names the files made anew, the others are the last
// result's.
func (l *Live) publish(res *LiveResult, files map[string][]byte, put []string, start time.Time) {
	if l.files != nil {
		res.Changed, res.After = changedFiles(l.files, files, put), l.seq
	}
	l.seq++
	l.files, res.Files, res.Seq = files, files, l.seq
	slices.Sort(res.Rendered)
	res.Stats.Files = len(files)
	res.Duration = time.Since(start)
}

// update applies the pending changes to edition e in place and reports
// whether it could: every change must be an edit of one of its pages that
// other pages cannot see (site.Site.UpdateBody), on the day e was built.
// When it cannot, e may be half updated and must not be used.
func (l *Live) update(e *edition) bool {
	if len(l.pending) == 0 || e.info.Date != coverDate(e.cfg, l.b.opts.Now()) {
		return false
	}
	fsys := folder.New(l.b.opts.Root)
	conv := convDigest(e.cfg, e.name)
	for _, src := range uniq(l.pending) {
		if !strings.HasSuffix(src, ".md") {
			return false
		}
		if fi, err := os.Lstat(filepath.Join(l.b.opts.Root, filepath.FromSlash(src))); err != nil || !fi.Mode().IsRegular() {
			return false // a link, say, which loading checks
		}
		cp, err := content.ReadPage(fsys, src)
		if err != nil {
			return false
		}
		sum := site.Summarize(e.conv.Parse(cp.Source, cp.Body, cp.BodyLine))
		if e.site.UpdateBody(cp, sum) != nil {
			return false
		}
		l.known[e.name][src] = summary{conv, cp.BodyLine, cp.Body, sum}
	}
	return true
}

// uniq returns the distinct strings of list, sorted.
func uniq(list []string) []string {
	out := slices.Clone(list)
	slices.Sort(out)
	return slices.Compact(out)
}

// Deferred reports whether the last Build left work for Finish.
func (l *Live) Deferred() bool { return len(l.later) > 0 }

// Finish renders what the last Build deferred and returns the complete
// output, with Changed relative to Build's result, or nil when nothing was
// deferred. It leaves a core free for the next save (see inBackground).
// When ctx is cancelled or rendering fails, the output stays that of
// Build, and the next Build renders what is missing.
func (l *Live) Finish(ctx context.Context) (*LiveResult, error) {
	if len(l.later) == 0 {
		return nil, nil
	}
	start := time.Now()
	ctx = inBackground(ctx)
	st := &store{keep: true, prev: l.st.next, next: map[string]entry{}, bodies: map[string]body{}}
	res := &LiveResult{Stats: l.stats}
	var errs diag.List
	for i := 0; i < len(l.later) && ctx.Err() == nil; {
		e := l.later[i].e
		ec := *e
		ec.ctx, ec.st = ctx, st
		var steps []step
		for ; i < len(l.later) && l.later[i].e == e; i++ {
			steps = append(steps, l.later[i].s)
		}
		made, _, _, err := ec.runSteps(steps, false)
		errs.Append(err)
		res.Rendered = append(res.Rendered, made...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	l.later = nil
	maps.Copy(l.st.next, st.next)
	maps.Copy(l.st.bodies, st.bodies)
	l.publish(res, l.st.files(), st.put, start)
	return res, nil
}

// changedFiles lists the files whose bytes differ between the last
// result's files old and this one's cur, sorted. The files of cur but
// those in put are the last result's, carried over: only those in put
// need comparing, which at 20,000 files is most of a rebuild's time
// saved. The sizes tell whether cur holds every file of old; if not,
// every file is compared.
func changedFiles(old, cur map[string][]byte, put []string) []string {
	changed := []string{}
	added := 0
	for _, name := range uniq(put) {
		prev, ok := old[name]
		if !ok {
			added++
		}
		if !ok || !bytes.Equal(prev, cur[name]) {
			changed = append(changed, name)
		}
	}
	if len(cur) != len(old)+added {
		return diffFiles(old, cur)
	}
	return changed
}

// diffFiles lists the files whose bytes differ between two builds,
// including files that appeared or disappeared, sorted. Reused files share
// their bytes, which bytes.Equal notices without reading them.
func diffFiles(old, cur map[string][]byte) []string {
	changed := []string{}
	for name, data := range cur {
		if prev, ok := old[name]; !ok || !bytes.Equal(prev, data) {
			changed = append(changed, name)
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	return changed
}

// opensFirst reports whether p is a page a reader opens first: the start
// page, a page outside the chapters, or a page of the first chapter. When
// Live knows nothing of what the last build was made from, those are
// rendered first and the rest later, so that a big workbook is online
// within seconds.
func (e *edition) opensFirst(p *site.Page) bool {
	chapters := e.site.Workbook.Chapters
	return p.Chapter == nil || len(chapters) > 0 && p.Chapter == chapters[0]
}
