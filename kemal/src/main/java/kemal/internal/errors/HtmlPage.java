package kemal.internal.errors;

/** The document shell shared by the built-in pages. */
final class HtmlPage {

    /**
     * Forbids every script and external load, so even a missed escape could not run code or
     * leak the page; inline styles are the only thing the pages need.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private HtmlPage() {
    }

    /** Appends everything up to and including {@code <body>}; {@code title} is escaped here. */
    static StringBuilder begin(StringBuilder out, String title, String css) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CONTENT_SECURITY_POLICY).append("\">\n")
                .append("<title>");
        Html.appendEscaped(out, title);
        return out.append("</title>\n<style>\n").append(css).append("</style>\n</head>\n<body>\n");
    }

    /** Closes the document and returns it. */
    static String end(StringBuilder out) {
        return out.append("</body>\n</html>\n").toString();
    }
}
