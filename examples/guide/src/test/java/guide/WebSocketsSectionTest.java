package guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * shared/guide-app.md, "WebSockets": the sockets through the JDK's WebSocket client with a
 * same-origin {@code Origin}, the origin policy's refusals over a raw socket, and {@code /events}.
 */
class WebSocketsSectionTest extends GuideAppTestBase {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void wsGreetsThenEchoesEachMessageInOrder(TestClient client) throws Exception {
        try (WebSocketClient socket = open(client, "/ws", Map.of())) {
            assertThat(socket.next()).isEqualTo("Hello from Kemal!");
            socket.send("one");
            socket.send("two");
            socket.send("çiçek ✓");
            assertThat(socket.next()).isEqualTo("Echo back from server one");
            assertThat(socket.next()).isEqualTo("Echo back from server two");
            assertThat(socket.next()).isEqualTo("Echo back from server çiçek ✓");
            assertThat(socket.closeNormally()).as("the server's close code").isEqualTo(1000);
        }
    }

    @Test
    void wsEchoesAMessageBiggerThanOneFrameBuffer(TestClient client) throws Exception {
        String big = "x".repeat(100_000);
        try (WebSocketClient socket = open(client, "/ws", Map.of())) {
            assertThat(socket.next()).isEqualTo("Hello from Kemal!");
            socket.send(big);
            assertThat(socket.next()).isEqualTo("Echo back from server " + big);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "kemal"})
    void wsWithIdSendsThePathParameter(String id, TestClient client) throws Exception {
        try (WebSocketClient socket = open(client, "/ws/" + id, Map.of())) {
            assertThat(socket.next()).isEqualTo(id);
        }
    }

    @Test
    void wsHeadersSendsTheRequestContentType(TestClient client) throws Exception {
        try (WebSocketClient socket = open(client, "/ws-headers", Map.of("Content-Type", "application/json"))) {
            assertThat(socket.next()).isEqualTo("application/json");
        }
    }

    @Test
    void wsHeadersSendsAnEmptyMessageWithoutContentType(TestClient client) throws Exception {
        try (WebSocketClient socket = open(client, "/ws-headers", Map.of())) {
            assertThat(socket.next()).isEmpty();
        }
    }

    @Test
    void sameOriginHandshakeOverARawSocketIsSwitchedAndGreets(TestClient client) throws Exception {
        RawAnswer answer = handshake(client.port(), "/ws", WebSocketClient.sameOrigin(client.port()), true);
        assertThat(answer.head()).startsWith("HTTP/1.1 101 ");
        assertThat(answer.header("Upgrade")).isEqualToIgnoringCase("websocket");
        assertThat(answer.header("Sec-WebSocket-Accept")).isEqualTo(expectedAccept(KEY));
        // One unmasked, final text frame: FIN + opcode 1, the length, the text.
        byte[] hello = "Hello from Kemal!".getBytes(StandardCharsets.UTF_8);
        assertThat(answer.firstFrame()).startsWith((byte) 0x81, (byte) hello.length);
        assertThat(new String(answer.firstFrame(), 2, answer.firstFrame().length - 2, StandardCharsets.UTF_8))
                .isEqualTo("Hello from Kemal!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws", "/ws/42", "/ws-headers"})
    void handshakeWithoutOriginIsForbidden(String path, TestClient client) throws Exception {
        RawAnswer answer = handshake(client.port(), path, null, false);
        assertThat(answer.head()).startsWith("HTTP/1.1 403 ");
        assertThat(answer.header("Upgrade")).isNull();
        assertThat(answer.header("Sec-WebSocket-Accept")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1", "null"})
    void handshakeFromAnotherOriginIsForbidden(String origin, TestClient client) throws Exception {
        RawAnswer answer = handshake(client.port(), "/ws", origin, false);
        assertThat(answer.head()).as("Origin: " + origin).startsWith("HTTP/1.1 403 ");
        assertThat(answer.header("Sec-WebSocket-Accept")).isNull();
    }

    @Test
    void theJdkClientWithoutAnOriginIsRefusedWith403(TestClient client) {
        assertThatThrownBy(() -> WebSocketClient.open(client.port(), "/ws", Map.of()))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(403));
    }

    @Test
    void aPlainGetOnAWebSocketPathIsNotFound(TestClient client) {
        TestResponse response = client.get("/ws");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("This is a customized 404 page.");
    }

    @Test
    void eventsStreamsThreeEventsThenEnds(TestClient client) {
        TestResponse response = client.get("/events");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/event-stream");
        // client.get returns once the stream has ended.
        assertThat(events(response.body())).containsExactly(
                Map.of("id", "1", "data", "event 1"),
                Map.of("id", "2", "data", "event 2"),
                Map.of("id", "3", "data", "event 3"));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static WebSocketClient open(TestClient client, String path, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Origin", WebSocketClient.sameOrigin(client.port()));
        return WebSocketClient.open(client.port(), path, all);
    }

    /** An event stream's events, each as its fields (name to value), in order. */
    private static List<Map<String, String>> events(String body) {
        List<Map<String, String>> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isBlank()) continue;
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : block.split("\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0) continue; // comments and blank lines
                String value = line.substring(colon + 1);
                fields.put(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value);
            }
            events.add(fields);
        }
        return events;
    }

    private static String expectedAccept(String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }

    /** The response head, and when switched, the first frame the server sent. */
    private record RawAnswer(String head, byte[] firstFrame) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends a WebSocket handshake by hand (Origin left out when null) and reads the answer. */
    private static RawAnswer handshake(int port, String path, String origin, boolean readFrame) throws IOException {
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WebSocketClient.WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (!readFrame) return new RawAnswer(head, new byte[0]);
            int first = in.read();
            int length = in.read();
            byte[] payload = in.readNBytes(length & 0x7f);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(first);
            frame.write(length);
            frame.write(payload);
            return new RawAnswer(head, frame.toByteArray());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
