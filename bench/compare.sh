#!/usr/bin/env bash
# bench/compare.sh: time praxis against Hugo on the same generated workbook.
#
# Generates (or reuses) corpora under bench/out/, builds praxis once, then
# alternates cold builds of praxis and Hugo into fresh output folders under
# GNU time, then builds each praxis output again warm (same output folder and
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
#   BENCH_WATCH_SETTLE=60      seconds between the first page and the first edit, second round
#   BENCH_PROFILE=1            0 skips the CPU profile (taken at the first size)
#   BENCH_SETTLE=360           seconds to wait after removing the last run's folders
#
# praxis keeps highlighted code between builds under $PRAXIS_CACHE_DIR; each
# cold build gets an empty one of its own, which the warm build then reuses.
# All build folders stay under bench/out/run until the next run of this
# script (see clean), and every timed build starts after a sync.
set -euo pipefail

cd "$(dirname "$0")/.."
out=bench/out
sizes=${BENCH_SIZES:-1000 10000}
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
	sync # so that no build pays for writing back the last one's files
	if ! /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@" >"$out/last.log" 2>&1; then
		echo "compare: $tool failed at N=$n: $*" >&2
		tail -20 "$out/last.log" >&2
		exit 1
	fi
	read -r wall user sys rss <"$out/time.txt"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$run" "$wall" "$user" "$sys" "$rss" >>"$results"
}

# The builds write into fresh folders that stay until the next run of this
# script. On an ext4 file system without a journal, as on this project's
# machine, allocating an inode skips the free ones deleted in the last 60
# seconds, or the last six minutes when their inode table block has
# unwritten changes, which allocating its neighbours makes it have
# (recently_deleted in fs/ext4/ialloc.c). Deleting the last build's 11,000
# files and folders made the next build's mkdir and create calls up to five
# times slower, by an amount that depended on what ran before rather than
# on the tool; in perf, 15% of a 10,000-page build went to that search.

# cold N RUN: a cold praxis build and a Hugo build, each into a fresh
# folder, Hugo first on even runs so that drift in the machine's speed
# evens out. The praxis build gets an empty cache folder of its own.
cold() {
	local n=$1 i=$2 src=$out/corpus-$1 dst=$out/run/$1
	mkdir -p "$dst"
	local praxis=(measure praxis-cold "$n" "$i" env PRAXIS_CACHE_DIR="$PWD/$dst/cache-$i" "$out/praxis" build --source "$src/praxis" --output "$dst/praxis-$i")
	rm -rf "$src/hugo/resources"
	local hugo=(measure hugo "$n" "$i" hugo --source "$src/hugo" --destination "$PWD/$dst/hugo-$i" --cacheDir "$PWD/$dst/hugo-cache-$i" --quiet)
	if ((i % 2)); then
		"${praxis[@]}" && "${hugo[@]}"
	else
		"${hugo[@]}" && "${praxis[@]}"
	fi
}

# warm N RUN: praxis builds again into the output of cold run RUN, with
# that run's cache and nothing changed. These come after all cold runs,
# because a praxis build replaces its output folder and so deletes the old
# one.
warm() {
	local n=$1 i=$2 dst=$out/run/$1
	measure praxis-warm "$n" "$i" env PRAXIS_CACHE_DIR="$PWD/$dst/cache-$i" "$out/praxis" build --source "$out/corpus-$n/praxis" --output "$dst/praxis-$i"
}

# clean removes the build folders of an earlier run of this script and, when
# there were any, waits out the six minutes in which ext4 skips their inodes.
clean() {
	[[ -d $out/run ]] || return 0
	echo "compare: removing the build folders of the last run, then waiting ${BENCH_SETTLE:-360} s" >&2
	rm -rf "$out/run"
	sync
	sleep "${BENCH_SETTLE:-360}"
}

# table prints the results as a Markdown table.
table() {
	awk -F'\t' -f bench/table.awk "$results"
}

# watch N prints the watch-mode figures at size N twice: with the edits
# starting as soon as the first page is served, while praxis still renders
# the rest of the site in the background, and again once each server has
# had BENCH_WATCH_SETTLE seconds to finish starting (the steady state a
# coach editing a workbook is in). The servers' output goes to
# bench/out/watch-logs/N-SETTLE.
watch() {
	local src=$out/corpus-$1 settle
	for settle in 0 "${BENCH_WATCH_SETTLE:-60}"; do
		mkdir -p "$out/watch-logs/$1-$settle"
		echo
		echo "Watch mode at N=$1 (${BENCH_EDITS:-20} edits each), first edit ${settle} s after the first page:"
		"$out/watch" -praxis "$out/praxis" -praxis-site "$src/praxis" -hugo-site "$src/hugo" \
			-edits "${BENCH_EDITS:-20}" -settle "${settle}s" -log "$out/watch-logs/$1-$settle" || true
	done
}

# profile N profiles one cold praxis build at size N.
profile() {
	local src=$out/corpus-$1
	go build -o "$out/profile" ./bench/profile
	PRAXIS_CACHE_DIR=$PWD/$out/run/profile-cache "$out/profile" -cpuprofile "$out/cpu-$1.prof" -memprofile "$out/mem-$1.prof" -- \
		build --source "$src/praxis" --output "$out/run/profile" >/dev/null
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
	clean
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
		"$(free -g | awk '/Mem:/{print $2}') GiB RAM; $(hugo version | cut -d' ' -f1-2); $(go version | cut -d' ' -f3);" \
		"praxis $(git describe --always --dirty 2>/dev/null || echo "?"); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
	for n in $sizes; do
		corpus "$n"
		local runs
		runs=$(runs_for "$n")
		echo "compare: N=$n, $runs runs each" >&2
		for ((i = 1; i <= runs; i++)); do
			cold "$n" "$i"
		done
		if [[ ${BENCH_WARM:-1} != 0 ]]; then
			for ((i = 1; i <= runs; i++)); do
				warm "$n" "$i"
			done
		fi
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
