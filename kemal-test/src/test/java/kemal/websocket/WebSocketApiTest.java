package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kemal.App;
import kemal.Kemal;
import kemal.WebSocket;
import kemal.test.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The socket a ws route gets: sending from anywhere, callbacks (one at a time, in order, on a
 * virtual thread), ping and pong, the closing handshake from either side, and onClose exactly
 * once with the right code. The client is the JDK's; a raw client where the JDK hides frames.
 */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketApiTest {
    /** What the server side of each socket saw, by the tag in its path. */
    private static final Map<String, BlockingQueue<String>> seen = new ConcurrentHashMap<>();
    private static final Map<String, WebSocket> sockets = new ConcurrentHashMap<>();
    private static final AtomicInteger tags = new AtomicInteger();
    private static TestClient server;
    private static int port;

    @BeforeAll
    static void start() {
        App app = Kemal.create();
        app.config().logging(false);
        // Every callback reports what it got and whether it ran on a virtual thread.
        app.ws("/socket/:tag", (socket, env) -> {
            String tag = env.params().url("tag");
            BlockingQueue<String> events = events(tag);
            sockets.put(tag, socket);
            socket.onMessage(message -> {
                events.add("message " + message + virtual());
                if (message.startsWith("echo ")) socket.send(message.substring(5));
                if (message.equals("binary please")) socket.send(new byte[] {1, 2, 3});
                if (message.equals("ping me")) socket.ping("are you there");
                if (message.equals("close me")) socket.close(4000, "as you wish");
                if (message.equals("close me plainly")) socket.close();
                if (message.equals("fail")) throw new IllegalStateException("a callback failed");
            });
            socket.onBinary(bytes -> events.add("binary " + bytes.length + virtual()));
            socket.onPing(payload -> events.add("ping " + payload + virtual()));
            socket.onPong(payload -> events.add("pong " + payload + virtual()));
            socket.onClose((code, reason) -> events.add("close " + code + " " + reason + virtual()
                    + (socket.isClosed() ? "" : " (not closed!)")));
            socket.send("welcome " + tag);
        });
        app.ws("/broken", (socket, env) -> {
            throw new IllegalStateException("the route block failed");
        });
        server = TestClient.overSocket(app);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String virtual() {
        return Thread.currentThread().isVirtual() ? "" : " (not on a virtual thread!)";
    }

    private static BlockingQueue<String> events(String tag) {
        return seen.computeIfAbsent(tag, t -> new LinkedBlockingQueue<>());
    }

    /** A JDK client on a socket of its own, past the welcome message. */
    private record Client(JdkWebSocket ws, String tag) implements AutoCloseable {
        String nextEvent() throws InterruptedException {
            String event = events(tag).poll(10, TimeUnit.SECONDS);
            assertThat(event).as("a callback of socket " + tag).isNotNull();
            return event;
        }

        WebSocket serverSide() {
            return sockets.get(tag);
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    private static Client connect() throws Exception {
        String tag = "t" + tags.incrementAndGet();
        JdkWebSocket ws = JdkWebSocket.connect(port, "/socket/" + tag);
        assertThat(ws.nextText()).isEqualTo("welcome " + tag);
        return new Client(ws, tag);
    }

    @Test
    void textAndBinaryBothWays() throws Exception {
        try (Client c = connect()) {
            c.ws().send("echo hello");
            assertThat(c.ws().nextText()).isEqualTo("hello");
            c.ws().send("binary please");
            assertThat(c.ws().next(JdkWebSocket.Binary.class).bytes()).containsExactly(1, 2, 3);
            JdkWebSocket.await(c.ws().ws.sendBinary(ByteBuffer.wrap(new byte[300]), true));
            assertThat(c.nextEvent()).isEqualTo("message echo hello");
            assertThat(c.nextEvent()).isEqualTo("message binary please");
            assertThat(c.nextEvent()).isEqualTo("binary 300");
        }
    }

    @Test
    void pingsBothWays() throws Exception {
        try (Client c = connect()) {
            c.ws().send("ping me");
            // The JDK answers the server's ping by itself; the server reports the pong.
            assertThat(c.ws().next(JdkWebSocket.Ping.class).payload()).isEqualTo("are you there");
            JdkWebSocket.await(c.ws().ws.sendPing(ByteBuffer.wrap("client ping".getBytes(StandardCharsets.UTF_8))));
            assertThat(c.ws().next(JdkWebSocket.Pong.class).payload()).isEqualTo("client ping");
            List<String> events = List.of(c.nextEvent(), c.nextEvent(), c.nextEvent());
            assertThat(events).containsExactly("message ping me", "pong are you there", "ping client ping");
        }
    }

    @Test
    void theClientClosesWithItsCodeAndOnCloseSeesItOnce() throws Exception {
        try (Client c = connect()) {
            JdkWebSocket.await(c.ws().ws.sendClose(4001, "done here"));
            assertThat(c.ws().next(JdkWebSocket.Close.class).code()).isEqualTo(4001);
            assertThat(c.nextEvent()).isEqualTo("close 4001 done here");
            assertThat(events(c.tag()).poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(c.serverSide().isClosed()).isTrue();
        }
    }

    @Test
    void theServerClosesWithACodeAndReason() throws Exception {
        try (Client c = connect()) {
            assertThat(c.serverSide().isClosed()).isFalse();
            c.ws().send("close me");
            JdkWebSocket.Close close = c.ws().next(JdkWebSocket.Close.class);
            assertThat(close.code()).isEqualTo(4000);
            assertThat(close.reason()).isEqualTo("as you wish");
            assertThat(c.nextEvent()).isEqualTo("message close me");
            // The JDK answers with the same code: that answer is what onClose reports.
            assertThat(c.nextEvent()).isEqualTo("close 4000 ");
            assertThat(events(c.tag()).poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
        try (Client c = connect()) {
            c.ws().send("close me plainly");
            assertThat(c.ws().next(JdkWebSocket.Close.class).code()).isEqualTo(1000);
            c.nextEvent();
            assertThat(c.nextEvent()).isEqualTo("close 1000 ");
        }
    }

    @Test
    void aDroppedConnectionIs1006() throws Exception {
        Client c = connect();
        c.close(); // abort: no close frame
        assertThat(c.nextEvent()).isEqualTo("close 1006 ");
        assertThat(c.serverSide().isClosed()).isTrue();
    }

    @Test
    void aClientThatNeverAnswersOurCloseIsClosedAfterAWhileAndOnCloseReportsOurCode() throws Exception {
        String tag = "t" + tags.incrementAndGet();
        try (RawWebSocket ws = RawWebSocket.connect(port, "/socket/" + tag, "Origin: http://127.0.0.1")) {
            assertThat(ws.readText()).isEqualTo("welcome " + tag);
            ws.sendText("close me");
            assertThat(ws.readCloseCode()).isEqualTo(4000);
            // No answer from us: the server gives up after its close timeout (5 s).
            assertThat(ws.serverClosedConnection()).isTrue();
            BlockingQueue<String> events = events(tag);
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("message close me");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("close 4000 as you wish");
        }
    }

    @Test
    void callbacksRunOneAtATimeInOrderOnVirtualThreadsWithOnCloseLast() throws Exception {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger platformThreads = new AtomicInteger();
        CountDownLatch closed = new CountDownLatch(1);
        app.ws("/ordered", (socket, env) -> {
            socket.onMessage(message -> {
                if (running.incrementAndGet() > 1) overlaps.incrementAndGet();
                if (!Thread.currentThread().isVirtual()) platformThreads.incrementAndGet();
                if (message.endsWith("7")) {
                    try {
                        Thread.sleep(1); // blocking is fine, and must not let the next one overtake
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                received.add(message);
                running.decrementAndGet();
            });
            socket.onPing(payload -> received.add("ping " + payload));
            socket.onClose((code, reason) -> {
                received.add("close " + code);
                closed.countDown();
            });
        });
        try (TestClient client = TestClient.overSocket(app);
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/ordered")) {
            for (int i = 0; i < 1000; i++) {
                ws.sendText("m" + i);
                if (i == 500) ws.send(true, 0, RawWebSocket.PING, "half".getBytes(StandardCharsets.UTF_8));
            }
            ws.sendClose(1000, "");
            assertThat(closed.await(20, TimeUnit.SECONDS)).isTrue();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add("m" + i);
            if (i == 500) expected.add("ping half");
        }
        expected.add("close 1000");
        assertThat(received).containsExactlyElementsOf(expected);
        assertThat(overlaps.get()).as("callbacks running at the same time").isZero();
        assertThat(platformThreads.get()).isZero();
    }

    @Test
    void aFailingCallbackDoesNotStopTheNextOnes() throws Exception {
        try (Client c = connect()) {
            c.ws().send("fail");
            c.ws().send("echo still alive");
            assertThat(c.ws().nextText()).isEqualTo("still alive");
        }
    }

    @Test
    void aFailingRouteBlockClosesWith1011() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port, "/broken", "Origin: http://127.0.0.1")) {
            RawWebSocket.Frame close = ws.read();
            assertThat(close.closeCode()).isEqualTo(1011);
        }
    }

    @Test
    void sendsFromManyThreadsAtOnceArriveWholeAndInOrderPerThread() throws Exception {
        try (Client c = connect()) {
            WebSocket socket = c.serverSide();
            int threads = 8, each = 500;
            List<Thread> senders = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int sender = t;
                senders.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) socket.send(sender + ":" + i + ":" + "x".repeat(i % 50));
                }));
            }
            go.countDown();
            for (Thread sender : senders) sender.join(20_000);
            int[] next = new int[threads];
            for (int n = 0; n < threads * each; n++) {
                String[] parts = c.ws().nextText().split(":", -1);
                int sender = Integer.parseInt(parts[0]);
                int seq = Integer.parseInt(parts[1]);
                assertThat(seq).as("sender " + sender).isEqualTo(next[sender]);
                assertThat(parts[2]).isEqualTo("x".repeat(seq % 50));
                next[sender]++;
            }
            assertThat(next).containsOnly(each);
        }
    }

    @Test
    void invalidArgumentsAreRefusedAndTheSocketStaysUsable() throws Exception {
        try (Client c = connect()) {
            WebSocket socket = c.serverSide();
            assertThatThrownBy(() -> socket.ping("p".repeat(126))).isInstanceOf(IllegalArgumentException.class);
            for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2000, 5000}) {
                assertThatThrownBy(() -> socket.close(code, "")).as("code " + code).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> socket.close(1000, "r".repeat(124))).isInstanceOf(IllegalArgumentException.class);
            assertThat(socket.isClosed()).isFalse();
            socket.ping("p".repeat(125));
            assertThat(c.ws().next(JdkWebSocket.Ping.class).payload()).hasSize(125);
            c.ws().send("echo usable");
            assertThat(c.ws().nextText()).isEqualTo("usable");
            socket.close(1000, "é".repeat(61)); // 122 bytes
            assertThat(c.ws().next(JdkWebSocket.Close.class).reason()).isEqualTo("é".repeat(61));
        }
    }

    @Test
    void nothingFollowsTheCloseFrame() throws Exception {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
        app.ws("/flood", (socket, env) -> opened.add(socket));
        try (TestClient client = TestClient.overSocket(app)) {
            for (int round = 0; round < 5; round++) {
                try (RawWebSocket ws = RawWebSocket.connect(client.port(), "/flood")) {
                    WebSocket socket = opened.poll(5, TimeUnit.SECONDS);
                    assertThat(socket).isNotNull();
                    Thread flooder = Thread.ofPlatform().start(() -> {
                        for (int i = 0; i < 20_000 && !Thread.currentThread().isInterrupted(); i++) socket.send("data " + i);
                    });
                    Thread.sleep(2);
                    socket.close(1000, "enough");
                    socket.send("after close"); // ignored, no exception
                    RawWebSocket.Frame frame;
                    do {
                        frame = ws.read();
                    } while (frame.opcode() == RawWebSocket.TEXT);
                    assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
                    ws.sendClose(1000, "");
                    assertThat(ws.serverClosedConnection()).as("no frame after the close frame").isTrue();
                    flooder.interrupt();
                    flooder.join(10_000);
                }
            }
        }
    }

    @Test
    void theJdkClientsFragmentsAreJoined() throws Exception {
        try (Client c = connect()) {
            JdkWebSocket.await(c.ws().ws.sendText("echo frag", false));
            JdkWebSocket.await(c.ws().ws.sendText("men", false));
            JdkWebSocket.await(c.ws().ws.sendText("ted", true));
            assertThat(c.ws().nextText()).isEqualTo("fragmented");
            JdkWebSocket.await(c.ws().ws.sendBinary(ByteBuffer.wrap(new byte[100]), false));
            JdkWebSocket.await(c.ws().ws.sendBinary(ByteBuffer.wrap(new byte[23]), true));
            assertThat(c.nextEvent()).isEqualTo("message echo fragmented");
            assertThat(c.nextEvent()).isEqualTo("binary 123");
        }
    }

    @Test
    void anOversizedMessageFromTheJdkClientCloses1009() throws Exception {
        try (Client c = connect()) {
            JdkWebSocket.await(c.ws().ws.sendText("x".repeat(1024 * 1024 + 1), true));
            assertThat(c.ws().next(JdkWebSocket.Close.class).code()).isEqualTo(1009);
            assertThat(c.nextEvent()).startsWith("close 1009");
        }
    }

    @Test
    void theUpgradeIsLoggedAs101() throws Exception {
        App app = Kemal.create();
        List<String> lines = new CopyOnWriteArrayList<>();
        app.config().logging(true).logger(new kemal.internal.log.RequestLogHandler(lines::add))
                .websocketAllowedOrigins(List.of("*"));
        app.ws("/logged", (socket, env) -> socket.send("hi"));
        try (TestClient client = TestClient.overSocket(app);
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/logged")) {
            assertThat(ws.readText()).isEqualTo("hi");
            for (int i = 0; i < 100 && lines.isEmpty(); i++) Thread.sleep(20);
            assertThat(lines).singleElement().asString().contains("101 GET /logged");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWith1008RatherThanBufferedWithoutEnd() throws Exception {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        CountDownLatch sent = new CountDownLatch(1);
        app.ws("/flood", (socket, env) -> {
            byte[] mebibyte = new byte[1024 * 1024];
            for (int i = 0; i < 64 && !socket.isClosed(); i++) socket.send(mebibyte);
            sent.countDown();
        });
        try (TestClient client = TestClient.overSocket(app);
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/flood")) {
            assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue(); // the sends never block the sender
            int messages = 0;
            RawWebSocket.Frame frame;
            while ((frame = ws.read()).opcode() == RawWebSocket.BINARY) messages++;
            assertThat(frame.closeCode()).isEqualTo(1008);
            assertThat(frame.closeReason()).isEqualTo("Too slow");
            assertThat(messages).as("messages buffered before the server gave up").isBetween(1, 40);
        }
    }
}
