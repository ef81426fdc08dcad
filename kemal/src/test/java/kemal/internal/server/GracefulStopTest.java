package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code app.stop()} lets requests in progress finish, closes idle connections, refuses new ones. */
class GracefulStopTest extends EngineTestBase {
    private final CountDownLatch started = new CountDownLatch(1);

    @BeforeEach
    void routes() {
        app.get("/slow", env -> {
            started.countDown();
            Thread.sleep(1000);
            return "finished";
        });
        app.get("/", env -> "root");
    }

    private CompletableFuture<Void> stopInBackground() {
        return CompletableFuture.runAsync(app::stop);
    }

    @Test
    void aRequestInFlightFinishesWithConnectionClose() throws Exception {
        try (RawClient client = connect()) {
            client.send(get("/slow"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = stopInBackground();

            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("finished");
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
            stopping.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void newConnectionsAreRefusedOnceStopped() throws Exception {
        int port = start();
        try (RawClient client = RawClient.connect(port)) {
            client.send(get("/slow"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = stopInBackground();
            // Stopping closes the listening socket first, while the slow request still runs.
            assertRefusedSoon(port);
            assertThat(client.read().text()).isEqualTo("finished");
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> RawClient.connect(port)).isInstanceOf(ConnectException.class);
        assertThat(app.isRunning()).isFalse();
    }

    private static void assertRefusedSoon(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try {
                RawClient.connect(port).close();
                Thread.sleep(10);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // keep trying
            }
        }
        throw new AssertionError("new connections are still accepted while stopping");
    }

    @Test
    void idleKeepAliveConnectionsAreClosedAtOnce() throws Exception {
        try (RawClient idle = connect()) {
            idle.send(get("/"));
            assertThat(idle.read().header("Connection")).isEqualTo("keep-alive");
            long begin = System.nanoTime();
            app.stop();
            idle.assertClosed();
            // Much sooner than the shutdown timeout (3 s in these tests).
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aConnectionWhoseHandlerFinishesAfterItsAnswerIsClosedWhenTheHandlerEnds() throws Exception {
        // The answer is out while the handler thread still works: the stop must not wait for
        // the shutdown timeout because that thread then waits for a next request.
        app.get("/linger", env -> {
            env.response().print("answered");
            env.response().close();
            Thread.sleep(300);
            return null;
        });
        try (RawClient client = connect()) {
            client.send(get("/linger"));
            assertThat(client.read().text()).isEqualTo("answered");
            long begin = System.nanoTime();
            app.stop();
            client.assertClosed();
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aRequestThatOutlivesTheShutdownTimeoutIsCut() throws Exception {
        app.config().shutdownTimeout(Duration.ofMillis(200));
        app.get("/forever", env -> {
            started.countDown();
            Thread.sleep(3000);
            return "never sent";
        });
        try (RawClient client = connect()) {
            client.send(get("/forever"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            app.stop();
            assertThat(client.readToEnd()).isEmpty();
        }
    }

    @Test
    void pipelinedRequestsReceivedBeforeTheStopAreAnswered() throws Exception {
        try (RawClient client = connect()) {
            // Both arrive in one write, so both are queued when the stop begins.
            client.send(get("/slow") + get("/"));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = stopInBackground();
            RawResponse first = client.read();
            assertThat(first.text()).isEqualTo("finished");
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            RawResponse second = client.read();
            assertThat(second.text()).isEqualTo("root");
            assertThat(second.header("Connection")).isEqualTo("close");
            client.assertClosed();
            stopping.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void stoppingTwiceIsAnError() {
        start();
        app.stop();
        assertThatThrownBy(app::stop).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theAppCanStartAgainAfterAStop() throws IOException {
        start();
        app.stop();
        try (RawClient client = connect()) {
            client.send(get("/"));
            assertThat(client.read().text()).isEqualTo("root");
        }
    }
}
