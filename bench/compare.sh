#!/usr/bin/env bash
# bench/compare.sh: time praxis against Hugo on the same generated workbook.
#
# Generates (or reuses) corpora under bench/out/, builds praxis once, then
# alternates cold builds of praxis and Hugo into fresh output folders under
# GNU time, each praxis build followed by a warm one (same output folder and
# cache, nothing changed). Prints the median wall time, CPU time (user+sys)
# and peak RSS per tool and size, and the median of the paired ratios
# praxis/Hugo. Then the watch-mode figures (bench/watch) and a CPU profile
# of one praxis build (bench/profile).
#
# Environment (all optional):
#   BENCH_SIZES="1000 10000"   corpus sizes, in content pages
#   BENCH_RUNS_<N>             runs per tool at size N (1000: 5, 10000: 3, others: BENCH_RUNS or 3)
#   BENCH_WARM=1               0 skips the warm praxis builds
#   BENCH_WATCH=1              0 skips the watch-mode figures
#   BENCH_WATCH_SIZES          sizes for the watch figures (default: BENCH_SIZES)
#   BENCH_EDITS=20             edits per server in watch mode
#   BENCH_PROFILE=1            0 skips the CPU profile (taken at the first size)
#
# praxis keeps highlighted code between builds under $PRAXIS_CACHE_DIR; this
# script points it at bench/out/cache and empties it before each cold build.
set -euo pipefail

cd "$(dirname "$0")/.."
out=bench/out
sizes=${BENCH_SIZES:-1000 10000}
export PRAXIS_CACHE_DIR=$PWD/$out/cache
results=$out/results.tsv
mkdir -p "$out"

# need_tools installs Debian's hugo and GNU time when missing.
need_tools() {
	local missing=()
	command -v hugo >/dev/null || missing+=(hugo)
	/usr/bin/time --version >/dev/null 2>&1 || missing+=(time)
	if ((${#missing[@]})); then
		echo "compare: installing ${missing[*]}" >&2
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# runs_for N prints the number of runs per tool at size N.
runs_for() {
	local var=BENCH_RUNS_$1 def=${BENCH_RUNS:-3}
	case $1 in 1000) def=${BENCH_RUNS:-5} ;; esac
	echo "${!var:-$def}"
}

# corpus N makes bench/out/corpus-N/{praxis,hugo}, unless one made by the
# same generator source is there already.
corpus() {
	local dir=$out/corpus-$1 stamp
	stamp=$(ls bench/corpus/gen/*.go bench/corpus/main.go | grep -v _test.go | xargs cat | sha256sum | cut -c1-16)
	if [[ -f $dir/.stamp && $(cat "$dir/.stamp") == "$stamp" ]]; then
		return
	fi
	echo "compare: generating the $1-page corpus" >&2
	rm -rf "$dir"
	go run ./bench/corpus -pages "$1" -out "$dir/praxis" -hugo "$dir/hugo"
	echo "$stamp" >"$dir/.stamp"
}

# measure TOOL N RUN COMMAND...: runs COMMAND under GNU time and appends
# "tool n run wall user sys maxrss_kb" to the results.
measure() {
	local tool=$1 n=$2 run=$3 wall user sys rss
	shift 3
	if ! /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@" >"$out/last.log" 2>&1; then
		echo "compare: $tool failed at N=$n: $*" >&2
		tail -20 "$out/last.log" >&2
		exit 1
	fi
	read -r wall user sys rss <"$out/time.txt"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$run" "$wall" "$user" "$sys" "$rss" >>"$results"
}

# pair N RUN: one cold and one warm praxis build and one Hugo build, Hugo
# first on even runs so that drift in the machine's speed evens out.
pair() {
	local n=$1 i=$2 src=$out/corpus-$1 dst=$out/run
	rm -rf "$dst" "$PRAXIS_CACHE_DIR" "$src/hugo/resources" "$src/hugo/public"
	local praxis=(measure praxis-cold "$n" "$i" "$out/praxis" build --source "$src/praxis" --output "$dst/praxis")
	local warm=(measure praxis-warm "$n" "$i" "$out/praxis" build --source "$src/praxis" --output "$dst/praxis")
	if [[ ${BENCH_WARM:-1} == 0 ]]; then
		warm=(true)
	fi
	local hugo=(measure hugo "$n" "$i" hugo --source "$src/hugo" --destination "$(pwd)/$dst/hugo" --quiet)
	if ((i % 2)); then
		"${praxis[@]}" && "${warm[@]}" && "${hugo[@]}"
	else
		"${hugo[@]}" && "${praxis[@]}" && "${warm[@]}"
	fi
	rm -rf "$dst"
}

# table prints the results as a Markdown table.
table() {
	awk -F'\t' -f bench/table.awk "$results"
}

# watch N prints the watch-mode figures at size N.
watch() {
	local src=$out/corpus-$1
	echo
	echo "Watch mode at N=$1 (${BENCH_EDITS:-20} edits each):"
	"$out/watch" -praxis "$out/praxis" -praxis-site "$src/praxis" -hugo-site "$src/hugo" -edits "${BENCH_EDITS:-20}" || true
}

# profile N profiles one cold praxis build at size N.
profile() {
	local src=$out/corpus-$1
	rm -rf "$out/run" "$PRAXIS_CACHE_DIR"
	go build -o "$out/profile" ./bench/profile
	"$out/profile" -cpuprofile "$out/cpu-$1.prof" -memprofile "$out/mem-$1.prof" -- \
		build --source "$src/praxis" --output "$out/run/praxis" >/dev/null
	rm -rf "$out/run"
	echo
	echo "CPU profile of a cold praxis build at N=$1 ($out/cpu-$1.prof), top 15 by flat time:"
	go tool pprof -top -nodecount=15 "$out/profile" "$out/cpu-$1.prof" 2>/dev/null
	echo
	echo "Top 25 by cumulative time:"
	go tool pprof -top -cum -nodecount=25 "$out/profile" "$out/cpu-$1.prof" 2>/dev/null | sed -n '/flat%/,$p'
}

main() {
	need_tools
	go build -o "$out/praxis" ./cmd/praxis
	go build -o "$out/watch" ./bench/watch
	: >"$results"
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
		"$(free -g | awk '/Mem:/{print $2}') GiB RAM; $(hugo version | cut -d' ' -f1-2); $(go version | cut -d' ' -f3);" \
		"praxis $(git describe --always --dirty 2>/dev/null || echo "?"); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	for n in $sizes; do
		corpus "$n"
		local runs
		runs=$(runs_for "$n")
		echo "compare: N=$n, $runs runs each" >&2
		for ((i = 1; i <= runs; i++)); do
			pair "$n" "$i"
		done
	done
	echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	table
	if [[ ${BENCH_WATCH:-1} != 0 ]]; then
		for n in ${BENCH_WATCH_SIZES:-$sizes}; do
			corpus "$n"
			watch "$n"
		done
	fi
	if [[ ${BENCH_PROFILE:-1} != 0 ]]; then
		profile "${sizes%% *}"
	fi
}

main "$@"
