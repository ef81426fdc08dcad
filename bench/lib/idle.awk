# Prints the markdown table of `bench/run.sh --idle N`: per server, how many idle keep-alive
# connections were opened and still open after the runs, plaintext throughput and p99 without
# and with them held, and the server's RSS before opening them, once they are open (before the
# runs) and after the runs. The plaintext figures come from the summary CSV (first file): its
# plaintext and plaintext-idle rows; the rest from the idle CSV (second file).
# Usage: awk -f idle.awk SUMMARY.csv IDLE.csv
BEGIN { FS = "," }
FNR == 1 { file++; next }
file == 1 { rps[$1, $2] = $4; p99[$1, $2] = $6; next }
file == 2 { row[++rows] = $0 }
END {
    print "| server | idle connections | opened | open after runs | req/s | req/s with idle | p99 ms | p99 ms with idle | RSS before MB | RSS with idle MB | RSS after runs MB |"
    print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    for (r = 1; r <= rows; r++) {
        split(row[r], c, ",")
        s = c[1]
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", s, thousands(c[2]), thousands(c[3]),
            thousands(c[4]), thousands(rps[s, "plaintext"]), thousands(rps[s, "plaintext-idle"]),
            or_na(p99[s, "plaintext"]), or_na(p99[s, "plaintext-idle"]), c[6], c[7], c[8]
    }
}
function or_na(value) {
    return value == "" ? "n/a" : value
}
function thousands(n,    s, out) {
    if (n == "") return "n/a"
    s = sprintf("%.0f", n)
    out = ""
    while (length(s) > 3) {
        out = "," substr(s, length(s) - 2) out
        s = substr(s, 1, length(s) - 3)
    }
    return s out
}
