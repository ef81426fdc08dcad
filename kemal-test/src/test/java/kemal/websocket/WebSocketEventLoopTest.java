package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kemal.App;
import kemal.Kemal;
import kemal.Router;
import kemal.WebSocketRoute;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** ws routes declared {@code nonBlocking}: callbacks on the event loop, still one at a time and in order. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketEventLoopTest {
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    private App app() {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        app.ws("/echo", Kemal.nonBlocking((socket, env) -> {
            socket.onMessage(text -> {
                if (text.equals("where")) {
                    Thread thread = Thread.currentThread();
                    socket.send((thread.isVirtual() ? "virtual " : "platform ") + thread.getName());
                } else if (text.equals("close me")) {
                    seen.add("message start");
                    socket.close(4000, "as you wish");
                    seen.add("message end");
                } else {
                    socket.send(text);
                }
            });
            socket.onClose((code, reason) -> seen.add("close " + code));
        }));
        Router router = new Router();
        router.ws("/room/:id", WebSocketRoute.nonBlocking((socket, env) -> {
            String id = env.params().url("id");
            socket.onMessage(text -> socket.send(id + ": " + text));
        }));
        app.mount("/chat", router);
        return app;
    }

    @Test
    void callbacksRunOnTheEventLoopAndAnswerAtOnce() throws Exception {
        try (TestClient client = TestClient.overSocket(app());
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/echo")) {
            ws.sendText("hello");
            assertThat(ws.readText()).isEqualTo("hello");
            ws.sendText("where");
            assertThat(ws.readText()).startsWith("platform kemal-io");
        }
    }

    @Test
    void manyMessagesComeBackInOrder() throws Exception {
        try (TestClient client = TestClient.overSocket(app());
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/echo")) {
            for (int i = 0; i < 2000; i++) ws.sendText("m" + i);
            for (int i = 0; i < 2000; i++) assertThat(ws.readText()).isEqualTo("m" + i);
        }
    }

    @Test
    void framesSentRightBehindTheHandshakeWaitForTheRouteBlockAndKeepTheirOrder() throws Exception {
        StringBuilder frames = new StringBuilder(RawWebSocket.handshake("/echo"));
        for (int i = 0; i < 5; i++) {
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.TEXT, ("early" + i).getBytes(StandardCharsets.UTF_8), true);
            frames.append(new String(frame, StandardCharsets.ISO_8859_1));
        }
        try (TestClient client = TestClient.overSocket(app());
             RawWebSocket ws = RawWebSocket.open(client.port(), frames.toString())) {
            assertThat(ws.status).isEqualTo(101);
            for (int i = 0; i < 5; i++) assertThat(ws.readText()).isEqualTo("early" + i);
        }
    }

    @Test
    void onCloseFromACallbackWaitsForThatCallbackToEnd() throws Exception {
        try (TestClient client = TestClient.overSocket(app());
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/echo")) {
            ws.sendText("close me");
            RawWebSocket.Frame close = ws.read();
            assertThat(close.closeCode()).isEqualTo(4000);
            ws.sendClose(4000, "");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("message start");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("message end");
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("close 4000");
        }
    }

    @Test
    void aVanishedClientIs1006() throws Exception {
        try (TestClient client = TestClient.overSocket(app())) {
            RawWebSocket ws = RawWebSocket.connect(client.port(), "/echo");
            ws.sendText("hi");
            assertThat(ws.readText()).isEqualTo("hi");
            ws.close();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("close 1006");
        }
    }

    @Test
    void aRouterMountedWebSocketRouteCanBeNonBlockingToo() throws Exception {
        try (TestClient client = TestClient.overSocket(app());
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/chat/room/7")) {
            ws.sendText("hi");
            assertThat(ws.readText()).isEqualTo("7: hi");
        }
    }
}
