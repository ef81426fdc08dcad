package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When a connection stays open after a response, and when the server closes it (RFC 9112 §9.3). */
class KeepAliveTest extends EngineTestBase {

    @BeforeEach
    void routes() {
        app.get("/", env -> "hello");
        app.get("/bye", env -> {
            env.response().header("Connection", "close");
            return "bye";
        });
        app.get("/stream", env -> {
            env.response().print("part1,");
            env.response().flush();
            return "part2";
        });
    }

    @Test
    void http11KeepsTheConnectionOpenByDefault() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/"));
            RawResponse first = client.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            assertThat(first.text()).isEqualTo("hello");
            client.assertOpenAndQuiet(100);

            client.send(get("/"));
            RawResponse second = client.read();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.header("Connection")).isEqualTo("keep-alive");
        }
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/", "Connection: close\r\n"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.text()).isEqualTo("hello");
            client.assertClosed();
        }
    }

    @Test
    void closeAmongOtherConnectionOptionsIsHonoured() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/", "Connection: X-Foo, Close\r\nX-Foo: 1\r\n"));
            assertThat(client.read().header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void requestsPipelinedAfterConnectionCloseAreNotAnswered() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/", "Connection: close\r\n") + get("/"));
            assertThat(client.read().header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void http10ClosesByDefault() throws IOException {
        try (RawClient client = connect()) {
            client.send("GET / HTTP/1.0\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.header("Content-Length")).isEqualTo("5");
            assertThat(response.text()).isEqualTo("hello");
            client.assertClosed();
        }
    }

    @Test
    void http10WithKeepAliveStaysOpen() throws IOException {
        try (RawClient client = connect()) {
            client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawResponse first = client.read();
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            assertThat(first.header("Content-Length")).isEqualTo("5");
            client.assertOpenAndQuiet(100);

            client.send("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
            assertThat(client.read().text()).isEqualTo("hello");
            client.send("GET / HTTP/1.0\r\n\r\n");
            assertThat(client.read().header("Connection")).isEqualTo("close");
            client.assertClosed();
        }
    }

    @Test
    void aRouteSettingConnectionCloseClosesTheConnection() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/bye") + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers("Connection")).containsExactly("close");
            assertThat(response.text()).isEqualTo("bye");
            client.assertClosed();
        }
    }

    @Test
    void http10KeepAliveWithAStreamedResponseEndsWithTheConnection() throws IOException {
        try (RawClient client = connect()) {
            client.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawResponse response = client.read();
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.text()).isEqualTo("part1,part2");
        }
    }

    @Test
    void aStreamedHttp11ResponseKeepsTheConnection() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/stream") + get("/"));
            RawResponse streamed = client.read();
            assertThat(streamed.header("Connection")).isEqualTo("keep-alive");
            assertThat(streamed.text()).isEqualTo("part1,part2");
            assertThat(client.read().text()).isEqualTo("hello");
        }
    }
}
