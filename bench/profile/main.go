// Command profile runs one praxis command in-process under the Go profiler,
// so that bench/compare.sh can show where a build spends its time without
// praxis itself growing profiling flags.
//
//	go build -o bench/out/profile ./bench/profile
//	bench/out/profile -cpuprofile cpu.prof -- build --source DIR --output DIR
//	go tool pprof -top -nodecount 15 bench/out/profile cpu.prof
//
// -trace writes an execution trace, to see with go tool trace when the
// cores wait.
//
// The command gets the memory settings the praxis command gives it
// (cli.Program), so that its profile is the real build's.
//
// -memprofile writes a heap profile taken when the command returns, or,
// with -memprofile-after, that long after the command started (to see what
// a build holds while it renders).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/praxis-workbooks/praxis/internal/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("profile", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cpu := fs.String("cpuprofile", "", "write a CPU profile to this file")
	mem := fs.String("memprofile", "", "write a heap profile to this file when the command returns")
	after := fs.Duration("memprofile-after", 0, "write the heap profile this long after the start instead")
	traceFile := fs.String("trace", "", "write an execution trace to this file (go tool trace)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: profile [-cpuprofile FILE] [-memprofile FILE] [-trace FILE] -- PRAXIS-COMMAND [ARGS]")
		return 2
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			fmt.Fprintf(stderr, "profile: %v\n", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "profile: %v\n", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	if *traceFile != "" {
		f, err := os.Create(*traceFile)
		if err != nil {
			fmt.Fprintf(stderr, "profile: %v\n", err)
			return 1
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			fmt.Fprintf(stderr, "profile: %v\n", err)
			return 1
		}
		defer trace.Stop()
	}
	if *mem != "" && *after > 0 {
		time.AfterFunc(*after, func() {
			if err := writeHeap(*mem); err != nil {
				fmt.Fprintf(stderr, "profile: %v\n", err)
			}
		})
	}
	code := cli.Program(fs.Args(), stdout, stderr) // with the memory settings of the praxis command
	if *mem != "" && *after == 0 {
		if err := writeHeap(*mem); err != nil {
			fmt.Fprintf(stderr, "profile: %v\n", err)
			return 1
		}
	}
	return code
}

func writeHeap(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
