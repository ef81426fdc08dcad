package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import kemal.HttpException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away mid-request or mid-response: the route learns it (an exception from
 * its write or read), stops, and the server keeps no buffer (the leak check runs after each test).
 */
class ClientDisconnectTest extends EngineTestBase {
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger parts = new AtomicInteger();

    @BeforeEach
    void routes() {
        app.get("/forever", env -> {
            try {
                while (parts.get() < 1_000_000) {
                    env.response().print("part " + parts.incrementAndGet() + "\n" + "x".repeat(1000));
                    env.response().flush();
                    started.countDown();
                    if ("slow".equals(env.params().query("pace"))) Thread.sleep(5);
                }
                return null;
            } catch (RuntimeException e) {
                failure.set(e);
                throw e;
            } finally {
                ended.countDown();
            }
        });
        app.post("/read", env -> {
            try {
                started.countDown();
                InputStream in = env.request().bodyStream();
                byte[] buf = new byte[4096];
                while (in.read(buf) != -1) {
                    // consume
                }
                return "read it all";
            } catch (RuntimeException e) {
                failure.set(e);
                throw e;
            } finally {
                ended.countDown();
            }
        });
        app.post("/later", env -> {
            // Holds a fully received body unread while the client goes away.
            started.countDown();
            Thread.sleep(500);
            ended.countDown();
            return "too late";
        });
        app.get("/", env -> "root");
    }

    private void awaitEnd() throws InterruptedException {
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the route ended").isTrue();
    }

    @Test
    void aStreamingRouteStopsWhenTheClientCloses() throws Exception {
        try (RawClient client = connect()) {
            client.send(get("/forever?pace=slow"));
            assertThat(client.readLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        }
        awaitEnd();
        assertThat(failure.get()).isInstanceOf(ClientGoneException.class);
    }

    @Test
    void aStreamingRouteBlockedOnASlowReaderStopsWhenTheClientCloses() throws Exception {
        try (RawClient client = connect()) {
            client.send(get("/forever"));
            // Never read: the socket buffers fill up and the route waits for the client.
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            int before;
            do {
                before = parts.get();
                Thread.sleep(100);
            } while (parts.get() != before);
        }
        awaitEnd();
        assertThat(failure.get()).isInstanceOf(ClientGoneException.class);
        assertThat(parts.get()).isLessThan(1_000_000);
    }

    @Test
    void aClientResettingTheConnectionStopsTheRoute() throws Exception {
        try (RawClient client = connect()) {
            client.send(get("/forever?pace=slow"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            client.socket().setSoLinger(true, 0); // close with RST
        }
        awaitEnd();
        assertThat(failure.get()).isInstanceOf(ClientGoneException.class);
    }

    @Test
    void aClientLeavingMidBodyFailsTheReadingRoute() throws Exception {
        try (RawClient client = connect()) {
            client.send("POST /read HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\n" + "a".repeat(1000));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        }
        awaitEnd();
        assertThat(failure.get()).isInstanceOf(HttpException.class);
        assertThat(((HttpException) failure.get()).status()).isEqualTo(400);
    }

    @Test
    void aClientLeavingMidChunkedBodyFailsTheReadingRoute() throws Exception {
        try (RawClient client = connect()) {
            client.send("POST /read HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3e8\r\n" + "a".repeat(1000) + "\r\n" + "3e8\r\n" + "b".repeat(500));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        }
        awaitEnd();
        assertThat(failure.get()).isInstanceOf(HttpException.class);
    }

    @Test
    void aClientLeavingWhileItsWholeBodyWaitsUnreadLeaksNothing() throws Exception {
        try (RawClient client = connect()) {
            client.send(post("/later", "b".repeat(20_000)));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        }
        awaitEnd();
        // The leak check after this test fails if the body's buffers were never released.
    }

    @Test
    void theServerStillServesOtherConnectionsAfterwards() throws Exception {
        try (RawClient client = connect()) {
            client.send(get("/forever?pace=slow"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        }
        awaitEnd();
        try (RawClient client = connect()) {
            client.send(get("/"));
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void aClientLeavingBeforeItsPipelinedResponsesLeaksNothing() throws Exception {
        app.get("/slow", env -> {
            started.countDown();
            Thread.sleep(300);
            return "slow";
        });
        try (RawClient client = connect()) {
            client.send(get("/slow") + post("/later", "c".repeat(5000)) + get("/") + post("/later", "d".repeat(70_000)));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        }
        Thread.sleep(1000); // lets the queued requests run into the closed connection
    }
}
