# Reduces the per-run CSV written by bench/run.sh to one row per server and endpoint: the
# median of each metric over the runs (each metric on its own), and the sum of errors. Runs
# without latency (pipelined ones) have empty p50/p99 fields, and so has their summary.
# Input columns:  server,endpoint,run,requests,duration_s,rps,p50_ms,p99_ms,socket_errors,non2xx,cpu_s,req_per_cpu_s
# Output columns: server,endpoint,runs,rps,p50_ms,p99_ms,req_per_cpu_s,cpu_pct,errors
BEGIN { FS = OFS = "," }
NR == 1 { next }
{
    key = $1 SUBSEP $2
    if (!(key in runs)) order[++groups] = key
    n = ++runs[key]
    rps[key, n] = $6; p50[key, n] = $7; p99[key, n] = $8; per_cpu[key, n] = $12
    if ($7 == "") no_latency[key] = 1
    cpu_pct[key, n] = $5 > 0 ? 100 * $11 / $5 : 0
    errors[key] += $9 + $10
}
END {
    print "server", "endpoint", "runs", "rps", "p50_ms", "p99_ms", "req_per_cpu_s", "cpu_pct", "errors"
    for (g = 1; g <= groups; g++) {
        key = order[g]
        split(key, name, SUBSEP)
        latency = key in no_latency ? "," \
            : sprintf("%.2f,%.2f", median(p50, key, runs[key]), median(p99, key, runs[key]))
        printf "%s,%s,%d,%.0f,%s,%.0f,%.0f,%d\n", name[1], name[2], runs[key], median(rps, key, runs[key]),
            latency, median(per_cpu, key, runs[key]), median(cpu_pct, key, runs[key]), errors[key]
    }
}
# Median of values[key, 1..n]; mawk has no asort, so an insertion sort (n is small).
function median(values, key, n,    i, j, v, sorted) {
    for (i = 1; i <= n; i++) {
        v = values[key, i] + 0
        for (j = i - 1; j >= 1 && sorted[j] > v; j--) sorted[j + 1] = sorted[j]
        sorted[j + 1] = v
    }
    return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
}
