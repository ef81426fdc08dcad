package kemal.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExceptionPageTest {

    private static final String XSS = "<script>alert(1)</script>";
    private static final String XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    /** Mutable stand-in for a request, so each test changes only what it is about. */
    private static final class Fixture {
        int status = 500;
        String method = "GET";
        String path = "/boom";
        String queryString = "a=1";
        Throwable error = new IllegalStateException("kaboom");
        List<Map.Entry<String, String>> requestHeaders = new ArrayList<>(List.of(
                Map.entry("Host", "localhost:3000"), Map.entry("Accept", "text/html")));
        Map<String, List<String>> queryParams = new LinkedHashMap<>(Map.of("a", List.of("1")));
        Map<String, String> cookies = new LinkedHashMap<>(Map.of("session", "abc123"));
        Map<String, String> routeParams = new LinkedHashMap<>(Map.of("id", "42"));
        List<Map.Entry<String, String>> responseHeaders = new ArrayList<>(List.of(
                Map.entry("Content-Type", "text/html")));
        String kemalEnv = "development";

        String render() {
            return ExceptionPage.render(new ExceptionDetails(status, method, path, queryString, error,
                    requestHeaders, queryParams, cookies, routeParams, responseHeaders, kemalEnv));
        }
    }

    @Nested
    class Headings {

        @Test
        void titleHasReasonMethodPathAndFirstMessageLine() {
            Fixture f = new Fixture();
            f.error = new IllegalStateException("first line\nsecond line");
            assertThat(f.render()).contains(
                    "<title>An Error Occurred: Internal Server Error at GET /boom - first line</title>");
        }

        @Test
        void titleUsesReasonOfTheGivenStatus() {
            Fixture f = new Fixture();
            f.status = 404;
            f.method = "POST";
            assertThat(f.render())
                    .contains("<title>An Error Occurred: Not Found at POST /boom - kaboom</title>")
                    .contains("<p class=\"status\">404 Not Found</p>");
        }

        @Test
        void headingHasClassNameAndMessage() {
            String page = new Fixture().render();
            assertThat(page).contains(
                    "<h1><span class=\"class\">java.lang.IllegalStateException</span>: kaboom</h1>");
            assertThat(page).contains("<p class=\"where\">GET /boom</p>");
        }

        @Test
        void nullMessageFallsBackToClassName() {
            Fixture f = new Fixture();
            f.error = new RuntimeException();
            String page = f.render();
            assertThat(page).contains("at GET /boom - java.lang.RuntimeException</title>");
            assertThat(page).contains("<h1><span class=\"class\">java.lang.RuntimeException</span></h1>");
        }

        @Test
        void messageThatThrowsDoesNotBreakThePage() {
            Fixture f = new Fixture();
            f.error = new RuntimeException() {
                @Override
                public String getMessage() {
                    throw new UnsupportedOperationException("nope");
                }
            };
            String page = f.render();
            assertThat(page).contains("(getMessage() threw java.lang.UnsupportedOperationException)");
            PageAssertions.assertInertSelfContainedPage(page);
        }

        @Test
        void nullErrorStillRenders() {
            Fixture f = new Fixture();
            f.error = null;
            String page = f.render();
            assertThat(page).contains("- no exception</title>", "<h1>Unknown error</h1>",
                    "No exception was recorded.");
            PageAssertions.assertInertSelfContainedPage(page);
        }
    }

    @Nested
    class StackTrace {

        @Test
        void showsFramesOnePerLine() {
            String page = new Fixture().render();
            assertThat(page).contains("\n\t<span class=\"frame\">at "
                    + "kemal.internal.errors.ExceptionPageTest$Fixture.&lt;init&gt;(ExceptionPageTest.java:");
            assertThat(page).contains("<span class=\"frame lib\">at java.base/");
        }

        @Test
        void showsNestedCauses() {
            Fixture f = new Fixture();
            IOException root = new IOException("disk on fire");
            f.error = new IllegalStateException("outer", new UncheckedIOException("middle", root));
            String page = f.render();
            assertThat(page)
                    .contains("<span class=\"exc\">java.lang.IllegalStateException: outer</span>")
                    .contains("<span class=\"exc\">Caused by: java.io.UncheckedIOException: middle</span>")
                    .contains("<span class=\"exc\">Caused by: java.io.IOException: disk on fire</span>")
                    .containsPattern("<span class=\"more\">\\.\\.\\. \\d+ more</span>");
            assertThat(page.indexOf("IllegalStateException: outer"))
                    .isLessThan(page.indexOf("UncheckedIOException: middle"));
            assertThat(page.indexOf("UncheckedIOException: middle"))
                    .isLessThan(page.indexOf("IOException: disk on fire"));
        }

        @Test
        void showsSuppressedExceptionsIndented() {
            Fixture f = new Fixture();
            Exception main = new Exception("main");
            main.addSuppressed(new ArithmeticException("while closing"));
            f.error = main;
            assertThat(f.render()).contains(
                    "\n\t<span class=\"exc\">Suppressed: java.lang.ArithmeticException: while closing</span>");
        }

        @Test
        void survivesCyclicCauses() {
            RuntimeException a = new RuntimeException("a");
            IllegalStateException b = new IllegalStateException("b", a);
            a.initCause(b);
            Fixture f = new Fixture();
            f.error = a;
            String page = f.render();
            assertThat(page)
                    .contains("Caused by: java.lang.IllegalStateException: b")
                    .contains("Caused by: [cyclic reference] java.lang.RuntimeException: a");
            assertThat(PageAssertions.count(page, "Caused by:")).isEqualTo(2);
        }

        @Test
        void boundsVeryLongCauseChains() {
            Throwable chain = new RuntimeException("root");
            for (int i = 0; i < 5_000; i++) {
                chain = new RuntimeException("level " + i, chain);
            }
            Fixture f = new Fixture();
            f.error = chain;
            String page = f.render();
            assertThat(page).contains("... further exceptions omitted");
            assertThat(PageAssertions.count(page, "Caused by: java.lang.RuntimeException"))
                    .isEqualTo(StackTraceHtml.MAX_THROWABLES - 1);
        }

        @Test
        void matchesPrintStackTraceLineForLine() {
            Exception error = new IllegalStateException("outer",
                    new IllegalArgumentException("inner"));
            error.addSuppressed(new ArithmeticException("suppressed"));
            StringBuilder html = new StringBuilder();
            StackTraceHtml.append(html, error);
            String text = html.toString()
                    .replaceAll("<span class=\"[a-z ]+\">", "")
                    .replace("</span>", "")
                    .replace("&lt;", "<").replace("&gt;", ">");
            java.io.StringWriter expected = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(expected));
            assertThat(text.lines()).containsExactlyElementsOf(expected.toString().lines().toList());
        }
    }

    @Nested
    class Tables {

        @Test
        void showsRequestAndEnvironment() {
            Fixture f = new Fixture();
            f.kemalEnv = "staging";
            String page = f.render();
            assertThat(page)
                    .contains("<h2>Request</h2>")
                    .contains("<tr><th>Method</th><td>GET</td></tr>")
                    .contains("<tr><th>Path</th><td>/boom</td></tr>")
                    .contains("<tr><th>Query string</th><td>a=1</td></tr>")
                    .contains("<h2>Route params</h2>", "<tr><th>id</th><td>42</td></tr>")
                    .contains("<h2>Query params</h2>", "<tr><th>a</th><td>1</td></tr>")
                    .contains("<h2>Request headers</h2>", "<tr><th>Host</th><td>localhost:3000</td></tr>")
                    .contains("<h2>Cookies</h2>", "<tr><th>session</th><td>abc123</td></tr>")
                    .contains("<h2>Response headers</h2>", "<tr><th>Content-Type</th><td>text/html</td></tr>")
                    .contains("<h2>Environment</h2>", "<tr><th>Kemal env</th><td>staging</td></tr>");
        }

        @Test
        void sectionsAppearInOrder() {
            String page = new Fixture().render();
            String[] order = {"<h1>", "<h2>Stack trace</h2>", "<h2>Request</h2>", "<h2>Route params</h2>",
                "<h2>Query params</h2>", "<h2>Request headers</h2>", "<h2>Cookies</h2>",
                "<h2>Response headers</h2>", "<h2>Environment</h2>"};
            for (int i = 1; i < order.length; i++) {
                assertThat(page.indexOf(order[i - 1])).as(order[i]).isLessThan(page.indexOf(order[i]));
            }
        }

        @Test
        void repeatedQueryParamsAndHeadersGetOneRowEach() {
            Fixture f = new Fixture();
            f.queryParams = new LinkedHashMap<>();
            f.queryParams.put("likes", List.of("Ruby", "Crystal"));
            f.queryParams.put("flag", List.of());
            f.requestHeaders = List.of(Map.entry("X-Tag", "one"), Map.entry("X-Tag", "two"));
            String page = f.render();
            assertThat(page).contains(
                    "<tr><th>likes</th><td>Ruby</td></tr>\n<tr><th>likes</th><td>Crystal</td></tr>\n"
                            + "<tr><th>flag</th><td></td></tr>",
                    "<tr><th>X-Tag</th><td>one</td></tr>\n<tr><th>X-Tag</th><td>two</td></tr>");
        }

        @Test
        void nullQueryStringAndEmptyCollectionsSayNone() {
            Fixture f = new Fixture();
            f.queryString = null;
            f.requestHeaders = List.of();
            f.queryParams = Map.of();
            f.cookies = Map.of();
            f.routeParams = Map.of();
            f.responseHeaders = List.of();
            String page = f.render();
            assertThat(page).contains("<tr><th>Query string</th><td class=\"none\">none</td></tr>");
            assertThat(PageAssertions.count(page, "<p class=\"none\">none</p>")).isEqualTo(5);
            PageAssertions.assertInertSelfContainedPage(page);
        }

        @Test
        void nullComponentsAreTolerated() {
            String page = ExceptionPage.render(new ExceptionDetails(
                    500, null, null, null, null, null, null, null, null, null, null));
            assertThat(page).contains("<title>An Error Occurred: Internal Server Error at   - no exception</title>");
            assertThat(PageAssertions.count(page, "<p class=\"none\">none</p>")).isEqualTo(5);
            PageAssertions.assertInertSelfContainedPage(page);
        }

        @Test
        void nullKeysAndValuesRenderEmpty() {
            Fixture f = new Fixture();
            f.cookies = new LinkedHashMap<>();
            f.cookies.put(null, null);
            f.requestHeaders = new ArrayList<>();
            f.requestHeaders.add(null);
            String page = f.render();
            assertThat(page).contains("<h2>Cookies</h2>\n<table>\n<tr><th></th><td></td></tr>");
        }
    }

    @Nested
    class Escaping {

        @ParameterizedTest
        @ValueSource(strings = {
            "path", "method", "queryString", "headerName", "headerValue", "cookieName", "cookieValue",
            "routeParam", "queryParamKey", "queryParamValue", "responseHeader", "kemalEnv",
            "message", "causeMessage", "suppressedMessage",
        })
        void scriptPayloadNeverAppearsUnescaped(String where) {
            Fixture f = new Fixture();
            switch (where) {
                case "path" -> f.path = "/" + XSS;
                case "method" -> f.method = XSS;
                case "queryString" -> f.queryString = "q=" + XSS;
                case "headerName" -> f.requestHeaders.add(Map.entry(XSS, "v"));
                case "headerValue" -> f.requestHeaders.add(Map.entry("X-Evil", XSS));
                case "cookieName" -> f.cookies.put(XSS, "v");
                case "cookieValue" -> f.cookies.put("evil", XSS);
                case "routeParam" -> f.routeParams.put("name", XSS);
                case "queryParamKey" -> f.queryParams.put(XSS, List.of("v"));
                case "queryParamValue" -> f.queryParams.put("q", List.of("ok", XSS));
                case "responseHeader" -> f.responseHeaders.add(Map.entry("X-Echo", XSS));
                case "kemalEnv" -> f.kemalEnv = XSS;
                case "message" -> f.error = new IllegalArgumentException("bad input " + XSS);
                case "causeMessage" -> f.error = new RuntimeException("outer",
                        new IllegalStateException(XSS));
                case "suppressedMessage" -> {
                    RuntimeException e = new RuntimeException("outer");
                    e.addSuppressed(new IllegalStateException(XSS));
                    f.error = e;
                }
                default -> throw new AssertionError(where);
            }
            String page = f.render();
            assertThat(page).doesNotContain(XSS).contains(XSS_ESCAPED);
            assertThat(page.toLowerCase()).doesNotContain("<script");
            PageAssertions.assertInertSelfContainedPage(page);
        }

        @Test
        void everyInjectionVectorAtOnce() {
            String[] payloads = {
                XSS,
                "\"><img src=x onerror=alert(1)>",
                "'><svg onload=alert(1)>",
                "</title><script>alert(1)</script>",
                "</style><script>alert(1)</script>",
                "</pre></span><script>alert(1)</script>",
                "<ScRiPt>alert(1)</sCrIpT>",
                "<a href=\"javascript:alert(1)\">x</a>",
            };
            for (String payload : payloads) {
                Fixture f = new Fixture();
                f.path = "/" + payload;
                f.queryString = payload;
                f.requestHeaders.add(Map.entry(payload, payload));
                f.cookies.put(payload, payload);
                f.routeParams.put(payload, payload);
                f.queryParams.put(payload, List.of(payload));
                f.responseHeaders.add(Map.entry(payload, payload));
                f.kemalEnv = payload;
                f.error = new RuntimeException(payload, new IllegalStateException(payload));
                String page = f.render();
                assertThat(page).as(payload).doesNotContain(payload);
                assertThat(page).contains(Html.escape(payload));
                // Everything between tags is text: no payload survives as markup.
                PageAssertions.assertInertSelfContainedPage(page);
                assertThat(page).doesNotContainIgnoringCase("<script", "<img", "<a ", "onerror=\"",
                        "<svg onload");
            }
        }

        @Test
        void alreadyEscapedTextIsEscapedAgain() {
            Fixture f = new Fixture();
            f.path = "/&lt;b&gt;";
            assertThat(f.render()).contains("<tr><th>Path</th><td>/&amp;lt;b&amp;gt;</td></tr>");
        }
    }

    @Nested
    class Truncation {

        @Test
        void hugeValuesAreCutWithMarker() {
            Fixture f = new Fixture();
            String huge = "h".repeat(100_000);
            f.requestHeaders.add(Map.entry("X-Huge", huge));
            f.cookies.put("big", huge);
            f.queryParams.put("big", List.of(huge));
            f.routeParams.put(huge, "key is huge");
            f.path = "/" + huge;
            String page = f.render();
            assertThat(page).doesNotContain("h".repeat(TextLimits.MAX_VALUE_CHARS + 1));
            assertThat(page).contains("h".repeat(TextLimits.MAX_VALUE_CHARS) + " ... [truncated ");
            assertThat(page.length()).isLessThan(60_000);
        }

        @Test
        void hugeMessageIsCutInHeadingTraceAndTitle() {
            Fixture f = new Fixture();
            f.error = new RuntimeException("m".repeat(50_000));
            String page = f.render();
            assertThat(PageAssertions.count(page, " ... [truncated ")).isEqualTo(3);
            String title = page.substring(page.indexOf("<title>"), page.indexOf("</title>"));
            assertThat(title.length()).isLessThan(400);
            assertThat(page.length()).isLessThan(30_000);
        }

        @Test
        void escapingHappensAfterTruncation() {
            Fixture f = new Fixture();
            f.kemalEnv = "&".repeat(TextLimits.MAX_VALUE_CHARS + 1);
            String page = f.render();
            assertThat(page).contains("&amp;".repeat(TextLimits.MAX_VALUE_CHARS)
                    + " ... [truncated 1 more chars]</td>");
        }
    }
}
