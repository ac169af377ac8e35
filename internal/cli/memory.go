package cli

import "runtime/debug"

// Memory settings of the Go runtime for a one-off build: collect garbage
// less often than Go's default while the heap is small, which makes a
// build of a few hundred pages about a quarter faster, and hold the heap
// near buildMemoryLimit in big workbooks, where collecting more often
// costs less than the memory would. At 180 MiB every input under 1 MB
// builds in under 200 MB (issue 13; at 256 MiB two hostile inputs of
// internal/markdown took 209 and 261 MB), for about 5% more CPU time in a
// 10,000-page build (bench/README.md).
const (
	buildGCPercent   = 400
	buildMemoryLimit = 180 << 20
)

// TuneMemory applies those settings when args run praxis build or praxis
// pdf, unless the GOGC or GOMEMLIMIT environment variables choose for
// themselves. praxis serve keeps Go's defaults: it holds the whole site in
// memory for as long as it runs. It is for the praxis command only; tests
// that run Main in-process keep their own settings.
func TuneMemory(args []string, getenv func(string) string) {
	if len(args) == 0 || (args[0] != "build" && args[0] != "pdf") {
		return
	}
	if getenv("GOGC") == "" {
		debug.SetGCPercent(buildGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}
