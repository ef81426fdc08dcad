package kemal.internal.errors;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Renders the development exception page: what failed, the full stack trace, and the request
 * and response that led there.
 *
 * <p>The page is self-contained HTML with inline CSS, no script and no external resources. Every
 * value taken from the request or the exception is HTML-escaped and capped at
 * {@value TextLimits#MAX_VALUE_CHARS} characters, because clients control the path, headers,
 * cookies and parameters and often, through them, exception messages too. Only for development:
 * it reveals internals that production must hide (use {@link ErrorPages#productionError()}).
 */
public final class ExceptionPage {

    /** Titles show in tabs and histories; keep them short even for long paths or messages. */
    private static final int MAX_TITLE_CHARS = 300;

    private static final String CSS = """
            :root{color-scheme:light}
            body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,\
            sans-serif;background:#f4f4f6;color:#222;line-height:1.45}
            header{background:#b3261e;color:#fff;padding:1.5rem 2rem}
            header .status{margin:0;font-size:.85rem;font-weight:600;letter-spacing:.08em;opacity:.85}
            h1{margin:.35rem 0;font-size:1.35rem;font-weight:600;white-space:pre-wrap;\
            overflow-wrap:anywhere}
            h1 .class{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            header .where{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
            overflow-wrap:anywhere}
            main{padding:1rem 2rem 3rem;max-width:80rem}
            h2{font-size:1.05rem;margin:1.75rem 0 .5rem;color:#444}
            pre.trace{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem;\
            overflow:auto;font-size:.82rem;line-height:1.5;tab-size:4;margin:0}
            .trace .exc{font-weight:700;color:#b3261e;white-space:pre-wrap}
            .trace .lib,.trace .more{color:#8a8a8a}
            table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #ddd;\
            font-size:.88rem}
            th,td{text-align:left;vertical-align:top;padding:.4rem .7rem;border-top:1px solid #eee}
            th{width:16rem;font-weight:600;color:#555;overflow-wrap:anywhere}
            td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;\
            overflow-wrap:anywhere}
            .none{color:#888;font-style:italic}
            """;

    private ExceptionPage() {
    }

    /**
     * Renders the page.
     *
     * @param details what to show; null components are tolerated
     * @return the complete HTML document
     */
    public static String render(ExceptionDetails details) {
        Throwable error = details.error();
        String reason = ReasonPhrases.reasonPhrase(details.status());
        StringBuilder out = new StringBuilder(16_384);
        HtmlPage.begin(out, title(details, reason), CSS);

        out.append("<header>\n<p class=\"status\">").append(details.status()).append(' ');
        Html.appendEscaped(out, reason).append("</p>\n");
        heading(out, error);
        out.append("<p class=\"where\">");
        Html.appendEscaped(out, TextLimits.truncate(details.method())).append(' ');
        Html.appendEscaped(out, TextLimits.truncate(details.path()));
        out.append("</p>\n</header>\n<main>\n");

        out.append("<h2>Stack trace</h2>\n<pre class=\"trace\">");
        if (error == null) {
            out.append("<span class=\"none\">No exception was recorded.</span>\n");
        } else {
            StackTraceHtml.append(out, error);
        }
        out.append("</pre>\n");

        requestTable(out, details);
        mapTable(out, "Route params", details.routeParams());
        multiMapTable(out, "Query params", details.queryParams());
        entryTable(out, "Request headers", details.requestHeaders());
        mapTable(out, "Cookies", details.cookies());
        entryTable(out, "Response headers", details.responseHeaders());
        out.append("<h2>Environment</h2>\n<table>\n");
        row(out, "Kemal env", details.kemalEnv());
        out.append("</table>\n</main>\n");
        return HtmlPage.end(out);
    }

    /** "An Error Occurred: {reason} at {METHOD} {path} - {first line of the message}". */
    private static String title(ExceptionDetails details, String reason) {
        String summary;
        Throwable error = details.error();
        if (error == null) {
            summary = "no exception";
        } else {
            String message = StackTraceHtml.safeMessage(error);
            summary = message == null || message.isBlank()
                    ? error.getClass().getName()
                    : TextLimits.firstLine(message.strip());
        }
        String title = "An Error Occurred: " + reason + " at " + nullToEmpty(details.method())
                + " " + nullToEmpty(details.path()) + " - " + summary;
        return TextLimits.truncate(title, MAX_TITLE_CHARS);
    }

    private static void heading(StringBuilder out, Throwable error) {
        out.append("<h1>");
        if (error == null) {
            out.append("Unknown error");
        } else {
            out.append("<span class=\"class\">");
            Html.appendEscaped(out, error.getClass().getName()).append("</span>");
            String message = StackTraceHtml.safeMessage(error);
            if (message != null) {
                out.append(": ");
                Html.appendEscaped(out, TextLimits.truncate(message));
            }
        }
        out.append("</h1>\n");
    }

    private static void requestTable(StringBuilder out, ExceptionDetails details) {
        out.append("<h2>Request</h2>\n<table>\n");
        row(out, "Method", details.method());
        row(out, "Path", details.path());
        if (details.queryString() == null) {
            out.append("<tr><th>Query string</th><td class=\"none\">none</td></tr>\n");
        } else {
            row(out, "Query string", details.queryString());
        }
        out.append("</table>\n");
    }

    private static void mapTable(StringBuilder out, String title, Map<String, String> map) {
        if (startTable(out, title, map == null ? null : map.entrySet())) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                row(out, e.getKey(), e.getValue());
            }
            out.append("</table>\n");
        }
    }

    private static void multiMapTable(StringBuilder out, String title,
                                      Map<String, List<String>> map) {
        if (startTable(out, title, map == null ? null : map.entrySet())) {
            for (Map.Entry<String, List<String>> e : map.entrySet()) {
                List<String> values = e.getValue();
                if (values == null || values.isEmpty()) {
                    row(out, e.getKey(), "");
                } else {
                    // One row per value keeps repeated keys readable and each value escaped alone.
                    for (String value : values) {
                        row(out, e.getKey(), value);
                    }
                }
            }
            out.append("</table>\n");
        }
    }

    private static void entryTable(StringBuilder out, String title,
                                   List<Map.Entry<String, String>> entries) {
        if (startTable(out, title, entries)) {
            for (Map.Entry<String, String> e : entries) {
                if (e != null) {
                    row(out, e.getKey(), e.getValue());
                }
            }
            out.append("</table>\n");
        }
    }

    /** Writes the section heading; returns false, after a "none" note, when there are no rows. */
    private static boolean startTable(StringBuilder out, String title, Collection<?> rows) {
        out.append("<h2>").append(title).append("</h2>\n");
        if (rows == null || rows.isEmpty()) {
            out.append("<p class=\"none\">none</p>\n");
            return false;
        }
        out.append("<table>\n");
        return true;
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>");
        Html.appendEscaped(out, TextLimits.truncate(name)).append("</th><td>");
        Html.appendEscaped(out, TextLimits.truncate(value)).append("</td></tr>\n");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
