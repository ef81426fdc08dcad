package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kemal.App;
import kemal.Env;
import kemal.Handler;
import kemal.Kemal;
import kemal.Router;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which ws route serves an upgrade, and where the WebSocket step sits in the handler chain. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class WebSocketRoutingTest {

    private static App app() {
        App app = Kemal.create();
        app.config().logging(false).websocketAllowedOrigins(List.of("*"));
        return app;
    }

    @Test
    void theGuidesEchoServerAtTheRoot() throws Exception {
        App app = app();
        app.ws("/", (socket, env) -> {
            socket.send("Hello from Kemal!");
            socket.onMessage(message -> socket.send("Echo back from server " + message));
        });
        try (TestClient client = TestClient.overSocket(app);
             JdkWebSocket ws = JdkWebSocket.connect(client.port(), "/")) {
            assertThat(ws.nextText()).isEqualTo("Hello from Kemal!");
            ws.send("hi");
            assertThat(ws.nextText()).isEqualTo("Echo back from server hi");
        }
    }

    @Test
    void severalRoutesAndUrlParams() throws Exception {
        App app = app();
        app.ws("/", (socket, env) -> socket.send("root"));
        app.ws("/route2", (socket, env) -> socket.send("route2"));
        app.ws("/:id", (socket, env) -> socket.send("id=" + env.params().url("id")));
        app.ws("/rooms/:room/users/:user", (socket, env) ->
                socket.send(env.params().url("room") + "/" + env.params().url("user")));
        try (TestClient client = TestClient.overSocket(app)) {
            int port = client.port();
            for (String[] pathAndGreeting : new String[][] {
                    {"/", "root"}, {"/route2", "route2"}, {"/42", "id=42"}, {"/rooms/kitchen/users/ann", "kitchen/ann"}}) {
                try (RawWebSocket ws = RawWebSocket.connect(port, pathAndGreeting[0])) {
                    assertThat(ws.readText()).as(pathAndGreeting[0]).isEqualTo(pathAndGreeting[1]);
                }
            }
        }
    }

    @Test
    void theUpgradeRequestsHeadersAreVisible() throws Exception {
        App app = app();
        // The guide: ws "/" do |socket, context| socket.send headers["Content-Type"]? end
        app.ws("/ws-headers", (socket, env) -> socket.send(String.valueOf(env.request().header("Content-Type"))));
        try (TestClient client = TestClient.overSocket(app)) {
            try (RawWebSocket ws = RawWebSocket.connect(client.port(), "/ws-headers", "Content-Type: application/json")) {
                assertThat(ws.readText()).isEqualTo("application/json");
            }
            try (JdkWebSocket ws = JdkWebSocket.connect(client.port(), "/ws-headers",
                    Map.of("Origin", "http://x", "Content-Type", "text/x-kemal"))) {
                assertThat(ws.nextText()).isEqualTo("text/x-kemal");
            }
        }
    }

    @Test
    void wsInARouterUnderMountPrefixesAndNamespaces() throws Exception {
        App app = app();
        Router chat = new Router("/chat");
        chat.ws("/:room", (socket, env) -> socket.send("chat " + env.params().url("room")));
        chat.namespace("/admin", admin -> admin.ws("live", (socket, env) -> socket.send("admin live")));
        chat.get("/:room", env -> "http room " + env.params().url("room"));
        Router api = new Router();
        api.mount("/v2", chat);
        app.mount("/api", api);
        Router plain = new Router();
        plain.ws("/plain", (socket, env) -> socket.send("plain"));
        app.mount(plain);
        try (TestClient client = TestClient.overSocket(app)) {
            int port = client.port();
            try (RawWebSocket ws = RawWebSocket.connect(port, "/api/v2/chat/lobby")) {
                assertThat(ws.readText()).isEqualTo("chat lobby");
            }
            try (RawWebSocket ws = RawWebSocket.connect(port, "/api/v2/chat/admin/live")) {
                assertThat(ws.readText()).isEqualTo("admin live");
            }
            try (RawWebSocket ws = RawWebSocket.connect(port, "/plain")) {
                assertThat(ws.readText()).isEqualTo("plain");
            }
            assertThat(client.get("/api/v2/chat/lobby").body()).isEqualTo("http room lobby");
            // Not mounted where the router alone would put it.
            try (RawWebSocket ws = RawWebSocket.open(port, RawWebSocket.handshake("/chat/lobby", "Connection: close"))) {
                assertThat(ws.status).isEqualTo(404);
            }
        }
    }

    @Test
    void aPlainGetToAWsOnlyPathFallsThroughToTheRoutes() throws Exception {
        App app = app();
        app.ws("/chat", (socket, env) -> socket.send("never for plain HTTP"));
        app.ws("/both", (socket, env) -> socket.send("ws"));
        app.get("/both", env -> "http");
        try (TestClient client = TestClient.overSocket(app)) {
            TestResponse plain = client.get("/chat");
            assertThat(plain.status()).isEqualTo(404);
            assertThat(plain.body()).contains("Kemal doesn't know this way.");
            assertThat(client.get("/both").body()).isEqualTo("http");
            // An Upgrade header without the Connection token is no upgrade either.
            assertThat(client.get("/both", Map.of("Upgrade", "websocket")).body()).isEqualTo("http");
            try (RawWebSocket ws = RawWebSocket.connect(client.port(), "/both")) {
                assertThat(ws.readText()).isEqualTo("ws");
            }
        }
    }

    @Test
    void anUpgradeToAPathWithoutWsRouteGoesToTheHttpRoutes() throws Exception {
        App app = app();
        app.ws("/ws", (socket, env) -> socket.send("ws"));
        app.get("/page", env -> "page");
        try (TestClient client = TestClient.overSocket(app);
             RawWebSocket ws = RawWebSocket.open(client.port(), RawWebSocket.handshake("/page"))) {
            assertThat(ws.status).isEqualTo(200);
            assertThat(ws.headers).containsEntry("content-length", "4");
        }
    }

    @Test
    void aCustomHandlerSeesTheUpgradeAndItsHeaderIsOnThe101() throws Exception {
        App app = app();
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) throws Exception {
                env.response().header("X-Custom", "seen " + env.request().header("Upgrade"));
                callNext(env);
            }
        });
        app.ws("/ws", (socket, env) -> socket.send("ok"));
        try (TestClient client = TestClient.overSocket(app);
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/ws")) {
            assertThat(ws.headers).containsEntry("x-custom", "seen websocket");
            assertThat(ws.readText()).isEqualTo("ok");
        }
    }

    @Test
    void aBeforeAllFilterThatHaltsRefusesTheUpgrade() throws Exception {
        App app = app();
        app.beforeAll(env -> {
            if (!"secret".equals(env.request().header("X-Token"))) Kemal.halt(env, 401, "Unauthorized");
        });
        app.ws("/ws", (socket, env) -> socket.send("welcome"));
        try (TestClient client = TestClient.overSocket(app)) {
            try (RawWebSocket refused = RawWebSocket.open(client.port(), RawWebSocket.handshake("/ws", "Connection: close"))) {
                assertThat(refused.status).isEqualTo(401);
                assertThat(refused.headers).doesNotContainKey("sec-websocket-accept");
                assertThat(refused.readToEnd()).isEqualTo("Unauthorized");
            }
            try (RawWebSocket allowed = RawWebSocket.connect(client.port(), "/ws", "X-Token: secret")) {
                assertThat(allowed.readText()).isEqualTo("welcome");
            }
        }
    }

    @Test
    void beforeFiltersRunBeforeTheSocketAndCanPassValuesToIt() throws Exception {
        App app = app();
        // Kemal runs only before_all filters for an upgrade (a ws path has no HTTP route).
        app.beforeAll("/ws/:id", env -> env.set("user", "user of " + env.request().path()));
        app.ws("/ws/:id", (socket, env) -> socket.send(env.<String>getOrNull("user") + ", id " + env.params().url("id")));
        try (TestClient client = TestClient.overSocket(app);
             RawWebSocket ws = RawWebSocket.connect(client.port(), "/ws/7")) {
            assertThat(ws.readText()).isEqualTo("user of /ws/7, id 7");
        }
    }

    @Test
    void wsPathsMustStartWithASlash() {
        App app = app();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.ws("chat", (socket, env) -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws \"/chat\"");
    }
}
