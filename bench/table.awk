# table.awk turns bench/out/results.tsv (tool, n, run, wall s, user s,
# sys s, max RSS KiB; tab-separated) into a Markdown table of medians and
# of the medians of paired ratios against the Hugo run of the same round.

function median(list,    a, n, i, j, t) {
	n = split(list, a, " ")
	for (i = 2; i <= n; i++) {
		t = a[i] + 0
		for (j = i - 1; j >= 1 && a[j] + 0 > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	if (n == 0)
		return 0
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}

{
	tool = $1; n = $2; run = $3
	wall[tool, n, run] = $4; cpu[tool, n, run] = $5 + $6; rss[tool, n, run] = $7 / 1024
	if (!((tool, n) in seen)) {
		seen[tool, n] = 1
		order[++count] = tool SUBSEP n
	}
	if (!(n in sizeseen)) {
		sizeseen[n] = 1
		sizes[++nsizes] = n
	}
	runs[tool, n] = runs[tool, n] " " run
}

END {
	print "| N | tool | runs | wall (s) | CPU (s) | peak RSS (MiB) | wall / Hugo | CPU / Hugo | RSS / Hugo |"
	print "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
	for (k = 1; k <= count; k++) {
		split(order[k], key, SUBSEP); tool = key[1]; n = key[2]
		nr = split(runs[tool, n], r, " ")
		w = c = m = rw = rc = rm = ""
		for (i = 1; i <= nr; i++) {
			w = w " " wall[tool, n, r[i]]; c = c " " cpu[tool, n, r[i]]; m = m " " rss[tool, n, r[i]]
			if (tool != "hugo" && (("hugo", n, r[i]) in wall)) {
				rw = rw " " wall[tool, n, r[i]] / wall["hugo", n, r[i]]
				rc = rc " " cpu[tool, n, r[i]] / cpu["hugo", n, r[i]]
				rm = rm " " rss[tool, n, r[i]] / rss["hugo", n, r[i]]
			}
		}
		med[tool, n] = median(w)
		ratios = tool == "hugo" ? "| | | " : sprintf("| %.2f | %.2f | %.2f ", median(rw), median(rc), median(rm))
		printf "| %s | %s | %d | %.2f | %.2f | %.0f %s|\n", n, tool, nr, median(w), median(c), median(m), ratios
	}
	if (nsizes >= 2) {
		lo = sizes[1]; hi = sizes[nsizes]
		print ""
		for (k = 1; k <= count; k++) {
			split(order[k], key, SUBSEP)
			if (key[2] == lo && ((key[1], hi) in med) && med[key[1], lo] > 0)
				printf "Growth %s→%s pages, %s: %.1f× the wall time\n", lo, hi, key[1], med[key[1], hi] / med[key[1], lo]
		}
	}
}
