package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request line, header and body limits: 414, 431 and 413, each ending the connection. */
class LimitsTest extends EngineTestBase {

    @BeforeEach
    void routes() {
        app.get("/", env -> "ok");
        app.post("/echo", env -> env.request().body());
        app.post("/length", env -> {
            long n = 0;
            InputStream in = env.request().bodyStream();
            byte[] buf = new byte[8192];
            for (int r; (r = in.read(buf)) != -1; ) n += r;
            return Long.toString(n);
        });
        app.post("/ignore", env -> "ignored");
    }

    @Test
    void aRequestLineAtTheLimitIsAccepted() throws IOException {
        app.config().maxRequestLineSize(256);
        String line = "GET /" + "a".repeat(256 - "GET / HTTP/1.1".length()) + " HTTP/1.1";
        assertThat(line).hasSize(256);
        app.get("/" + "a".repeat(256 - "GET / HTTP/1.1".length()), env -> "long");
        try (RawClient client = connect()) {
            client.send(line + "\r\nHost: localhost\r\n\r\n");
            assertThat(client.read().text()).isEqualTo("long");
        }
    }

    @Test
    void aRequestLineOverTheLimitGets414AndClose() throws IOException {
        app.config().maxRequestLineSize(256);
        try (RawClient client = connect()) {
            client.send(get("/" + "a".repeat(256 - "GET / HTTP/1.1".length() + 1)));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(414);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.header("Date")).isNotNull();
            client.assertClosed();
        }
    }

    @Test
    void aHugeRequestLineWithoutEndGets414() throws IOException {
        app.config().maxRequestLineSize(1024);
        try (RawClient client = connect()) {
            client.send("GET /" + "a".repeat(4000));
            assertThat(client.read().status()).isEqualTo(414);
            client.assertClosed();
        }
    }

    @Test
    void headersOverTheLimitGet431AndClose() throws IOException {
        app.config().maxHeadersSize(1024);
        try (RawClient client = connect()) {
            client.send(get("/", "X-Big: " + "b".repeat(1100) + "\r\n"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void manySmallHeadersOverTheLimitGet431() throws IOException {
        app.config().maxHeadersSize(1024);
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 200; i++) headers.append("X-H").append(i).append(": v\r\n");
        try (RawClient client = connect()) {
            client.send(get("/", headers.toString()));
            assertThat(client.read().status()).isEqualTo(431);
            client.assertClosed();
        }
    }

    @Test
    void headersUnderTheLimitAreAccepted() throws IOException {
        app.config().maxHeadersSize(1024);
        try (RawClient client = connect()) {
            client.send(get("/", "X-Big: " + "b".repeat(900) + "\r\n"));
            assertThat(client.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aContentLengthOverTheLimitGets413WithoutTheBodyBeingSent() throws IOException {
        app.config().maxRequestBodySize(1000);
        try (RawClient client = connect()) {
            // Only the head: the server must answer without waiting for a byte of the body.
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.header("Date")).isNotNull();
            client.assertClosed();
        }
    }

    @Test
    void aContentLengthOverTheLimitGets413EvenOnARouteThatIgnoresTheBody() throws IOException {
        app.config().maxRequestBodySize(1000);
        try (RawClient client = connect()) {
            client.send("POST /ignore HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1001\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(413);
            client.assertClosed();
        }
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() throws IOException {
        app.config().maxRequestBodySize(1000);
        try (RawClient client = connect()) {
            client.send(post("/echo", "x".repeat(1000)));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(1000);
        }
    }

    @Test
    void expectContinueOverTheLimitGets413InsteadOf100() throws IOException {
        app.config().maxRequestBodySize(1000);
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitGets413() throws IOException {
        app.config().maxRequestBodySize(1000);
        try (RawClient client = connect()) {
            client.send("POST /length HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                client.send("258\r\n" + "c".repeat(600) + "\r\n");
            }
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void aChunkedBodyPastTheLimitSentAtOnceGets413() throws IOException {
        app.config().maxRequestBodySize(1000);
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3e9\r\n" + "c".repeat(1001) + "\r\n0\r\n\r\n" + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void aChunkedBodyPastTheLimitBehindASlowRequestStillGets413() throws IOException {
        app.config().maxRequestBodySize(1000);
        app.get("/slow", env -> {
            Thread.sleep(300);
            return "slow";
        });
        try (RawClient client = connect()) {
            // The body goes over the limit while the first request is still being handled.
            client.send(get("/slow") + "POST /ignore HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3e9\r\n" + "c".repeat(1001) + "\r\n0\r\n\r\n" + get("/"));
            assertThat(client.read().text()).isEqualTo("slow");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void theCustom413PageIsUsed() throws IOException {
        app.config().maxRequestBodySize(10);
        app.error(413, env -> "too big");
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 11\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).isEqualTo("too big");
            client.assertClosed();
        }
    }

    @Test
    void theCustom413PageIsUsedForAChunkedBody() throws IOException {
        app.config().maxRequestBodySize(10);
        app.error(413, env -> "too big");
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "b\r\n" + "c".repeat(11) + "\r\n0\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.text()).isEqualTo("too big");
            client.assertClosed();
        }
    }

    @Test
    void noLimitLetsALargeBodyThrough() throws Exception {
        app.config().maxRequestBodySize((Long) null);
        int size = 12 * 1024 * 1024; // over the 8 MiB default
        try (RawClient client = connect()) {
            client.send("POST /length HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + size + "\r\n\r\n");
            byte[] piece = new byte[256 * 1024];
            for (int sent = 0; sent < size; sent += piece.length) client.send(piece);
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo(Integer.toString(size));
        }
    }

    @Test
    void theDefaultLimitRefusesALargeBody() throws IOException {
        try (RawClient client = connect()) {
            client.send("POST /length HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + (8 * 1024 * 1024 + 1) + "\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(413);
            client.assertClosed();
        }
    }
}
