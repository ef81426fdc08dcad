# Prints the markdown table of RSS across repeated load: per server, the RSS right after each
# measured run of its first endpoint with per-run RSS (the same load each time, after the
# warm-up; ws runs have none), and the change from the first of those runs to the last. A
# server that leaks grows run after run.
# Input: the per-run CSV of bench/run.sh, whose last column is rss_mb.
# Usage: awk -f memory.awk RUNS.csv
BEGIN { FS = "," }
NR == 1 { next }
$13 == "" { next }
{
    if (!($1 in first)) { first[$1] = $2; order[++servers] = $1 }
    if ($2 != first[$1]) next
    n = ++runs[$1]
    rss[$1, n] = $13
    if (n > most) most = n
}
END {
    header = "| server | endpoint |"
    rule = "|---|---|"
    for (i = 1; i <= most; i++) { header = header " RSS after run " i " MB |"; rule = rule "--:|" }
    print header " change MB |"
    print rule "--:|"
    for (s = 1; s <= servers; s++) {
        name = order[s]
        line = "| " name " | " first[name] " |"
        for (i = 1; i <= most; i++) line = line " " ((name, i) in rss ? rss[name, i] : "") " |"
        change = runs[name] > 0 ? sprintf("%+.1f", rss[name, runs[name]] - rss[name, 1]) : ""
        print line " " change " |"
    }
}
