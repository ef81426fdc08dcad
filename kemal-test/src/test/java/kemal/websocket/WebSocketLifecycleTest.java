package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A socket's life around its messages: the idle heartbeat, a graceful stop, a client leaving early. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketLifecycleTest {
    private final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

    private App echoApp(Duration idleTimeout) {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        if (idleTimeout != null) app.config().websocketIdleTimeout(idleTimeout);
        app.ws("/echo", (socket, env) -> {
            socket.onMessage(socket::send);
            socket.onClose((code, reason) -> closes.add(code + " " + reason));
        });
        return app;
    }

    // ---- the idle heartbeat ------------------------------------------------------------------

    @Test
    void theIdleTimeoutIsAMinuteByDefault() {
        assertThat(Kemal.create().config().websocketIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aSilentClientIsPingedAfterTheIdleTimeoutThenClosedWith1001() throws Exception {
        try (TestClient client = TestClient.overSocket(echoApp(Duration.ofMillis(400)));
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/echo")) {
            long start = System.nanoTime();
            RawWebSocket.Frame ping = ws.read();
            long pingedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
            assertThat(pingedAfter).as("ping after ms").isBetween(350L, 5_000L);
            RawWebSocket.Frame close = ws.read();
            long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(closedAfter - pingedAfter).as("close after the ping, ms").isGreaterThanOrEqualTo(350L);
        }
        assertThat(closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1001 Idle timeout");
    }

    @Test
    void aClientAnsweringPingsStaysOpen() throws Exception {
        // Long enough for the JDK client's pong to come back within one period on a busy machine.
        try (TestClient client = TestClient.overSocket(echoApp(Duration.ofMillis(800)));
             JdkWebSocket ws = JdkWebSocket.connect(client.port(), "/echo")) {
            // The JDK client answers each heartbeat ping with a pong by itself.
            for (int i = 0; i < 3; i++) assertThat(ws.next()).isInstanceOf(JdkWebSocket.Ping.class);
            ws.send("still open");
            assertThat(ws.nextText()).isEqualTo("still open");
        }
    }

    @Test
    void aClientThatTalksIsNeverPinged() throws Exception {
        try (TestClient client = TestClient.overSocket(echoApp(Duration.ofMillis(1000)));
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/echo")) {
            for (int i = 0; i < 25; i++) { // 2.5 s: past two idle periods
                ws.sendText("m" + i);
                assertThat(ws.readText()).isEqualTo("m" + i); // a ping here would fail readText
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aZeroIdleTimeoutNeverPings() throws Exception {
        try (TestClient client = TestClient.overSocket(echoApp(Duration.ZERO));
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/echo")) {
            ws.readTimeout(1_000);
            assertThat(ws.serverClosedConnection()).isFalse(); // nothing arrives within a second
            ws.readTimeout(10_000);
            ws.sendText("ok");
            assertThat(ws.readText()).isEqualTo("ok");
        }
    }

    // ---- a graceful stop ---------------------------------------------------------------------

    @Test
    void stoppingTheAppSays1001ToEveryOpenSocket() throws Exception {
        App app = echoApp(null);
        TestClient client = TestClient.overSocket(app);
        try (JdkWebSocket jdk = JdkWebSocket.connect(client.port(), "/echo");
             RawWebSocket raw = RawWebSocket.connect(client.port(), "/echo")) {
            jdk.send("hi");
            assertThat(jdk.nextText()).isEqualTo("hi");
            // stop() waits (up to shutdownTimeout) for the clients to answer, so it runs aside.
            Thread stopping = Thread.ofVirtual().start(app::stop);
            JdkWebSocket.Close close = jdk.next(JdkWebSocket.Close.class);
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("Server shutting down");
            assertThat(raw.readCloseCode()).isEqualTo(1001);
            raw.sendClose(1001, "");
            assertThat(raw.serverClosedConnection()).isTrue();
            stopping.join(10_000);
            assertThat(stopping.isAlive()).isFalse();
        }
        assertThat(List.of(closes.poll(10, TimeUnit.SECONDS), closes.poll(10, TimeUnit.SECONDS)))
                .allSatisfy(close -> assertThat(close).startsWith("1001"));
        client.close();
    }

    @Test
    void aShutdownTimeoutLetsClientsFinishTheClosingHandshake() throws Exception {
        App app = echoApp(null);
        app.config().shutdownTimeout(Duration.ofSeconds(20));
        TestClient client = TestClient.overSocket(app);
        try (JdkWebSocket jdk = JdkWebSocket.connect(client.port(), "/echo")) {
            long start = System.nanoTime();
            app.stop(); // returns once the JDK client has answered the close, well before 20 s
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(15_000L);
            assertThat(jdk.next(JdkWebSocket.Close.class).code()).isEqualTo(1001);
        }
        assertThat(closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1001 ");
        client.close();
    }

    // ---- a client leaving early --------------------------------------------------------------

    @Test
    void aClientGoneBeforeTheUpgradeStillGetsOnClose1006() throws Exception {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        CountDownLatch inFilter = new CountDownLatch(1);
        CountDownLatch clientGone = new CountDownLatch(1);
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        app.beforeAll("/late", env -> {
            inFilter.countDown();
            clientGone.await(10, TimeUnit.SECONDS);
            Thread.sleep(200); // lets the event loop notice the closed connection
        });
        app.ws("/late", (socket, env) -> {
            seen.add("block, closed=" + socket.isClosed());
            socket.send("nobody hears this"); // ignored, no exception
            socket.onClose((code, reason) -> seen.add("close " + code));
        });
        try (TestClient client = TestClient.overSocket(app)) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", client.port())) {
                socket.getOutputStream().write(RawWebSocket.handshake("/late").getBytes(StandardCharsets.US_ASCII));
                assertThat(inFilter.await(10, TimeUnit.SECONDS)).isTrue();
            }
            clientGone.countDown();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("block, closed=true");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("close 1006");
        }
    }

    @Test
    void aFrameSentRightBehindTheHandshakeIsNotLost() throws Exception {
        byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.TEXT, "eager".getBytes(StandardCharsets.UTF_8), true);
        String handshakeAndFrame = RawWebSocket.handshake("/echo") + new String(frame, StandardCharsets.ISO_8859_1);
        try (TestClient client = TestClient.overSocket(echoApp(null));
             RawWebSocket ws = RawWebSocket.open(client.port(), handshakeAndFrame)) {
            assertThat(ws.status).isEqualTo(101);
            assertThat(ws.readText()).isEqualTo("eager");
        }
    }

    // ---- the socket's callback thread ----------------------------------------------------------

    @Test
    void theCallbackThreadServesEveryMessageThenEndsWhenTheClientCloses() throws Exception {
        assertCallbackThreadEnds(ws -> ws.sendClose(1000, "bye"));
    }

    @Test
    void theCallbackThreadEndsWhenTheClientVanishesWithoutAClose() throws Exception {
        assertCallbackThreadEnds(RawWebSocket::close);
    }

    private interface Leave {
        void leave(RawWebSocket ws) throws Exception;
    }

    /** One parked thread per socket runs its callbacks; it must not outlive the socket. */
    private void assertCallbackThreadEnds(Leave leave) throws Exception {
        BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        app.ws("/thread", (socket, env) -> {
            socket.onMessage(text -> {
                threads.add(Thread.currentThread());
                socket.send(text);
            });
            socket.onClose((code, reason) -> closes.add(code + " " + reason));
        });
        try (TestClient client = TestClient.overSocket(app);
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/thread")) {
            ws.sendText("one");
            assertThat(ws.readText()).isEqualTo("one");
            Thread.sleep(50); // idle between messages: the thread parks, it does not end
            ws.sendText("two");
            assertThat(ws.readText()).isEqualTo("two");
            Thread first = threads.take();
            assertThat(threads.take()).as("the same thread for the next message").isSameAs(first);
            assertThat(first.isVirtual()).isTrue();

            leave.leave(ws);
            assertThat(closes.poll(10, TimeUnit.SECONDS)).isNotNull();
            first.join(Duration.ofSeconds(10));
            assertThat(first.isAlive()).as("the socket's thread ended with the socket").isFalse();
        }
    }
}
