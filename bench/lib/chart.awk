# Draws the summary CSV of bench/run.sh as an SVG: one panel per endpoint, one horizontal bar
# per server, each panel on its own scale (a pipelined run answers many times more requests
# than the others and would flatten them on a shared axis). The ws panel's figures are messages/s.
# Usage: awk -v title="..." -v subtitle="..." [-v order=plaintext,json,...] -f chart.awk SUMMARY.csv > chart.svg
# Panels follow `order`; endpoints not named there come after, as they appear.
BEGIN {
    FS = ","
    width = 760; label_w = 130; value_w = 120; bar_h = 16; row_h = 22; panel_gap = 14
    colour["nginx"] = "#7f8c8d"; colour["netty"] = "#1f4e79"; colour["netty-virtual"] = "#5b9bd5"
    colour["kemal"] = "#c0392b"; colour["kemal-log"] = "#e6867a"
    colour["javalin"] = "#2e8b57"; colour["helidon"] = "#7d3c98"
    split("#d35400,#16a085,#b7950b,#34495e,#a93226", spare, ",")
    endpoint_count = split(order, endpoints, ",")
    for (e = 1; e <= endpoint_count; e++) endpoint_rows[endpoints[e]] = 0
}
NR == 1 { next }
{
    if (!($2 in endpoint_rows)) endpoints[++endpoint_count] = $2
    n = ++endpoint_rows[$2]
    server[$2, n] = $1; rps[$2, n] = $4 + 0
    if (rps[$2, n] > top[$2]) top[$2] = rps[$2, n]
    if (!($1 in colour)) colour[$1] = spare[(++spares - 1) % 5 + 1]
}
END {
    # Drop named endpoints that were not run.
    kept = 0
    for (e = 1; e <= endpoint_count; e++) if (endpoint_rows[endpoints[e]] > 0) endpoints[++kept] = endpoints[e]
    endpoint_count = kept
    y = 58
    for (e = 1; e <= endpoint_count; e++) y += 26 + endpoint_rows[endpoints[e]] * row_h + panel_gap
    height = y + 10
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height
    printf "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n"
    printf "<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">%s</text>\n", esc(title)
    printf "<text x=\"10\" y=\"42\" fill=\"#555555\">%s</text>\n", esc(subtitle)
    y = 58
    bar_w = width - label_w - value_w - 20
    for (e = 1; e <= endpoint_count; e++) {
        ep = endpoints[e]
        # The WebSocket echo counts messages, not requests.
        unit = ep == "ws" ? "msg/s" : "req/s"
        printf "<text x=\"10\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", y + 16, esc(ep)
        y += 26
        for (i = 1; i <= endpoint_rows[ep]; i++) {
            w = top[ep] > 0 ? rps[ep, i] / top[ep] * bar_w : 0
            printf "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", label_w, y + 12, esc(server[ep, i])
            printf "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", label_w + 8, y, w, bar_h, colour[server[ep, i]]
            printf "<text x=\"%.1f\" y=\"%d\">%s %s</text>\n", label_w + 14 + w, y + 12, thousands(rps[ep, i]), unit
            y += row_h
        }
        y += panel_gap
    }
    print "</svg>"
}
function esc(s) {
    gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s)
    return s
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
