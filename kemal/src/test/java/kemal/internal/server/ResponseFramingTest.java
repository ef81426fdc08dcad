package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kemal.Kemal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How responses are framed: Content-Length, chunked, until-close, no body; Date; HEAD. */
class ResponseFramingTest extends EngineTestBase {
    /** IMF-fixdate (RFC 9110 §5.6.7). */
    private static final String IMF_FIXDATE =
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    @BeforeEach
    void routes() {
        app.get("/size/:n", env -> {
            byte[] body = new byte[Integer.parseInt(env.params().url("n"))];
            for (int i = 0; i < body.length; i++) body[i] = (byte) ('a' + i % 26);
            return body;
        });
        app.get("/printed", env -> {
            // Many small prints, together larger than any single buffer.
            for (int i = 0; i < 5000; i++) env.response().print("line " + i + "\n");
            return null;
        });
        app.get("/flushing", env -> {
            env.response().print("first,");
            env.response().flush();
            env.response().print("second,");
            env.response().flush();
            env.response().flush(); // nothing new: no empty chunk (which would end the body)
            return "third";
        });
        app.get("/status/:code", env -> {
            env.response().status(Integer.parseInt(env.params().url("code")));
            env.response().header("X-Route", "yes");
            return "this body must not be sent";
        });
        app.get("/stream/:n", env -> {
            byte[] data = new byte[Integer.parseInt(env.params().url("n"))];
            Arrays.fill(data, (byte) 's');
            return new ByteArrayInputStream(data);
        });
        app.get("/empty", env -> null);
        app.get("/", env -> "root");
        app.post("/echo", env -> env.request().body());
        app.get("/declared", env -> {
            env.response().header("Content-Length", "999");
            env.response().header("Transfer-Encoding", "gzip");
            return "actual";
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 32767, 32768, 65536, 1024 * 1024})
    void aBufferedBodyOfAnySizeHasContentLength(int size) throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/size/" + size) + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(size));
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.body()).hasSize(size);
            assertThat(response.body()[size - 1]).isEqualTo((byte) ('a' + (size - 1) % 26));
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void manyPrintsAreBufferedIntoOneContentLengthBody() throws IOException {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) expected.append("line ").append(i).append('\n');
        try (RawClient client = connect()) {
            client.send(get("/printed"));
            RawResponse response = client.read();
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(expected.length()));
            assertThat(response.text()).isEqualTo(expected.toString());
        }
    }

    @Test
    void anEmptyBodyHasContentLengthZero() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/empty") + get("/"));
            RawResponse response = client.read();
            assertThat(response.header("Content-Length")).isEqualTo("0");
            assertThat(response.body()).isEmpty();
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void flushingStreamsWithChunkedFraming() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/flushing") + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.chunkSizes()).containsExactly(6, 7, 5, 0);
            assertThat(response.text()).isEqualTo("first,second,third");
            assertThat(response.trailers()).isEmpty();
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void theChunkedBytesOnTheWireAreExactlyRight() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/flushing", "Connection: close\r\n"));
            String raw = new String(client.readToEnd(), java.nio.charset.StandardCharsets.ISO_8859_1);
            String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
            assertThat(body).isEqualTo("6\r\nfirst,\r\n7\r\nsecond,\r\n5\r\nthird\r\n0\r\n\r\n");
        }
    }

    @Test
    void anHttp10ClientGetsAFlushedBodyUntilClose() throws IOException {
        try (RawClient client = connect()) {
            client.send("GET /flushing HTTP/1.0\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.text()).isEqualTo("first,second,third");
        }
    }

    @Test
    void theRouteCannotOverrideTheFramingHeaders() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/declared") + get("/"));
            RawResponse response = client.read();
            assertThat(response.header("Content-Length")).isEqualTo("6");
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.text()).isEqualTo("actual");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    // ---- Date ---------------------------------------------------------------------------------

    private static void assertDate(RawResponse response) {
        String date = response.header("Date");
        assertThat(date).as("Date of %s", response.statusLine()).matches(IMF_FIXDATE);
        Instant sent = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(Duration.between(sent, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void everyResponseCarriesAnImfFixdate() throws IOException {
        app.config().maxRequestBodySize(10);
        List<RawResponse> responses = new ArrayList<>();
        try (RawClient client = connect()) {
            client.send(get("/") + get("/nowhere") + get("/flushing") + get("/status/204") + get("/status/500"));
            responses.add(client.read());
            responses.add(client.read());
            responses.add(client.read());
            responses.add(client.read());
            responses.add(client.read());
        }
        try (RawClient client = connect()) {
            client.send(post("/echo", "more than ten bytes"));
            responses.add(client.read());
        }
        try (RawClient client = connect()) {
            client.send("GET / HTTP/1.1\r\n\r\n");
            responses.add(client.read());
        }
        assertThat(responses).extracting(RawResponse::status).containsExactly(200, 404, 200, 204, 500, 413, 400);
        responses.forEach(ResponseFramingTest::assertDate);
    }

    // ---- responses without a body -------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void noBodyAndNoContentLength(int status) throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/status/" + status) + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("X-Route")).isEqualTo("yes");
            assertThat(response.header("Connection")).isEqualTo("keep-alive");
            // The next response starts right after the head: no stray body bytes in between.
            RawResponse next = client.read();
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(next.text()).isEqualTo("root");
        }
    }

    @Test
    void a205HasAnEmptyBody() throws IOException {
        // RFC 9110 §15.3.6: no content in a 205, yet (unlike 204) its framing says length 0.
        app.get("/flush205", env -> {
            env.response().status(205);
            env.response().print("no");
            env.response().flush();
            return "body";
        });
        try (RawClient client = connect()) {
            client.send(get("/status/205") + get("/flush205") + get("/"));
            for (int i = 0; i < 2; i++) {
                RawResponse response = client.read();
                assertThat(response.status()).isEqualTo(205);
                assertThat(response.header("Content-Length")).isEqualTo("0");
                assertThat(response.header("Transfer-Encoding")).isNull();
                assertThat(response.body()).isEmpty();
            }
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void a204FromAFlushingRouteHasNoBodyEither() throws IOException {
        app.get("/flush204", env -> {
            env.response().status(204);
            env.response().print("no");
            env.response().flush();
            return "body";
        });
        try (RawClient client = connect()) {
            client.send(get("/flush204") + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("Content-Length")).isNull();
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    // ---- HEAD ---------------------------------------------------------------------------------

    private static List<String> headersWithoutDate(RawResponse response) {
        List<String> out = new ArrayList<>();
        for (String[] field : response.headers()) {
            if (!field[0].equalsIgnoreCase("Date")) out.add(field[0] + ": " + field[1]);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/size/1", "/size/40000", "/empty", "/"})
    void headHasTheGetHeadersAndNoBody(String path) throws IOException {
        try (RawClient client = connect()) {
            client.send(get(path));
            RawResponse getResponse = client.read();
            client.send("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n" + get("/"));
            RawResponse headResponse = client.readHead();
            assertThat(headResponse.statusLine()).isEqualTo(getResponse.statusLine());
            assertThat(headersWithoutDate(headResponse)).isEqualTo(headersWithoutDate(getResponse));
            assertThat(headResponse.header("Content-Length")).isEqualTo(Integer.toString(getResponse.body().length));
            // The next response must start right after the HEAD's head.
            RawResponse next = client.read();
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(next.text()).isEqualTo("root");
        }
    }

    @Test
    void headOfAStreamedRouteCountsItsLength() throws IOException {
        try (RawClient client = connect()) {
            client.send("HEAD /stream/100000 HTTP/1.1\r\nHost: localhost\r\n\r\n" + get("/")
                    + "HEAD /flushing HTTP/1.1\r\nHost: localhost\r\n\r\n" + get("/"));
            RawResponse head = client.readHead();
            assertThat(head.header("Content-Length")).isEqualTo("100000");
            assertThat(head.header("Transfer-Encoding")).isNull();
            assertThat(client.read().text()).isEqualTo("root");
            RawResponse flushing = client.readHead();
            assertThat(flushing.header("Content-Length")).isEqualTo(Integer.toString("first,second,third".length()));
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void headOfAnUnknownPathIs404WithoutBody() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/nowhere"));
            RawResponse getResponse = client.read();
            client.send("HEAD /nowhere HTTP/1.1\r\nHost: localhost\r\n\r\n" + get("/"));
            RawResponse head = client.readHead();
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(getResponse.body().length));
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void headOnHttp10() throws IOException {
        try (RawClient client = connect()) {
            client.send("HEAD /size/10 HTTP/1.0\r\n\r\n");
            RawResponse head = client.readHead();
            assertThat(head.header("Content-Length")).isEqualTo("10");
            assertThat(head.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    // ---- streams ------------------------------------------------------------------------------

    @Test
    void anInputStreamOver64KiBIsChunked() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/stream/200000") + get("/"));
            RawResponse response = client.read();
            assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.body()).hasSize(200000);
            assertThat(response.chunkSizes().get(response.chunkSizes().size() - 1)).isZero();
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void aSmallInputStreamHasContentLength() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/stream/1000") + get("/stream/0") + get("/"));
            RawResponse response = client.read();
            assertThat(response.header("Content-Length")).isEqualTo("1000");
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.body()).hasSize(1000);
            RawResponse empty = client.read();
            assertThat(empty.header("Content-Length")).isEqualTo("0");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void aHaltedResponseIsFramedToo() throws IOException {
        app.get("/halt", env -> Kemal.halt(env, 403, "Forbidden"));
        try (RawClient client = connect()) {
            client.send(get("/halt") + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Content-Length")).isEqualTo("9");
            assertThat(response.text()).isEqualTo("Forbidden");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void aRedirectIsFramed() throws IOException {
        app.get("/old", env -> env.redirect("/new"));
        try (RawClient client = connect()) {
            client.send(get("/old") + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).isEqualTo("/new");
            assertThat(response.header("Content-Length")).isEqualTo("0");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }
}
