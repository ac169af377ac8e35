// Command watch measures watch mode: how long after a page's source is saved
// a development server serves the new text. It runs praxis serve and then
// hugo server on loopback ports on the benchmark corpus (bench/corpus),
// saves one page a number of times at random intervals of 200-600 ms, and
// polls the page's address every 5 ms until the new text appears.
//
//	go run ./bench/watch -praxis-site bench/out/corpus-1000/praxis -hugo-site bench/out/corpus-1000/hugo
//
// It prints, per server, the time from start to the first page served and
// the median and worst save-to-served latency. A server that exits before
// serving is reported and skipped ("praxis serve not available"). The
// servers are always stopped and the edited page is restored.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"
)

// options are the command-line settings.
type options struct {
	praxis, praxisSite string
	hugo, hugoSite     string
	page               string        // source file to edit, relative to each site
	logDir             string        // folder for each server's whole output; "" for none
	settle             time.Duration // wait after the first page before the first edit
	edits              int
	seed               uint64
	startTimeout       time.Duration
	editTimeout        time.Duration
}

// server says how to start one development server on a port.
type server struct {
	name string
	bin  string
	site string
	args func(site string, port int) []string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return 2
	}
	code := 0
	for _, s := range servers(o) {
		if s.site == "" {
			continue
		}
		res, err := measure(ctx, s, o)
		switch {
		case errors.Is(err, errNotServing) && s.name == "praxis serve":
			fmt.Fprintf(stdout, "praxis serve not available: %v\n", err)
		case err != nil:
			fmt.Fprintf(stderr, "watch: %s: %v\n", s.name, err)
			code = 1
		default:
			fmt.Fprintln(stdout, res)
		}
	}
	return code
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.praxis, "praxis", "bench/out/praxis", "praxis binary")
	fs.StringVar(&o.praxisSite, "praxis-site", "", "praxis corpus folder; empty skips praxis")
	fs.StringVar(&o.hugo, "hugo", "hugo", "hugo binary")
	fs.StringVar(&o.hugoSite, "hugo-site", "", "Hugo corpus folder; empty skips Hugo")
	fs.StringVar(&o.page, "page", "content/ch-001/page-001.md", "page to edit, relative to the site folder")
	fs.IntVar(&o.edits, "edits", 20, "number of edits")
	fs.StringVar(&o.logDir, "log", "", "write each server's output to a file in this folder")
	fs.DurationVar(&o.settle, "settle", 0, "wait this long after the first page is served before editing")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the random intervals")
	fs.DurationVar(&o.startTimeout, "start-timeout", 3*time.Minute, "longest wait for the first page")
	fs.DurationVar(&o.editTimeout, "edit-timeout", time.Minute, "longest wait for an edit to be served")
	err := fs.Parse(args)
	if err == nil && (o.edits < 1 || o.edits > 1000 || fs.NArg() > 0) {
		err = errors.New("-edits must be 1 to 1000, and no arguments")
		fmt.Fprintln(stderr, "watch:", err)
	}
	return o, err
}

func servers(o options) []server {
	return []server{
		{"praxis serve", o.praxis, o.praxisSite, func(site string, port int) []string {
			return []string{"serve", "--source", site, "--port", fmt.Sprint(port)}
		}},
		{"hugo server", o.hugo, o.hugoSite, func(site string, port int) []string {
			return []string{"server", "--source", site, "--port", fmt.Sprint(port), "--bind", "127.0.0.1",
				"--disableLiveReload"}
		}},
	}
}

// result is what one server achieved.
type result struct {
	name      string
	start     time.Duration   // from start to the first page served
	latencies []time.Duration // from each save to the new text served
}

func (r result) String() string {
	l := slices.Clone(r.latencies)
	slices.Sort(l)
	median := (l[(len(l)-1)/2] + l[len(l)/2]) / 2
	return fmt.Sprintf("watch: %-13s first page %7.2f s   save→served median %4d ms   worst %4d ms   (%d edits)",
		r.name, r.start.Seconds(), median.Milliseconds(), l[len(l)-1].Milliseconds(), len(l))
}

// errNotServing means the server exited or never served the page.
var errNotServing = errors.New("the server did not serve the page")
