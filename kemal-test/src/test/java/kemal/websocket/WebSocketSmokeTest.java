package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;

class WebSocketSmokeTest {

    @Test
    void echoWithParams() throws Exception {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        app.ws("/ws/:id", (socket, env) -> {
            socket.send("Hello " + env.params().url("id"));
            socket.onMessage(message -> socket.send("Echo back from server " + message));
        });
        app.get("/ws/:id", env -> "plain " + env.params().url("id"));
        try (TestClient client = TestClient.overSocket(app)) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://127.0.0.1:" + client.port() + "/ws/42"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            webSocket.request(1);
                            return CompletableFuture.completedFuture(null);
                        }
                    }).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("Hello 42");
            ws.sendText("ping", true).get(5, TimeUnit.SECONDS);
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("Echo back from server ping");
            ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
            assertThat(client.get("/ws/7").body()).isEqualTo("plain 7");
        }
    }
}
