package kemal.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Structural checks shared by the page tests: what markup a built-in page may contain. */
final class PageAssertions {

    private static final Set<String> ALLOWED_TAGS = Set.of(
            "!doctype", "html", "head", "meta", "title", "style", "body", "header", "main",
            "h1", "h2", "p", "span", "pre", "table", "tr", "th", "td",
            "svg", "g", "ellipse", "rect", "circle", "path", "text");

    /** A whole tag; escaped text can never contain '<', so every match is real markup. */
    private static final Pattern TAG = Pattern.compile("<(/?)([!a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern EVENT_ATTRIBUTE = Pattern.compile("\\son\\w+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNSAFE_ATTRIBUTE =
            Pattern.compile("\\s(src|href|xlink:href|action|formaction|srcdoc|style)\\s*=", Pattern.CASE_INSENSITIVE);

    private PageAssertions() {
    }

    /** No script, no event handler, no external resource, and only the tags the pages use. */
    static void assertInertSelfContainedPage(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>\n").endsWith("</html>\n");
        assertThat(html).doesNotContainIgnoringCase("<script");
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            String name = m.group(2).toLowerCase();
            String attributes = m.group(3);
            assertThat(ALLOWED_TAGS).as("tag %s", m.group()).contains(name);
            assertThat(EVENT_ATTRIBUTE.matcher(attributes).find()).as("event handler in %s", m.group()).isFalse();
            assertThat(UNSAFE_ATTRIBUTE.matcher(attributes).find()).as("unsafe attribute in %s", m.group()).isFalse();
            assertThat(attributes.toLowerCase()).as(m.group()).doesNotContain("javascript:", "http:", "https:");
        }
        String css = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
        assertThat(css).doesNotContain("url(", "@import", "expression(");
        // Exactly one of each: an injected closing tag would show up as a second one.
        for (String unique : new String[] {"<html", "</html>", "<head>", "</head>", "<title>",
                "</title>", "<style>", "</style>", "<body>", "</body>"}) {
            assertThat(count(html, unique)).as(unique).isEqualTo(1);
        }
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\""
                + HtmlPage.CONTENT_SECURITY_POLICY + "\">");
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
