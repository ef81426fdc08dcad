package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Expect: 100-continue} (RFC 9110 §10.1.1): the interim response goes out only when a
 * handler reads the body; a handler that answers without reading it gets its response straight
 * away, and the connection is then only reused when the body really arrived.
 */
class ExpectContinueTest extends EngineTestBase {
    private static final String EXPECT_HEAD =
            "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n";

    private final CountDownLatch mayRead = new CountDownLatch(1);

    @BeforeEach
    void routes() {
        app.post("/echo", env -> {
            mayRead.await(5, TimeUnit.SECONDS);
            return "echo " + env.request().body();
        });
        app.post("/ignore", env -> "ignored");
        app.get("/", env -> "root");
    }

    @Test
    void continueIsSentOnlyWhenTheRouteReadsTheBody() throws IOException {
        try (RawClient client = connect()) {
            client.send(EXPECT_HEAD);
            // The route has not read yet: nothing may be sent.
            client.assertOpenAndQuiet(200);
            mayRead.countDown();
            RawResponse interim = client.read();
            assertThat(interim.statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(interim.headers()).isEmpty();
            client.send("hello");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("echo hello");
            assertThat(response.header("Connection")).isEqualTo("keep-alive");

            client.send(get("/"));
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void continueIsSentForAChunkedBody() throws IOException {
        mayRead.countDown();
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nExpect: 100-Continue\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(100);
            client.send("5\r\nhello\r\n0\r\n\r\n");
            assertThat(client.read().text()).isEqualTo("echo hello");
        }
    }

    @Test
    void aRouteThatNeverReadsTheBodyAnswersDirectlyAndCloses() throws IOException {
        try (RawClient client = connect()) {
            client.send(EXPECT_HEAD.replace("/echo", "/ignore"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("ignored");
            // The client may or may not send the body now; the server cannot tell it from a new
            // request, so it must not keep the connection.
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void aClientThatSendsTheBodyWithoutWaitingKeepsTheConnection() throws IOException {
        try (RawClient client = connect()) {
            client.send(EXPECT_HEAD.replace("/echo", "/ignore") + "hello" + get("/"));
            List<RawResponse> first = client.readThroughInterim();
            RawResponse response = first.get(first.size() - 1);
            assertThat(response.text()).isEqualTo("ignored");
            assertThat(first).allSatisfy(r -> assertThat(r.status()).isIn(100, 200));
            if ("keep-alive".equals(response.header("Connection"))) {
                assertThat(client.read().text()).isEqualTo("root");
            } else {
                client.assertClosed();
            }
        }
    }

    @Test
    void theBodySentWithoutWaitingForContinueIsRead() throws IOException {
        mayRead.countDown();
        try (RawClient client = connect()) {
            client.send(EXPECT_HEAD + "hello");
            List<RawResponse> responses = client.readThroughInterim();
            RawResponse last = responses.get(responses.size() - 1);
            assertThat(last.text()).isEqualTo("echo hello");
            assertThat(last.header("Connection")).isEqualTo("keep-alive");
        }
    }

    @Test
    void anUnknownExpectationGets417() throws IOException {
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: fancy-feature\r\n\r\nhello");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(417);
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void expectOnAnHttp10RequestIsIgnored() throws IOException {
        // RFC 9110 §10.1.1: a server MUST ignore a 100-continue expectation in an HTTP/1.0 request.
        mayRead.countDown();
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("echo hello");
        }
    }

    @Test
    void expectWithoutABodyNeedsNoContinue() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/", "Expect: 100-continue\r\n"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("keep-alive");
        }
    }
}
