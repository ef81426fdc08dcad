package kemal.websocket;

import static kemal.websocket.RawWebSocket.BINARY;
import static kemal.websocket.RawWebSocket.CONTINUATION;
import static kemal.websocket.RawWebSocket.PING;
import static kemal.websocket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * permessage-deflate (RFC 7692): negotiated when a client offers it; compressed frames from the
 * client (RSV1) are inflated, replies are compressed. The JDK client does not compress, so these
 * frames are built here with {@link Deflater} and read back with {@link Inflater}.
 */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketDeflateTest {
    private static final int RSV1 = 4, RSV2 = 2;
    private static final int LIMIT = 1000;
    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits";
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private static TestClient server;

    @BeforeAll
    static void start() {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*")).websocketMaxMessageSize(LIMIT);
        app.ws("/echo", (socket, env) -> {
            socket.onMessage(socket::send);
            socket.onBinary(socket::send);
            socket.onClose((code, reason) -> closes.add(code + ""));
        });
        server = TestClient.overSocket(app);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A client side of one compressed connection: its deflater and inflater keep their context. */
    private static final class Compressed implements AutoCloseable {
        final RawWebSocket ws;
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        final Inflater inflater = new Inflater(true);

        Compressed(String... headers) throws Exception {
            closes.clear();
            ws = RawWebSocket.connect(server.port(), "/echo", headers);
            assertThat(ws.headers.get("sec-websocket-extensions")).startsWith("permessage-deflate");
        }

        /** The message compressed as RFC 7692 §7.2.1 says: deflate, sync flush, drop the 00 00 ff ff tail. */
        byte[] deflate(byte[] message) {
            deflater.setInput(message);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            byte[] all = out.toByteArray();
            // Nothing new since the last flush (an empty message): an empty stored block (§7.2.3.6).
            if (all.length == 0) return new byte[] {0};
            assertThat(Arrays.copyOfRange(all, all.length - 4, all.length)).isEqualTo(TAIL);
            return Arrays.copyOf(all, all.length - 4);
        }

        byte[] inflate(byte[] payload) throws DataFormatException {
            byte[] input = Arrays.copyOf(payload, payload.length + 4);
            System.arraycopy(TAIL, 0, input, payload.length, 4);
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.needsInput()) {
                int n = inflater.inflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }

        /** The next message from the server, which must come compressed; inflated. */
        String readCompressedText() throws Exception {
            RawWebSocket.Frame frame = ws.read();
            assertThat(frame.opcode()).as(frame.toString()).isEqualTo(TEXT);
            assertThat(frame.rsv()).as("RSV1: compressed").isEqualTo(RSV1);
            return new String(inflate(frame.payload()), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            ws.close();
            deflater.end();
            inflater.end();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertFailedWith(RawWebSocket ws, int code) throws Exception {
        RawWebSocket.Frame close = ws.read();
        assertThat(close.opcode()).as(close.toString()).isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).as(close.toString()).isEqualTo(code);
        assertThat(ws.serverClosedConnection()).isTrue();
        assertThat(closes.poll(10, TimeUnit.SECONDS)).isEqualTo(code + "");
    }

    @Test
    void negotiatedWhenOfferedAndOnlyThen() throws Exception {
        try (RawWebSocket offered = RawWebSocket.connect(server.port(), "/echo", OFFER)) {
            assertThat(offered.headers.get("sec-websocket-extensions")).startsWith("permessage-deflate");
        }
        try (RawWebSocket plain = RawWebSocket.connect(server.port(), "/echo", "Sec-WebSocket-Extensions: ")) {
            assertThat(plain.headers).doesNotContainKey("sec-websocket-extensions");
        }
        try (RawWebSocket unknown = RawWebSocket.connect(server.port(), "/echo", "Sec-WebSocket-Extensions: x-unknown; a=1")) {
            assertThat(unknown.headers).doesNotContainKey("sec-websocket-extensions");
        }
        try (RawWebSocket bare = RawWebSocket.connect(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate")) {
            assertThat(bare.headers.get("sec-websocket-extensions")).isEqualTo("permessage-deflate");
            bare.sendText("still plain text works");
            RawWebSocket.Frame frame = bare.read();
            assertThat(frame.rsv()).isEqualTo(RSV1);
        }
    }

    @Test
    void compressedMessagesAreUnderstoodAndRepliesInflateCorrectly() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            for (String message : List.of("Hello", "Hello", "Hello again, with context takeover", "", "ünïcödé 😀")) {
                c.ws.send(true, 0 + RSV1, TEXT, c.deflate(utf8(message)));
                assertThat(c.readCompressedText()).isEqualTo(message);
            }
            byte[] binary = new byte[700];
            for (int i = 0; i < binary.length; i++) binary[i] = (byte) (i % 7);
            c.ws.send(true, RSV1, BINARY, c.deflate(binary));
            RawWebSocket.Frame frame = c.ws.read();
            assertThat(frame.opcode()).isEqualTo(BINARY);
            assertThat(c.inflate(frame.payload())).isEqualTo(binary);
        }
    }

    @Test
    void anUncompressedMessageIsStillAcceptedOnACompressedConnection() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            c.ws.sendText("not compressed");
            assertThat(c.readCompressedText()).isEqualTo("not compressed");
        }
    }

    @Test
    void aFragmentedCompressedMessageCarriesRsv1OnItsFirstFrameOnly() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            byte[] compressed = c.deflate(utf8("fragmented and compressed ".repeat(20)));
            int third = compressed.length / 3;
            c.ws.send(false, RSV1, TEXT, Arrays.copyOfRange(compressed, 0, third));
            c.ws.send(true, 0, PING, utf8("p"));
            c.ws.send(false, 0, CONTINUATION, Arrays.copyOfRange(compressed, third, 2 * third));
            c.ws.send(true, 0, CONTINUATION, Arrays.copyOfRange(compressed, 2 * third, compressed.length));
            assertThat(c.ws.read().opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(c.readCompressedText()).isEqualTo("fragmented and compressed ".repeat(20));
        }
    }

    @Test
    void aCompressedMessageInflatingPastTheLimitCloses1009() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            byte[] bomb = c.deflate(utf8("a".repeat(1_000_000)));
            assertThat(bomb.length).isLessThan(LIMIT);
            c.ws.send(true, RSV1, TEXT, bomb);
            assertFailedWith(c.ws, 1009);
        }
    }

    @Test
    void fragmentedCompressedMessagesInflatingPastTheLimitClose1009() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            byte[] compressed = c.deflate(utf8("b".repeat(5_000)));
            int half = compressed.length / 2;
            c.ws.send(false, RSV1, BINARY, Arrays.copyOfRange(compressed, 0, half));
            c.ws.send(true, 0, CONTINUATION, Arrays.copyOfRange(compressed, half, compressed.length));
            assertFailedWith(c.ws, 1009);
        }
    }

    @Test
    void invalidUtf8InACompressedTextCloses1007() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            c.ws.send(true, RSV1, TEXT, c.deflate(new byte[] {'o', 'k', (byte) 0xFF}));
            assertFailedWith(c.ws, 1007);
        }
    }

    @Test
    void corruptCompressedDataCloses1007() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            c.ws.send(true, RSV1, TEXT, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3});
            assertFailedWith(c.ws, 1007);
        }
    }

    @Test
    void rsv2Or3AreStillViolationsWhenDeflateIsNegotiated() throws Exception {
        for (int rsv : new int[] {RSV2, 1, RSV1 | RSV2}) {
            try (Compressed c = new Compressed(OFFER)) {
                c.ws.send(true, rsv, TEXT, utf8("x"));
                assertFailedWith(c.ws, 1002);
            }
        }
    }

    @Test
    void aCompressedControlFrameIsAViolation() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            c.ws.send(true, RSV1, PING, utf8("x"));
            assertFailedWith(c.ws, 1002);
        }
    }

    @Test
    void rsv1OnAContinuationFrameIsAViolation() throws Exception {
        try (Compressed c = new Compressed(OFFER)) {
            c.ws.send(false, 0, TEXT, utf8("plain "));
            c.ws.send(true, RSV1, CONTINUATION, utf8("then compressed?"));
            assertFailedWith(c.ws, 1002);
        }
    }
}
