package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The opening handshake: what is refused, how, and what a 101 carries (RFC 6455 §4.2, Kemal §11.2). */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketHandshakeTest {
    private static final AtomicInteger opened = new AtomicInteger();
    private static TestClient client;
    private static int port;

    @BeforeAll
    static void start() {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        app.ws("/ws", (socket, env) -> {
            opened.incrementAndGet();
            socket.send("open");
        });
        app.get("/next", env -> "next");
        client = TestClient.overSocket(app);
        port = client.port();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    /** A handshake to /ws with {@code lines} in place of the usual header block. */
    private static String request(String requestLine, String... lines) {
        return requestLine + "\r\n" + String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static RawWebSocket send(String request) throws IOException {
        return RawWebSocket.open(port, request);
    }

    @Test
    void theAcceptKeyOfTheRfcsExample() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port, "/ws")) {
            assertThat(ws.head).startsWith("HTTP/1.1 101 Switching Protocols");
            assertThat(ws.headers)
                    .containsEntry("upgrade", "websocket")
                    .containsEntry("connection", "Upgrade")
                    .containsEntry("sec-websocket-accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
                    .doesNotContainKey("content-length")
                    .doesNotContainKey("transfer-encoding")
                    .doesNotContainKey("sec-websocket-extensions");
            assertThat(ws.readText()).isEqualTo("open");
        }
    }

    @Test
    void headerNamesAndTokensAreCaseInsensitiveAndConnectionMayListSeveralTokens() throws Exception {
        String request = request("GET /ws HTTP/1.1", "host: 127.0.0.1", "upgrade: WebSocket",
                "connection: keep-alive, Upgrade", "sec-websocket-key: " + RawWebSocket.SAMPLE_KEY,
                "sec-websocket-version: 13");
        try (RawWebSocket ws = send(request)) {
            assertThat(ws.status).isEqualTo(101);
            assertThat(ws.readText()).isEqualTo("open");
        }
    }

    @Test
    void subprotocolsAreNeverNegotiated() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port, "/ws", "Sec-WebSocket-Protocol: chat, superchat")) {
            assertThat(ws.headers).doesNotContainKey("sec-websocket-protocol");
        }
    }

    @Test
    void aMethodOtherThanGetIs405WithAllowGet() throws Exception {
        int before = opened.get();
        for (String method : List.of("POST", "PUT", "DELETE")) {
            String request = RawWebSocket.handshake("/ws").replaceFirst("^GET", method);
            try (RawWebSocket ws = send(request)) {
                assertThat(ws.status).as(method).isEqualTo(405);
                assertThat(ws.headers)
                        .containsEntry("allow", "GET")
                        .containsEntry("connection", "close")
                        .containsEntry("content-type", "text/plain; charset=UTF-8");
                assertThat(ws.readToEnd()).isEqualTo("Method Not Allowed");
            }
        }
        assertThat(opened.get()).isEqualTo(before);
    }

    @Test
    void aMissingOrMalformedKeyIs400() throws Exception {
        for (String key : List.of("", "Sec-WebSocket-Key: not base64!", "Sec-WebSocket-Key: c2hvcnQ=",
                "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            String request = RawWebSocket.handshake("/ws").replace(
                    "Sec-WebSocket-Key: " + RawWebSocket.SAMPLE_KEY + "\r\n", key.isEmpty() ? "" : key + "\r\n");
            try (RawWebSocket ws = send(request)) {
                assertThat(ws.status).as(key).isEqualTo(400);
                assertThat(ws.headers).doesNotContainKey("sec-websocket-accept");
                assertThat(ws.readToEnd()).as(key).isEqualTo("400 Bad Request\n");
            }
        }
    }

    @Test
    void aVersionOtherThan13Is426NamingVersion13() throws Exception {
        for (String version : List.of("Sec-WebSocket-Version: 8", "Sec-WebSocket-Version: 14", "")) {
            String request = RawWebSocket.handshake("/ws").replace("Sec-WebSocket-Version: 13\r\n",
                    version.isEmpty() ? "" : version + "\r\n");
            try (RawWebSocket ws = send(request)) {
                assertThat(ws.status).as(version).isEqualTo(426);
                assertThat(ws.headers).containsEntry("sec-websocket-version", "13");
                assertThat(ws.readToEnd()).as("Kemal's 426 has an empty body").isEmpty();
            }
        }
    }

    @Test
    void theVersionIsCheckedBeforeTheKeyAsInCrystalsHandler() throws Exception {
        String request = RawWebSocket.handshake("/ws")
                .replace("Sec-WebSocket-Key: " + RawWebSocket.SAMPLE_KEY + "\r\n", "")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
        try (RawWebSocket ws = send(request)) {
            assertThat(ws.status).isEqualTo(426);
        }
    }

    @Test
    void http10Is400() throws Exception {
        String request = RawWebSocket.handshake("/ws").replaceFirst("HTTP/1.1", "HTTP/1.0");
        try (RawWebSocket ws = send(request)) {
            assertThat(ws.status).isEqualTo(400);
            assertThat(ws.readToEnd()).isEqualTo("400 Bad Request\n");
        }
    }

    @Test
    void aRefusalClosesTheConnectionSoAPipelinedRequestIsNotServed() throws Exception {
        String refused = RawWebSocket.handshake("/ws").replaceFirst("^GET", "POST");
        try (RawWebSocket ws = send(refused + "GET /next HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertThat(ws.status).isEqualTo(405);
            assertThat(ws.headers).containsEntry("connection", "close");
            assertThat(ws.readToEnd()).isEqualTo("Method Not Allowed").doesNotContain("next");
        }
    }

    @Test
    void theConnectionServesHttpAgainAfterAnUpgradeRequestAnsweredInHttp() throws Exception {
        // An Upgrade to a path without a ws route is an ordinary request: keep-alive goes on.
        String upgradeElsewhere = RawWebSocket.handshake("/next");
        try (RawWebSocket ws = send(upgradeElsewhere + "GET /next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            assertThat(ws.status).isEqualTo(200);
            String rest = ws.readToEnd();
            assertThat(rest).startsWith("nextHTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nnext");

        }
    }

    @Test
    void theJdkClientIsAccepted() throws Exception {
        try (JdkWebSocket ws = JdkWebSocket.connect(port, "/ws", Map.of())) {
            assertThat(ws.nextText()).isEqualTo("open");
        }
    }
}
