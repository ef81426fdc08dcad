package kemal.internal.errors;

/**
 * The fixed HTML pages Kemal serves for an unmatched route and, in production, for an unhandled
 * error.
 *
 * <p>Both pages are constant: they never include request data or exception details, so they are
 * built once and shared. They use inline CSS only, with no scripts and no external resources.
 */
public final class ErrorPages {

    private static final String CSS = """
            :root{color-scheme:light dark}
            body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;\
            font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;\
            background:#f5f3ef;color:#2a2a2a}
            main{text-align:center;padding:2rem 1.5rem;max-width:34rem}
            .status{margin:0;font-size:.8rem;font-weight:600;letter-spacing:.18em;color:#8c8c8c}
            h2{margin:.4rem 0 .6rem;font-size:1.6rem;line-height:1.3}
            p{margin:0;line-height:1.55;color:#555}
            svg{display:block;margin:0 auto 1rem}
            @media (prefers-color-scheme:dark){body{background:#1c1c1e;color:#eee}p{color:#bbb}}
            """;

    /** A signpost with two arrows, both marked with a question mark. */
    private static final String SIGNPOST_SVG = """
            <svg width="132" height="132" viewBox="0 0 132 132" role="img" \
            aria-label="A signpost with two question-marked arrows">
            <ellipse cx="66" cy="121" rx="34" ry="5" fill="#d9d4cb"/>
            <rect x="61" y="14" width="10" height="106" rx="3" fill="#8b6b4e"/>
            <circle cx="66" cy="14" r="6" fill="#8b6b4e"/>
            <path d="M22 28h66l14 13-14 13H22z" fill="#e4573f"/>
            <path d="M110 64H44L30 77l14 13h66z" fill="#3f7fe4"/>
            <g fill="#fff" font-family="Georgia,serif" font-size="22" font-weight="700" \
            text-anchor="middle">
            <text x="55" y="49">?</text>
            <text x="77" y="85">?</text>
            </g>
            </svg>
            """;

    private static final String NOT_FOUND = buildNotFound();
    private static final String PRODUCTION_ERROR = buildProductionError();

    private ErrorPages() {
    }

    /**
     * The 404 page. Contains the heading {@code <h2>Kemal doesn't know this way.</h2>}, which
     * Kemal users and their tests look for.
     *
     * @return the cached page
     */
    public static String notFound() {
        return NOT_FOUND;
    }

    /**
     * The 500 page used when the environment is production, where exception details must not
     * be shown.
     *
     * @return the cached page
     */
    public static String productionError() {
        return PRODUCTION_ERROR;
    }

    private static String buildNotFound() {
        StringBuilder out = HtmlPage.begin(new StringBuilder(3072), "404 Not Found", CSS);
        out.append("<main>\n")
                .append(SIGNPOST_SVG)
                .append("<p class=\"status\">404 NOT FOUND</p>\n")
                .append("<h2>Kemal doesn't know this way.</h2>\n")
                .append("<p>Check the URL for typos or a missing part of the path.</p>\n")
                .append("</main>\n");
        return HtmlPage.end(out);
    }

    private static String buildProductionError() {
        StringBuilder out =
                HtmlPage.begin(new StringBuilder(1536), "500 Internal Server Error", CSS);
        out.append("<main>\n")
                .append("<h2>Kemal has encountered an error. (500)</h2>\n")
                .append("<p>Something wrong with the server :(</p>\n")
                .append("</main>\n");
        return HtmlPage.end(out);
    }
}
