package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RFC 9112 message-syntax rules a server MUST enforce: a malformed request gets its error
 * status with {@code Connection: close}, and the connection is closed, so nothing after it can be
 * misread as another request (request smuggling).
 */
class MessageParsingTest extends EngineTestBase {

    @BeforeEach
    void routes() {
        app.get("/", env -> "root");
        app.get("/a", env -> "a " + env.params().query("b") + " " + env.request().path() + " " + env.request().resource());
        app.post("/echo", env -> "echo " + env.request().body());
        app.post("/ignore", env -> "ignored");
    }

    /** Sends {@code request}, expects {@code status} with Connection: close, then the server closing. */
    private RawResponse assertRejected(String request, int status) throws IOException {
        try (RawClient client = connect()) {
            // A valid request after the bad one must never be answered.
            client.send(request + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).as(response.toString()).isEqualTo(status);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.header("Date")).isNotNull();
            client.assertClosed();
            return response;
        }
    }

    @Test
    void aValidRequestIsAnsweredAndTheConnectionKept() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/"));
            RawResponse response = client.read();
            assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(response.text()).isEqualTo("root");
            client.assertOpenAndQuiet(50);
        }
    }

    @Test
    void missingHostOnHttp11() throws IOException {
        assertRejected("GET / HTTP/1.1\r\n\r\n", 400);
    }

    @Test
    void missingHostOnHttp10IsFine() throws IOException {
        try (RawClient client = connect()) {
            client.send("GET / HTTP/1.0\r\n\r\n");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void duplicateHost() throws IOException {
        assertRejected("GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "example.com:80:80", "example.com:http", "ex/ample", "[::1", "a@b"})
    void invalidHostValue(String host) throws IOException {
        assertRejected("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:8080", "127.0.0.1:3000", "[::1]:3000", "xn--bcher-kva.example", ""})
    void validHostValues(String host) throws IOException {
        try (RawClient client = connect()) {
            client.send("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(200);
        }
    }

    @Test
    void whitespaceBetweenHeaderNameAndColon() throws IOException {
        assertRejected("GET / HTTP/1.1\r\nHost : localhost\r\n\r\n", 400);
        assertRejected("GET / HTTP/1.1\r\nHost: localhost\r\nX-A\t: 1\r\n\r\n", 400);
    }

    @Test
    void obsoleteLineFoldingIsReplacedBySpace() throws IOException {
        // RFC 9112 §5.2 allows either a 400 or replacing the fold with SP before using the value.
        app.get("/folded", env -> "[" + env.request().header("X-A") + "]");
        try (RawClient client = connect()) {
            client.send("GET /folded HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\n folded\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).matches("\\[1 +folded\\]");
        }
    }

    @Test
    void conflictingContentLengths() throws IOException {
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400);
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3, 4\r\n\r\nabcd", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "+5", "0x10", "1 2", "99999999999999999999999"})
    void invalidContentLength(String value) throws IOException {
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + value + "\r\n\r\n", 400);
    }

    @Test
    void contentLengthTogetherWithTransferEncoding() throws IOException {
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n", 400);
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Length: 30\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "-3", "3 3", "0x3", " 3", "1000000000000000000"})
    void badChunkSize(String size) throws IOException {
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + size + "\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void badChunkSizeOnARouteThatIgnoresTheBody() throws IOException {
        try (RawClient client = connect()) {
            client.send("POST /ignore HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\nabc\r\n0\r\n\r\n" + get("/"));
            RawResponse response = client.read();
            // Whether the bad chunk is seen before the route has answered is a race: either the
            // request is refused, or the route's answer stands. Either way the connection ends.
            if (response.status() == 200) {
                assertThat(response.text()).isEqualTo("ignored");
            } else {
                assertThat(response.status()).isEqualTo(400);
            }
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void aMalformedBodyBehindASlowRequestStillGetsItsAnswer() throws IOException {
        app.get("/slow", env -> {
            Thread.sleep(300);
            return "slow";
        });
        try (RawClient client = connect()) {
            // The bad chunk is decoded while the first request is still being handled.
            client.send(get("/slow") + "POST /ignore HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\nabc\r\n0\r\n\r\n" + get("/"));
            RawResponse first = client.read();
            assertThat(first.text()).isEqualTo("slow");
            RawResponse second = client.read();
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void missingCrlfAfterChunkData() throws IOException {
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabcXX\r\n0\r\n\r\n", 400);
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc0\r\n\r\n", 400);
    }

    @Test
    void unknownTransferCoding() throws IOException {
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501);
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n", 501);
    }

    @Test
    void chunkedThatIsNotTheFinalCoding() throws IOException {
        // RFC 9112 §6.3: the body length cannot be determined: 400, then close.
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400);
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: identity\r\n\r\n", 400);
    }

    @Test
    void transferEncodingOnHttp10() throws IOException {
        // RFC 9112 §6.1: the framing of an HTTP/1.0 message with Transfer-Encoding is faulty.
        assertRejected("POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void bareLfLineEndings() throws IOException {
        assertRejected("GET / HTTP/1.1\nHost: localhost\n\n", 400);
        assertRejected("GET / HTTP/1.1\r\nHost: localhost\nX-A: 1\r\n\r\n", 400);
    }

    @Test
    void bareCrInAHeader() throws IOException {
        assertRejected("GET / HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r2\r\n\r\n", 400);
    }

    @Test
    void bareLfInAChunkSizeLine() throws IOException {
        assertRejected("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\nabc\r\n0\r\n\r\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.0", "HTTP/1.2", "HTTP/9.9"})
    void unsupportedHttpVersions(String version) throws IOException {
        assertRejected("GET / " + version + "\r\nHost: localhost\r\n\r\n", 505);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELLO", "GET /", "GET / HTTP/1.1 extra", "GET / HTTP/1.x",
            "GET / FOO/1.1", "G(T / HTTP/1.1", "GET /\u0001 HTTP/1.1", "GET a/b HTTP/1.1", "GET * HTTP/1.1",
            "GET ftp://example.com/ HTTP/1.1", "GET / HTTP/1.1\u0000", "CONNECT example.com:443 HTTP/1.1",
            "GET http:///a HTTP/1.1", "GET http://a<b/ HTTP/1.1"})
    void garbageRequestLines(String line) throws IOException {
        assertRejected(line + "\r\nHost: localhost\r\n\r\n", 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-A: a\u0000b", "X(A): 1", "X-A\u0001: 1", ": empty name", "X-A: a\u007fb"})
    void invalidHeaderFields(String field) throws IOException {
        assertRejected("GET / HTTP/1.1\r\nHost: localhost\r\n" + field + "\r\n\r\n", 400);
    }

    @Test
    void anOverlongChunkExtensionIsRefused() throws IOException {
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;ext=" + "e".repeat(100_000) + "\r\nabc\r\n0\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isIn(400, 413, 431);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void overlongTrailersAreRefused() throws IOException {
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n0\r\n" + "X-Trailer: " + "t".repeat(100_000) + "\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isIn(400, 413, 431);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void absoluteFormTargetWinsOverTheHostHeader() throws IOException {
        // RFC 9112 §3.2.2: with an absolute-form target the Host header is ignored.
        app.get("/host", env -> env.request().host());
        try (RawClient client = connect()) {
            client.send("GET http://example.org:8080/host HTTP/1.1\r\nHost: other.example\r\n\r\n"
                    + "GET https://user:pw@example.net/host?x=1 HTTP/1.1\r\nHost: other.example\r\n\r\n"
                    + "GET /host HTTP/1.1\r\nHost: other.example\r\n\r\n");
            assertThat(client.read().text()).isEqualTo("example.org:8080");
            assertThat(client.read().text()).isEqualTo("example.net");
            assertThat(client.read().text()).isEqualTo("other.example");
        }
    }

    @Test
    void absoluteFormTargetRoutesOnItsPath() throws IOException {
        try (RawClient client = connect()) {
            client.send("GET http://localhost/a?b=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("a 1 /a /a?b=1");
            assertThat(response.header("Connection")).isEqualTo("keep-alive");
        }
    }

    @Test
    void optionsAsteriskIsAnsweredNotRejected() throws IOException {
        try (RawClient client = connect()) {
            client.send("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n" + get("/"));
            RawResponse response = client.read();
            // No route serves "*", so the application answers 404 like any unknown path.
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Connection")).isEqualTo("keep-alive");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void lowercaseMethodIsAnotherMethod() throws IOException {
        // Methods are case-sensitive (RFC 9110 §9.1): "get" is not GET, so no route answers it.
        try (RawClient client = connect()) {
            client.send("get / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(404);
        }
    }
}
