package kemal.websocket;

import static kemal.websocket.RawWebSocket.BINARY;
import static kemal.websocket.RawWebSocket.CLOSE;
import static kemal.websocket.RawWebSocket.CONTINUATION;
import static kemal.websocket.RawWebSocket.PING;
import static kemal.websocket.RawWebSocket.PONG;
import static kemal.websocket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6455 framing over a raw socket, after the Autobahn test suite's cases: echo at the length
 * boundaries, fragmentation with control frames between fragments, ping and pong, UTF-8
 * validation, protocol violations, the closing handshake and the message size limit.
 */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketProtocolTest {
    /** The small app's limit: a message of more bytes closes with 1009. */
    private static final int LIMIT = 1000;
    /** What each socket's callbacks saw, by the tag in its path ({@code /echo/:tag}). */
    private static final Map<String, BlockingQueue<String>> seen = new ConcurrentHashMap<>();
    private static final AtomicInteger tags = new AtomicInteger();
    private static TestClient server;
    private static TestClient small;

    @BeforeAll
    static void start() {
        server = TestClient.overSocket(echoApp());
        App limited = echoApp();
        limited.config().websocketMaxMessageSize(LIMIT);
        small = TestClient.overSocket(limited);
    }

    private static App echoApp() {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        app.ws("/echo/:tag", (socket, env) -> {
            BlockingQueue<String> events = events(env.params().url("tag"));
            socket.onMessage(message -> {
                events.add("text " + message.length());
                socket.send(message);
            });
            socket.onBinary(message -> {
                events.add("binary " + message.length);
                socket.send(message);
            });
            socket.onPing(payload -> events.add("ping " + payload));
            socket.onPong(payload -> events.add("pong " + payload));
            socket.onClose((code, reason) -> events.add("close " + code + " " + reason));
        });
        return app;
    }

    @AfterAll
    static void stop() {
        server.close();
        small.close();
    }

    private static BlockingQueue<String> events(String tag) {
        return seen.computeIfAbsent(tag, t -> new LinkedBlockingQueue<>());
    }

    /** A socket of its own: {@link #events(String)} with the returned tag shows its callbacks. */
    private record Socket(RawWebSocket ws, String tag) implements AutoCloseable {
        String nextEvent() throws InterruptedException {
            String event = events(tag).poll(10, TimeUnit.SECONDS);
            assertThat(event).as("a callback of socket " + tag).isNotNull();
            return event;
        }

        @Override
        public void close() throws IOException {
            ws.close();
        }
    }

    private static Socket open() throws IOException {
        return open(server);
    }

    private static Socket open(TestClient app) throws IOException {
        String tag = "s" + tags.incrementAndGet();
        return new Socket(RawWebSocket.connect(app.port(), "/echo/" + tag), tag);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte) (i * 31 + 7);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String hex) {
        String digits = hex.replace(" ", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    /** The server fails the connection: a close frame with {@code code}, then the TCP close; onClose sees the code. */
    private static void assertFailedWith(Socket socket, int code) throws Exception {
        RawWebSocket.Frame close = socket.ws().read();
        assertThat(close.opcode()).as("expected a close frame, got " + close).isEqualTo(CLOSE);
        assertThat(close.closeCode()).as(close.toString()).isEqualTo(code);
        assertThat(socket.ws().serverClosedConnection()).as("the server closed the TCP connection").isTrue();
        assertThat(socket.nextEvent()).startsWith("close " + code);
    }

    // ---- echo and framing --------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65535, 65536, 200_000})
    void textAndBinaryEchoAtEveryLengthEncoding(int length) throws Exception {
        try (Socket socket = open()) {
            String text = "x".repeat(length);
            socket.ws().sendText(text);
            RawWebSocket.Frame echo = socket.ws().read();
            assertThat(echo.opcode()).isEqualTo(TEXT);
            assertThat(echo.fin()).isTrue();
            assertThat(echo.text()).isEqualTo(text);
            byte[] binary = bytes(length);
            socket.ws().sendBinary(binary);
            echo = socket.ws().read();
            assertThat(echo.opcode()).isEqualTo(BINARY);
            assertThat(echo.payload()).isEqualTo(binary);
        }
    }

    @Test
    void aFrameWrittenOneByteAtATimeIsDecoded() throws Exception {
        try (Socket socket = open()) {
            byte[] frame = RawWebSocket.frame(true, 0, TEXT, utf8("slowly, byte by byte"), true);
            for (byte b : frame) {
                socket.ws().write(new byte[] {b});
                Thread.sleep(2);
            }
            assertThat(socket.ws().readText()).isEqualTo("slowly, byte by byte");
        }
    }

    @Test
    void manyFramesInOneWriteAreDeliveredInOrder() throws Exception {
        try (Socket socket = open()) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 100; i++) batch.writeBytes(RawWebSocket.frame(true, 0, TEXT, utf8("m" + i), true));
            socket.ws().write(batch.toByteArray());
            for (int i = 0; i < 100; i++) assertThat(socket.ws().readText()).isEqualTo("m" + i);
        }
    }

    @Test
    void fragmentedTextIsJoinedWithControlFramesBetweenFragments() throws Exception {
        try (Socket socket = open()) {
            RawWebSocket ws = socket.ws();
            ws.send(false, 0, TEXT, utf8("Hel"));
            ws.send(true, 0, PING, utf8("between"));
            ws.send(false, 0, CONTINUATION, utf8("lo"));
            ws.send(false, 0, CONTINUATION, new byte[0]);
            ws.send(true, 0, PONG, utf8("unsolicited"));
            ws.send(true, 0, CONTINUATION, utf8(" World"));
            RawWebSocket.Frame pong = ws.read();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("between");
            assertThat(ws.readText()).isEqualTo("Hello World");
            assertThat(socket.nextEvent()).isEqualTo("ping between");
            assertThat(socket.nextEvent()).isEqualTo("pong unsolicited");
            assertThat(socket.nextEvent()).isEqualTo("text 11");
        }
    }

    @Test
    void fragmentedBinaryIsJoined() throws Exception {
        try (Socket socket = open()) {
            RawWebSocket ws = socket.ws();
            byte[] whole = bytes(70_000);
            ws.send(false, 0, BINARY, Arrays.copyOfRange(whole, 0, 1));
            ws.send(false, 0, CONTINUATION, Arrays.copyOfRange(whole, 1, 40_000));
            ws.send(true, 0, PING, new byte[0]);
            ws.send(true, 0, CONTINUATION, Arrays.copyOfRange(whole, 40_000, whole.length));
            assertThat(ws.read().opcode()).isEqualTo(PONG);
            RawWebSocket.Frame echo = ws.read();
            assertThat(echo.opcode()).isEqualTo(BINARY);
            assertThat(echo.payload()).isEqualTo(whole);
        }
    }

    @Test
    void aMessageOfEmptyFragmentsIsAnEmptyMessage() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(false, 0, TEXT, new byte[0]);
            socket.ws().send(false, 0, CONTINUATION, new byte[0]);
            socket.ws().send(true, 0, CONTINUATION, new byte[0]);
            assertThat(socket.ws().readText()).isEmpty();
        }
    }

    // ---- ping and pong -----------------------------------------------------------------------

    @Test
    void aPingIsAnsweredWithAPongCarryingTheSamePayload() throws Exception {
        try (Socket socket = open()) {
            for (byte[] payload : List.of(new byte[0], utf8("hello"), bytes(125))) {
                socket.ws().send(true, 0, PING, payload);
                RawWebSocket.Frame pong = socket.ws().read();
                assertThat(pong.opcode()).isEqualTo(PONG);
                assertThat(pong.fin()).isTrue();
                assertThat(pong.payload()).isEqualTo(payload);
            }
            assertThat(socket.nextEvent()).isEqualTo("ping ");
            assertThat(socket.nextEvent()).isEqualTo("ping hello");
        }
    }

    @Test
    void anUnsolicitedPongIsOnlyReported() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, PONG, utf8("heartbeat"));
            socket.ws().sendText("still here");
            assertThat(socket.ws().readText()).isEqualTo("still here");
            assertThat(socket.nextEvent()).isEqualTo("pong heartbeat");
        }
    }

    // ---- UTF-8 -------------------------------------------------------------------------------

    @Test
    void validUtf8SplitInsideACharacterAcrossFragmentsIsAccepted() throws Exception {
        try (Socket socket = open()) {
            byte[] text = utf8("κόσμε 😀 ok");
            for (int split = 1; split < text.length; split++) {
                socket.ws().send(false, 0, TEXT, Arrays.copyOfRange(text, 0, split));
                socket.ws().send(true, 0, CONTINUATION, Arrays.copyOfRange(text, split, text.length));
                assertThat(socket.ws().readText()).as("split at " + split).isEqualTo("κόσμε 😀 ok");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c0 af", "ed a0 80", "f4 90 80 80", "ed bf bf", "f8 88 80 80 80", "ce ba f4 90 80 80 65 64"})
    void invalidUtf8InATextFrameCloses1007(String payload) throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, TEXT, hex(payload));
            assertFailedWith(socket, 1007);
        }
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsCloses1007() throws Exception {
        try (Socket socket = open()) {
            // "κ" then the first byte of a 4-byte sequence; the next fragment breaks it.
            socket.ws().send(false, 0, TEXT, hex("ce ba f4"));
            socket.ws().send(true, 0, CONTINUATION, hex("41 41"));
            assertFailedWith(socket, 1007);
        }
    }

    @Test
    void aTextMessageEndingInsideACharacterCloses1007() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(false, 0, TEXT, hex("ce ba"));
            socket.ws().send(true, 0, CONTINUATION, hex("e1 bd"));
            assertFailedWith(socket, 1007);
        }
    }

    @Test
    void binaryMessagesAreNotCheckedForUtf8() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, BINARY, hex("ff c0 af"));
            assertThat(socket.ws().read().payload()).isEqualTo(hex("ff c0 af"));
        }
    }

    // ---- protocol violations: 1002 -----------------------------------------------------------

    @Test
    void anUnmaskedClientFrameCloses1002() throws Exception {
        try (Socket socket = open()) {
            socket.ws().write(RawWebSocket.frame(true, 0, TEXT, utf8("unmasked"), false));
            assertFailedWith(socket, 1002);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void reservedBitsWithoutAnExtensionClose1002(int rsv) throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, rsv, TEXT, utf8("rsv"));
            assertFailedWith(socket, 1002);
        }
    }

    @Test
    void reservedBitsOnAPingClose1002() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 4, PING, utf8("rsv"));
            assertFailedWith(socket, 1002);
        }
    }

    @Test
    void aContinuationWithoutAStartCloses1002() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, CONTINUATION, utf8("orphan"));
            assertFailedWith(socket, 1002);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {TEXT, BINARY})
    void aNewMessageDuringAFragmentedOneCloses1002(int opcode) throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(false, 0, TEXT, utf8("first"));
            socket.ws().send(true, 0, opcode, utf8("second"));
            assertFailedWith(socket, 1002);
        }
    }

    @Test
    void aControlFrameOver125BytesCloses1002() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, PING, bytes(126));
            assertFailedWith(socket, 1002);
        }
    }

    @Test
    void aFragmentedControlFrameCloses1002() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(false, 0, PING, utf8("part"));
            assertFailedWith(socket, 1002);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
    void anUnknownOpcodeCloses1002(int opcode) throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, opcode, utf8("what"));
            assertFailedWith(socket, 1002);
        }
    }

    @Test
    void aViolationAfterGoodMessagesStillDeliversTheGoodOnes() throws Exception {
        try (Socket socket = open()) {
            socket.ws().sendText("good");
            socket.ws().send(true, 0, 5, utf8("bad"));
            assertThat(socket.nextEvent()).isEqualTo("text 4");
            // The echo may or may not beat the failure; nothing follows the close frame.
            RawWebSocket.Frame frame = socket.ws().read();
            if (frame.opcode() == TEXT) frame = socket.ws().read();
            assertThat(frame.closeCode()).isEqualTo(1002);
            assertThat(socket.ws().serverClosedConnection()).isTrue();
            assertThat(socket.nextEvent()).startsWith("close 1002");
        }
    }

    // ---- the closing handshake ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999})
    void aClientCloseIsEchoedWithItsCodeAndReportedOnce(int code) throws Exception {
        try (Socket socket = open()) {
            socket.ws().sendClose(code, "bye");
            assertThat(socket.ws().readCloseCode()).isEqualTo(code);
            assertThat(socket.ws().serverClosedConnection()).isTrue();
            assertThat(socket.nextEvent()).isEqualTo("close " + code + " bye");
            assertThat(events(socket.tag()).poll(200, TimeUnit.MILLISECONDS)).as("onClose only once").isNull();
        }
    }

    @Test
    void aCloseWithoutStatusIsEchoedEmptyAndReportedAs1005() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, CLOSE, new byte[0]);
            RawWebSocket.Frame echo = socket.ws().read();
            assertThat(echo.opcode()).isEqualTo(CLOSE);
            assertThat(echo.payload()).isEmpty();
            assertThat(socket.ws().serverClosedConnection()).isTrue();
            assertThat(socket.nextEvent()).isEqualTo("close 1005 ");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void aCloseWithAnInvalidCodeCloses1002(int code) throws Exception {
        try (Socket socket = open()) {
            socket.ws().sendClose(code, "");
            assertFailedWith(socket, 1002);
        }
    }

    @Test
    void aCloseWithAOneBytePayloadCloses1002() throws Exception {
        try (Socket socket = open()) {
            socket.ws().send(true, 0, CLOSE, new byte[] {3});
            assertFailedWith(socket, 1002);
        }
    }

    @Test
    void aCloseReasonInInvalidUtf8IsRefused() throws Exception {
        try (Socket socket = open()) {
            byte[] payload = hex("03 e8 ce ba ff");
            socket.ws().send(true, 0, CLOSE, payload);
            RawWebSocket.Frame close = socket.ws().read();
            assertThat(close.closeCode()).isIn(1002, 1007);
            assertThat(socket.ws().serverClosedConnection()).isTrue();
        }
    }

    @Test
    void framesAfterTheClientsCloseAreIgnored() throws Exception {
        try (Socket socket = open()) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(RawWebSocket.frame(true, 0, CLOSE, hex("03 e8"), true));
            both.writeBytes(RawWebSocket.frame(true, 0, TEXT, utf8("too late"), true));
            socket.ws().write(both.toByteArray());
            assertThat(socket.ws().readCloseCode()).isEqualTo(1000);
            assertThat(socket.ws().serverClosedConnection()).isTrue();
            assertThat(socket.nextEvent()).isEqualTo("close 1000 ");
            assertThat(events(socket.tag()).poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void droppingTheConnectionReports1006() throws Exception {
        Socket socket = open();
        socket.ws().sendText("hi");
        assertThat(socket.ws().readText()).isEqualTo("hi");
        socket.close();
        assertThat(socket.nextEvent()).isEqualTo("text 2");
        assertThat(socket.nextEvent()).isEqualTo("close 1006 ");
    }

    @Test
    void droppingTheConnectionInsideAFragmentedMessageReports1006() throws Exception {
        Socket socket = open();
        socket.ws().send(false, 0, BINARY, bytes(5000));
        socket.close();
        assertThat(socket.nextEvent()).isEqualTo("close 1006 ");
    }

    // ---- the message size limit: 1009 --------------------------------------------------------

    @Test
    void aMessageAtTheLimitIsDelivered() throws Exception {
        try (Socket socket = open(small)) {
            socket.ws().sendText("a".repeat(LIMIT));
            assertThat(socket.ws().readText()).hasSize(LIMIT);
            socket.ws().send(false, 0, BINARY, bytes(LIMIT / 2));
            socket.ws().send(true, 0, CONTINUATION, bytes(LIMIT / 2));
            assertThat(socket.ws().read().payload()).hasSize(LIMIT);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {TEXT, BINARY})
    void aSingleFrameOverTheLimitCloses1009(int opcode) throws Exception {
        try (Socket socket = open(small)) {
            socket.ws().send(true, 0, opcode, utf8("a".repeat(LIMIT + 1)));
            assertFailedWith(socket, 1009);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {TEXT, BINARY})
    void fragmentsAddingUpToMoreThanTheLimitClose1009(int opcode) throws Exception {
        try (Socket socket = open(small)) {
            socket.ws().send(false, 0, opcode, utf8("a".repeat(600)));
            socket.ws().send(false, 0, CONTINUATION, utf8("a".repeat(400)));
            socket.ws().send(true, 0, CONTINUATION, utf8("a"));
            assertFailedWith(socket, 1009);
        }
    }

    @Test
    void nothingAfterAnOversizedFragmentIsDelivered() throws Exception {
        try (Socket socket = open(small)) {
            socket.ws().send(false, 0, TEXT, utf8("a".repeat(600)));
            socket.ws().send(false, 0, CONTINUATION, utf8("a".repeat(600)));
            socket.ws().sendText("after the violation");
            assertFailedWith(socket, 1009);
            assertThat(events(socket.tag()).poll(200, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void aClientStillSendingAnOversizedFrameGetsThe1009RatherThanAReset() throws Exception {
        try (Socket socket = open(small)) {
            // The server fails the frame on its header; the client is still writing 8 MiB after it.
            socket.ws().sendBinary(bytes(8 * 1024 * 1024));
            assertFailedWith(socket, 1009);
        }
    }

    @Test
    void theDefaultLimitIsOneMebibyte() throws Exception {
        try (Socket socket = open()) {
            byte[] mebibyte = bytes(1024 * 1024);
            socket.ws().sendBinary(mebibyte);
            assertThat(socket.ws().read().payload()).isEqualTo(mebibyte);
            assertThat(socket.nextEvent()).isEqualTo("binary " + mebibyte.length);
            socket.ws().send(false, 0, BINARY, mebibyte);
            socket.ws().send(true, 0, CONTINUATION, new byte[1]);
            assertFailedWith(socket, 1009);
        }
        try (Socket socket = open()) {
            socket.ws().sendBinary(bytes(1024 * 1024 + 1));
            assertFailedWith(socket, 1009);
        }
    }

    @Test
    void aLengthNotInItsShortestFormCloses1002() throws Exception {
        try (Socket socket = open()) {
            // 5 bytes announced in the 16-bit form: RFC 6455 §5.2 requires the 7-bit form.
            byte[] frame = {(byte) 0x81, (byte) (0x80 | 126), 0, 5, 1, 2, 3, 4, 'h' ^ 1, 'e' ^ 2, 'l' ^ 3, 'l' ^ 4, 'o' ^ 1};
            socket.ws().write(frame);
            assertFailedWith(socket, 1002);
        }
    }
}
