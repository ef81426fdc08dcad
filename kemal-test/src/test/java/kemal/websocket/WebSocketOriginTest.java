package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code websocketAllowedOrigins}: current Kemal's defence against cross-site WebSocket hijacking. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketOriginTest {
    private final AtomicInteger opened = new AtomicInteger();

    private TestClient serve(List<String> origins) {
        App app = Kemal.create();
        app.config().logging(false);
        if (origins != null) app.config().websocketAllowedOrigins(origins);
        app.ws("/ws", (socket, env) -> {
            opened.incrementAndGet();
            socket.send("open");
        });
        return TestClient.overSocket(app);
    }

    /** The status of a handshake with these Host and Origin headers (null leaves the header out). */
    private static int status(int port, String host, String origin) throws Exception {
        String request = RawWebSocket.handshake("/ws").replace("Host: 127.0.0.1\r\n", host == null ? "" : "Host: " + host + "\r\n");
        if (origin != null) request = request.replace("\r\n\r\n", "\r\nOrigin: " + origin + "\r\n\r\n");
        try (RawWebSocket ws = RawWebSocket.open(port, request)) {
            if (ws.status == 403) {
                assertThat(ws.headers)
                        .containsEntry("connection", "close")
                        .containsEntry("content-type", "text/plain; charset=UTF-8")
                        .doesNotContainKey("sec-websocket-accept");
                assertThat(ws.readToEnd()).isEqualTo("Forbidden");
            } else if (ws.status == 101) {
                assertThat(ws.readText()).isEqualTo("open");
            }
            return ws.status;
        }
    }

    /** Every case whose status differs from {@code expected}, as "host/origin -> status". */
    private static List<String> mismatches(int port, int expected, String[][] hostAndOrigin) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String[] pair : hostAndOrigin) {
            int status = status(port, pair[0], pair[1]);
            if (status != expected) wrong.add(pair[0] + " / " + pair[1] + " -> " + status);
        }
        return wrong;
    }

    @Test
    void byDefaultOnlyTheSameOriginMayConnect() throws Exception {
        try (TestClient client = serve(null)) {
            int port = client.port();
            assertThat(mismatches(port, 101, new String[][] {
                    {"example.com", "http://example.com"},
                    {"example.com", "https://example.com"},
                    {"Example.COM", "http://example.com"},
                    {"example.com", "HTTP://EXAMPLE.com"},
                    {"example.com", "http://example.com:80"},
                    {"example.com:80", "http://example.com"},
                    {"example.com", "https://example.com:443"},
                    {"example.com:443", "https://example.com"},
                    {"example.com:8080", "http://example.com:8080"},
                    {"127.0.0.1:" + port, "http://127.0.0.1:" + port},
                    {"[::1]:9000", "http://[::1]:9000"},
            })).isEmpty();
            assertThat(mismatches(port, 403, new String[][] {
                    {"example.com", null},
                    {"example.com", ""},
                    {"example.com", "null"},
                    {"example.com", "http://evil.com"},
                    {"example.com", "http://example.com.evil.com"},
                    {"example.com", "http://example.com:8080"},
                    {"example.com:8080", "http://example.com"},
                    {"example.com", "https://example.com:80"},
                    {"example.com", "http://example.com:443"},
                    {"example.com", "http://a:b"},
                    {"example.com", "example.com"},
                    {"example.com", "http://user@example.com"},
                    {"example.com", "http://example.com/path"},
            })).isEmpty();
            assertThat(status(port, null, "http://example.com")).as("HTTP/1.1 without Host").isEqualTo(400);
        }
        assertThat(opened.get()).as("the route ran only for accepted handshakes").isEqualTo(11);
    }

    @Test
    void aListAllowsExactlyItsOrigins() throws Exception {
        try (TestClient client = serve(List.of("https://App.EXAMPLE.com", "http://localhost:3000"))) {
            int port = client.port();
            assertThat(mismatches(port, 101, new String[][] {
                    {"anything", "https://app.example.com"},
                    {"anything", "https://app.example.com:443"},
                    {"anything", "http://localhost:3000"},
            })).isEmpty();
            assertThat(mismatches(port, 403, new String[][] {
                    {"anything", "http://app.example.com"},
                    {"anything", "https://app.example.com:8443"},
                    {"anything", "http://localhost"},
                    {"anything", null},
                    {"anything", "null"},
                    {"127.0.0.1:" + port, "http://127.0.0.1:" + port}, // same origin, but not listed
            })).isEmpty();
        }
    }

    @Test
    void aStarAllowsAnyOriginAndNone() throws Exception {
        try (TestClient client = serve(List.of("*"))) {
            assertThat(mismatches(client.port(), 101, new String[][] {
                    {"example.com", "http://evil.com"},
                    {"example.com", null},
                    {"example.com", "null"},
                    {"example.com", "http://a:b"},
            })).isEmpty();
        }
    }

    @Test
    void nullAllowsTheOpaqueOriginOnly() throws Exception {
        try (TestClient client = serve(List.of("null", "https://app.example.com"))) {
            int port = client.port();
            assertThat(mismatches(port, 101, new String[][] {{"x", "null"}, {"x", "https://app.example.com"}})).isEmpty();
            assertThat(mismatches(port, 403, new String[][] {{"x", null}, {"x", "http://x"}})).isEmpty();
        }
    }

    @Test
    void theMethodIsCheckedBeforeTheOrigin() throws Exception {
        try (TestClient client = serve(null)) {
            String request = RawWebSocket.handshake("/ws").replaceFirst("^GET", "POST")
                    .replace("\r\n\r\n", "\r\nOrigin: http://evil.com\r\n\r\n");
            try (RawWebSocket ws = RawWebSocket.open(client.port(), request)) {
                assertThat(ws.status).isEqualTo(405);
            }
        }
    }

    @Test
    void theJdkClientSendsNoOriginSoTheDefaultPolicyRefusesItUnlessItSetsOne() throws Exception {
        try (TestClient client = serve(null)) {
            int port = client.port();
            assertThatThrownBy(() -> JdkWebSocket.connect(port, "/ws", Map.of()))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
            try (JdkWebSocket ws = JdkWebSocket.connect(port, "/ws", Map.of("Origin", "http://127.0.0.1:" + port))) {
                assertThat(ws.nextText()).isEqualTo("open");
            }
            assertThatThrownBy(() -> JdkWebSocket.connect(port, "/ws", Map.of("Origin", "http://evil.example")))
                    .cause().isInstanceOf(WebSocketHandshakeException.class);
        }
    }

    @Test
    void aMalformedConfiguredOriginIsAStartupError() {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("app.example.com"));
        assertThatThrownBy(() -> TestClient.overSocket(app))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("websocketAllowedOrigins entry 'app.example.com'");
    }
}
