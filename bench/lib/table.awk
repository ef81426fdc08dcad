# Prints the markdown results table: one row per server and endpoint from the summary CSV
# (first file), with the server's startup time and memory from the servers CSV (second file)
# on its first row. Latency is "n/a" where the summary has none (pipelined runs). A server of
# the servers CSV without endpoint rows (measured for startup only, like kemal-aot) gets one
# "startup only" row, in its place in the servers CSV's order.
# Usage: awk -f table.awk SUMMARY.csv SERVERS.csv
BEGIN { FS = "," }
FNR == 1 { file++; next }
file == 1 { row[++rows] = $0; has_rows[$1] = 1; next }
file == 2 { startup[$1] = $2; rss_idle[$1] = $3; rss_after[$1] = $4; server[++servers] = $1 }
END {
    print "| server | endpoint | req/s | p50 ms | p99 ms | req/CPU-s | server CPU | errors | startup ms | RSS idle MB | RSS after MB |"
    print "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    next_server = 1
    for (r = 1; r <= rows; r++) {
        split(row[r], c, ",")
        first = c[1] != previous
        previous = c[1]
        if (first) startup_only_rows_before(c[1])
        printf "| %s | %s | %s | %s | %s | %s | %s%% | %s | %s | %s | %s |\n",
            first ? c[1] : "", c[2], thousands(c[4]), or_na(c[5]), or_na(c[6]), thousands(c[7]), c[8], c[9],
            first ? startup[c[1]] : "", first ? rss_idle[c[1]] : "", first ? rss_after[c[1]] : ""
    }
    startup_only_rows_before("")
}
# Prints the startup-only servers that come before `name` in the servers CSV (all left, for "").
function startup_only_rows_before(name) {
    for (; next_server <= servers && server[next_server] != name; next_server++) {
        if (server[next_server] in has_rows) continue
        printf "| %s | startup only |  |  |  |  |  |  | %s | %s | %s |\n",
            server[next_server], startup[server[next_server]], rss_idle[server[next_server]], rss_after[server[next_server]]
    }
    if (next_server <= servers) next_server++
}
function or_na(value) {
    return value == "" ? "n/a" : value
}
function thousands(n,    s, out) {
    s = sprintf("%.0f", n)
    out = ""
    while (length(s) > 3) {
        out = "," substr(s, length(s) - 2) out
        s = substr(s, 1, length(s) - 3)
    }
    return s out
}
