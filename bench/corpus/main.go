// Command corpus writes the benchmark workbook of bench/compare.sh: an
// N-page praxis workbook and, with -hugo, the same pages as a Hugo site.
//
//	go run ./bench/corpus -pages 1000 -out bench/out/corpus-1000/praxis -hugo bench/out/corpus-1000/hugo
//
// The output is the same for the same -pages and -seed. See package
// bench/corpus/gen for what the pages hold.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/praxis-workbooks/praxis/bench/corpus/gen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pages := fs.Int("pages", 1000, "number of content pages (chapters of 20 come on top)")
	out := fs.String("out", "", "folder for the praxis workbook (required)")
	hugo := fs.String("hugo", "", "folder for the same workbook as a Hugo site (optional)")
	seed := fs.Uint64("seed", gen.DefaultSeed, "random seed")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || *pages < 1 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: corpus -pages N -out DIR [-hugo DIR] [-seed S]")
		return 2
	}
	opts := gen.Options{Pages: *pages, Seed: *seed}
	if err := gen.Write(*out, gen.Praxis(opts)); err != nil {
		fmt.Fprintf(stderr, "corpus: %v\n", err)
		return 1
	}
	if *hugo != "" {
		if err := gen.Write(*hugo, gen.Hugo(opts)); err != nil {
			fmt.Fprintf(stderr, "corpus: %v\n", err)
			return 1
		}
	}
	return 0
}
