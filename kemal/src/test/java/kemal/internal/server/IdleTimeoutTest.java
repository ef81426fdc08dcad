package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout closes connections that wait too long for the client (between requests, in a
 * request head, in a body), never one whose handler is still working.
 */
class IdleTimeoutTest extends EngineTestBase {
    private static final long IDLE_MILLIS = 300;
    private final AtomicReference<Throwable> bodyError = new AtomicReference<>();

    @BeforeEach
    void routes() {
        app.config().idleTimeout(Duration.ofMillis(IDLE_MILLIS));
        app.get("/", env -> "root");
        app.get("/slow", env -> {
            Thread.sleep(1000);
            return "slow";
        });
        app.get("/slow-stream", env -> {
            // Busy for longer than the timeout, with long pauses between parts.
            for (int i = 0; i < 3; i++) {
                env.response().print("part" + i + ";");
                env.response().flush();
                Thread.sleep(400);
            }
            return null;
        });
        app.post("/read", env -> {
            try {
                return env.request().body();
            } catch (RuntimeException e) {
                bodyError.set(e);
                throw e;
            }
        });
    }

    /** Waits (within the read timeout) for the server to close, returning how long it took. */
    private static long millisUntilClosed(RawClient client) throws IOException {
        long start = System.nanoTime();
        client.assertClosed();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/"));
            assertThat(client.read().header("Connection")).isEqualTo("keep-alive");
            long waited = millisUntilClosed(client);
            assertThat(waited).as("closed after about the idle timeout, not at once").isGreaterThanOrEqualTo(IDLE_MILLIS / 2);
        }
    }

    @Test
    void aConnectionThatNeverSendsARequestIsClosed() throws IOException {
        try (RawClient client = connect()) {
            millisUntilClosed(client);
        }
    }

    @Test
    void activityKeepsAConnectionOpen() throws Exception {
        // A longer timeout here: the gaps must stay well under it even on a loaded machine.
        app.config().idleTimeout(Duration.ofMillis(1000));
        try (RawClient client = connect()) {
            // Requests more often than the timeout, for longer than the timeout in total.
            for (int i = 0; i < 6; i++) {
                client.send(get("/"));
                assertThat(client.read().text()).isEqualTo("root");
                Thread.sleep(250);
            }
        }
    }

    @Test
    void aRequestHeadTricklingInIsClosed() throws Exception {
        try (RawClient client = connect()) {
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    client.send("GET / HTTP/1.1\r\nHost: localhost\r\n");
                    for (int i = 0; i < 100; i++) {
                        client.send("X-Slow-" + i + ": 1\r\n");
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException closedByServer) {
                    // Expected: the server closed the connection.
                }
            });
            // The head never completes: the server must close well before the 5 s the trickle lasts.
            client.assertClosed();
            trickle.join();
        }
    }

    @Test
    void aStalledBodyIsClosedAndFailsTheReadingRoute() throws Exception {
        try (RawClient client = connect()) {
            client.send("POST /read HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nonly a part");
            byte[] rest = client.readToEnd();
            // Either nothing, or an error response: never a 200 for a body that did not arrive.
            assertThat(new String(rest)).doesNotStartWith("HTTP/1.1 200");
        }
        for (int i = 0; i < 100 && bodyError.get() == null; i++) Thread.sleep(20);
        assertThat(bodyError.get()).isNotNull();
    }

    @Test
    void aSlowRouteIsNotAnIdleConnection() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/slow"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("slow");
            assertThat(response.header("Connection")).isEqualTo("keep-alive");
        }
    }

    @Test
    void aSlowRouteBehindPipelinedRequestsIsNotIdle() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/") + get("/slow") + get("/"));
            assertThat(client.read().text()).isEqualTo("root");
            assertThat(client.read().text()).isEqualTo("slow");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void aSlowStreamingRouteIsNotIdle() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/slow-stream"));
            RawResponse response = client.read();
            assertThat(response.text()).isEqualTo("part0;part1;part2;");
        }
    }

    @Test
    void aBodyHeldBackBecauseTheRouteReadsLateIsNotIdle() throws Exception {
        // The route reads only after a while; the body is too large to buffer meanwhile, so the
        // server stops reading it. That wait is the server's, not the client's.
        app.post("/late-reader", env -> {
            Thread.sleep(1000);
            return Integer.toString(env.request().bodyBytes().length);
        });
        int size = 2 * 1024 * 1024;
        try (RawClient client = connect()) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    client.send("POST /late-reader HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + size + "\r\n\r\n");
                    client.send(new byte[size]);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            RawResponse response = client.read();
            writer.join();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo(Integer.toString(size));
        }
    }

    @Test
    void aClientNotReadingAStreamedResponseIsNotIdle() throws Exception {
        // The route waits for the client to read; the client is slow but does read in the end.
        byte[] part = new byte[256 * 1024];
        app.get("/big-stream", env -> {
            for (int i = 0; i < 16; i++) {
                env.response().write(part);
                env.response().flush();
            }
            return null;
        });
        try (RawClient client = connect()) {
            client.socket().setReceiveBufferSize(64 * 1024);
            client.send(get("/big-stream"));
            Thread.sleep(IDLE_MILLIS * 3);
            RawResponse response = client.read();
            assertThat(response.body()).hasSize(16 * part.length);
        }
    }

    @Test
    void theIdleTimerRestartsAfterAResponse() throws Exception {
        app.config().idleTimeout(Duration.ofMillis(800));
        app.get("/slower", env -> {
            Thread.sleep(1200);
            return "slower";
        });
        try (RawClient client = connect()) {
            client.send(get("/slower"));
            assertThat(client.read().text()).isEqualTo("slower");
            // The request started longer ago than the timeout, but the connection has only just
            // become idle: it gets a full idle period again.
            Thread.sleep(200);
            try {
                client.send(get("/"));
                assertThat(client.read().text()).isEqualTo("root");
            } catch (SocketException e) {
                throw new AssertionError("closed too early after a slow response", e);
            }
        }
    }
}
