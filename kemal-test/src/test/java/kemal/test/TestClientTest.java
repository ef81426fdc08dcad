package kemal.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kemal.App;
import kemal.Kemal;
import org.junit.jupiter.api.Test;

class TestClientTest {

    private static App app() {
        App app = Kemal.create();
        app.config().logging(false);
        app.get("/", env -> "Hello World!");
        app.post("/echo", env -> env.request().body());
        app.get("/stream", env -> {
            env.response().print("part one, ");
            env.response().flush();
            return "part two";
        });
        app.post("/continue", env -> "read " + env.request().body());
        app.get("/boom", env -> {
            throw new IllegalStateException("boom");
        });
        return app;
    }

    @Test
    void inProcessRunsTheRealChain() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hello World!");
            assertThat(response.header("Content-Length")).isEqualTo("12");
            assertThat(response.header("X-Powered-By")).isEqualTo("Kemal");
            assertThat(client.post("/echo", "ping").body()).isEqualTo("ping");
            assertThat(client.get("/nowhere").status()).isEqualTo(404);
            assertThat(client.port()).isEqualTo(-1);
        }
    }

    @Test
    void socketTransportUsesARealPort() {
        try (TestClient client = TestClient.overSocket(app())) {
            assertThat(client.port()).isPositive();
            assertThat(client.get("/", Map.of("Accept", "text/plain")).body()).isEqualTo("Hello World!");
            assertThat(client.uri("/x").toString()).isEqualTo("http://127.0.0.1:" + client.port() + "/x");
        }
    }

    @Test
    void exceptionsReachTheTestWhenNotRescued() {
        App app = app();
        app.config().alwaysRescue(false);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThatThrownBy(() -> client.get("/boom"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom");
            assertThat(client.get("/").body()).isEqualTo("Hello World!");
        }
    }

    @Test
    void rescuedExceptionsBecomeTheErrorPage() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/boom");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("IllegalStateException").contains("boom");
        }
    }

    @Test
    void headersAreReportedAsSent() {
        for (TestClient client : new TestClient[] {TestClient.inProcess(app()), TestClient.overSocket(app())}) {
            try (client) {
                TestResponse streamed = client.get("/stream");
                assertThat(streamed.body()).isEqualTo("part one, part two");
                assertThat(streamed.header("Transfer-Encoding")).isEqualTo("chunked");
                assertThat(streamed.header("Content-Length")).isNull();
            }
        }
    }

    @Test
    void interimResponsesAreSkipped() {
        for (TestClient client : new TestClient[] {TestClient.inProcess(app()), TestClient.overSocket(app())}) {
            try (client) {
                TestResponse response = client.post("/continue", Map.of("Expect", "100-continue"), "ping");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("read ping");
            }
        }
    }

    @Test
    void closingLeavesAnAppStartedElsewhereRunning() {
        App app = app();
        app.config().hostBinding("127.0.0.1").port(0);
        app.start();
        try {
            try (TestClient client = TestClient.overSocket(app)) {
                assertThat(client.port()).isEqualTo(app.port());
                assertThat(client.get("/").body()).isEqualTo("Hello World!");
            }
            assertThat(app.isRunning()).isTrue();
            try (TestClient again = TestClient.overSocket(app)) {
                assertThat(again.get("/").body()).isEqualTo("Hello World!");
            }
        } finally {
            app.stop();
        }
    }

    @Test
    void closingStopsAnAppTheClientStarted() {
        App app = app();
        try (TestClient client = TestClient.overSocket(app)) {
            assertThat(app.isRunning()).isTrue();
        }
        assertThat(app.isRunning()).isFalse();
    }
}
