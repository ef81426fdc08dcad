package kemal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import kemal.App;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reference §1.3: HEAD runs the GET route and sends its head with the GET's Content-Length, no body. */
class HeadRequestTest {

    private static App app() {
        App app = Chains.app();
        app.get("/", env -> "Hello World!");
        app.get("/big", env -> "x".repeat(40_000));
        app.get("/json", env -> java.util.Map.of("name", "Kemal"));
        app.get("/boom", env -> {
            throw new IllegalStateException("boom");
        });
        app.get("/empty", env -> env.status(204));
        app.post("/form", env -> "posted");
        return app;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headSendsTheGetHeadWithoutTheBody(Transport transport) {
        try (TestClient client = Chains.open(transport, app())) {
            for (String path : new String[] {"/", "/big", "/json", "/missing"}) {
                TestResponse get = client.get(path);
                TestResponse head = client.head(path);
                assertThat(head.status()).as(path).isEqualTo(get.status());
                assertThat(head.body()).as(path).isEmpty();
                assertThat(head.header("Content-Length")).as(path)
                        .isEqualTo(String.valueOf(get.bodyBytes().length));
                assertThat(head.contentType()).as(path).isEqualTo(get.contentType());
                assertThat(head.header("Transfer-Encoding")).as(path).isNull();
            }
        }
    }

    @Test
    void anErrorPageIsCountedToo() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse head = client.head("/boom");
            assertThat(head.status()).isEqualTo(500);
            assertThat(head.body()).isEmpty();
            // The page names the method, so its length differs from the GET's; it is still counted.
            assertThat(Integer.parseInt(head.header("Content-Length"))).isGreaterThan(1000);
        }
    }

    /**
     * RFC 9110 §8.6: no Content-Length on a 204. Read over a raw socket: the test client's
     * aggregator adds a Content-Length to every response it assembles.
     */
    @Test
    void aNoContentAnswerHasNoLength() throws IOException {
        try (TestClient client = TestClient.overSocket(app())) {
            for (String method : new String[] {"HEAD", "GET"}) {
                String head = rawHead(client.port(), method + " /empty HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertThat(head).as(method).startsWith("HTTP/1.1 204").doesNotContainIgnoringCase("content-length");
            }
            String ok = rawHead(client.port(), "HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(ok).startsWith("HTTP/1.1 200").contains("Content-Length: 12");
        }
    }

    @Test
    void theTestClientShowsTheHeadersTheServerSent() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.get("/empty").header("Content-Length")).isNull();
        }
    }

    /** Everything the server sends back for {@code request}, until it closes the connection. */
    private static String rawHead(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void headNeverFallsBackToOtherMethods() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.head("/form").status()).isEqualTo(404);
        }
    }

    @Test
    void anExplicitHeadRouteWinsOverTheGetRoute() {
        App app = app();
        app.head("/", env -> {
            env.response().header("X-Head", "own");
            return null;
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse head = client.head("/");
            assertThat(head.header("X-Head")).isEqualTo("own");
            assertThat(head.header("Content-Length")).isEqualTo("0");
            assertThat(client.get("/").body()).isEqualTo("Hello World!");
        }
    }
}
