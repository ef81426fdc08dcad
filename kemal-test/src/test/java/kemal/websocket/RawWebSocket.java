package kemal.websocket;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import kemal.support.ResponseHead;

/**
 * A WebSocket client over a plain socket that writes exactly the frames it is told to (masked or
 * not, any opcode, any RSV bits, any fragmentation) and reads the server's frames one by one:
 * for the protocol cases no well-behaved client can produce.
 */
final class RawWebSocket implements AutoCloseable {
    static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    /** A key whose accept value RFC 6455 gives (§1.3). */
    static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** One frame from the server. */
    record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close frame's status code, or 1005 when it carries none. */
        int closeCode() {
            if (opcode != CLOSE) throw new AssertionError("not a close frame: " + this);
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Frame[fin=" + fin + ", rsv=" + rsv + ", opcode=" + opcode + ", " + payload.length + " bytes"
                    + (opcode == CLOSE ? ", code=" + closeCode() + " '" + closeReason() + "'" : "") + "]";
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** The status line and headers of the handshake response. */
    final String head;
    final int status;
    /** Response headers, names in lower case. */
    final Map<String, String> headers = new LinkedHashMap<>();

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.head = ResponseHead.readWithoutBlankLine(in);
        this.status = Integer.parseInt(head.substring(9, 12));
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
    }

    /** A GET upgrade request for {@code path} with a fresh key and the given extra header lines. */
    static String handshake(String path, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(SAMPLE_KEY).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) request.append(header).append("\r\n");
        return request.append("\r\n").toString();
    }

    /** Opens a WebSocket at {@code path} (the app must allow any origin) and checks it got 101. */
    static RawWebSocket connect(int port, String path, String... extraHeaders) throws IOException {
        RawWebSocket ws = open(port, handshake(path, extraHeaders));
        if (ws.status != 101) {
            ws.close();
            throw new AssertionError("expected 101, got:\n" + ws.head);
        }
        return ws;
    }

    /** Sends {@code request} as is and reads the response head. */
    static RawWebSocket open(int port, String request) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new RawWebSocket(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** How long a read waits before the test fails. */
    RawWebSocket readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    /** The rest of the connection, read until the server closes it (the body of a refusal). */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    // ---- writing ---------------------------------------------------------------------------

    void sendText(String text) throws IOException {
        send(true, 0, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBinary(byte[] payload) throws IOException {
        send(true, 0, BINARY, payload);
    }

    /** A masked frame, as a client must send. */
    void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        write(frame(fin, rsv, opcode, payload, true));
    }

    /** A close frame with {@code code} and {@code reason}. */
    void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        send(true, 0, CLOSE, payload);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Encodes one frame: FIN, RSV bits, opcode, length (7, 16 or 64 bits), mask and payload. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            long length = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) frame.write((int) (length >> shift));
        }
        if (!masked) {
            frame.writeBytes(payload);
            return frame.toByteArray();
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        byte[] maskedPayload = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) maskedPayload[i] = (byte) (payload[i] ^ mask[i & 3]);
        frame.writeBytes(maskedPayload);
        return frame.toByteArray();
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The next frame from the server; fails when none comes within the read timeout. */
    Frame read() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        if ((b1 & 0x80) != 0) throw new AssertionError("the server masked a frame");
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) length = (length << 8) | readByte();
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) throw new EOFException("connection closed in a frame");
        return new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, payload);
    }

    /** The next frame, which must be a text frame; returns its text. */
    String readText() throws IOException {
        Frame frame = read();
        if (frame.opcode() != TEXT || !frame.fin()) throw new AssertionError("expected a text message, got " + frame);
        return frame.text();
    }

    /** The next frame, which must be a close frame; returns its code. */
    int readCloseCode() throws IOException {
        Frame frame = read();
        if (frame.opcode() != CLOSE) throw new AssertionError("expected a close frame, got " + frame);
        return frame.closeCode();
    }

    /** Whether the server closed the TCP connection (end of stream) within the read timeout. */
    boolean serverClosedConnection() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true; // a reset is a close too
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException("the server closed the connection");
        return b;
    }

    /** Drops the TCP connection without a close frame. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
