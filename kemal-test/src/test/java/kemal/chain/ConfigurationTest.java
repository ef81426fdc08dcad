package kemal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import kemal.App;
import kemal.Kemal;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guide "Configuration" and reference §8, §15: what the settings change, and the lifecycle. */
class ConfigurationTest {

    // ---- headers and error pages ---------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void poweredByHeaderIsKemalByDefaultAndCanBeChangedOrRemoved(Transport transport) {
        for (Object setting : new Object[] {"default", false, "MyApp", true}) {
            App app = Chains.app();
            if (setting instanceof Boolean on) app.config().poweredByHeader(on);
            if (setting.equals("MyApp")) app.config().poweredByHeader("MyApp");
            app.get("/", env -> "home");
            try (TestClient client = Chains.open(transport, app)) {
                String expected = setting.equals(false) ? null : setting.equals("MyApp") ? "MyApp" : "Kemal";
                assertThat(client.get("/").header("X-Powered-By")).as("setting %s", setting).isEqualTo(expected);
                assertThat(client.get("/missing").header("X-Powered-By")).as("setting %s", setting).isEqualTo(expected);
            }
        }
    }

    @Test
    void productionShowsThePlainErrorPage() {
        App app = Chains.app();
        app.config().env("production");
        app.get("/boom", env -> {
            throw new IllegalStateException("secret detail <b>");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/boom");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).startsWith("text/html");
            assertThat(response.body()).contains("Kemal has encountered an error. (500)")
                    .contains("Something wrong with the server :(")
                    .doesNotContain("secret detail").doesNotContain("IllegalStateException");
        }
    }

    @Test
    void developmentShowsTheExceptionPage() {
        App app = Chains.app();
        app.get("/boom", env -> {
            throw new IllegalStateException("detail for developers");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/boom");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("detail for developers").contains("IllegalStateException");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void theEnvironmentIsReadWhenTheErrorHappens() {
        App app = Chains.app();
        app.get("/boom", env -> {
            throw new IllegalStateException("detail");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/boom").body()).contains("detail");
            app.config().env("production");
            assertThat(client.get("/boom").body()).doesNotContain("detail");
        }
    }

    // ---- the route cache -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routesResolveWithTheCacheOffOrTiny(Transport transport) {
        for (int cacheSize : new int[] {0, 2}) {
            App app = Chains.app();
            app.config().maxRouteCacheSize(cacheSize);
            app.get("/users/:id", env -> "user " + env.params().url("id"));
            app.get("/posts/:id", env -> "post " + env.params().url("id"));
            app.get("/files/*path", env -> "file " + env.params().url("path"));
            try (TestClient client = Chains.open(transport, app)) {
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < 5; i++) {
                        assertThat(client.get("/users/" + i).body()).isEqualTo("user " + i);
                        assertThat(client.get("/posts/" + i).body()).isEqualTo("post " + i);
                        assertThat(client.get("/files/a/" + i).body()).isEqualTo("file a/" + i);
                    }
                }
            }
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    @Test
    void stoppingAnApplicationThatIsNotRunningIsKemalsError() {
        App app = Chains.app();
        assertThatThrownBy(app::stop)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Kemal is already stopped. Cannot stop an already stopped server.");
        app.config().appName("MyApp");
        assertThatThrownBy(app::stop)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MyApp is already stopped. Cannot stop an already stopped server.");
    }

    @Test
    void stoppingTwiceIsAnError() {
        App app = Chains.app();
        app.config().hostBinding("127.0.0.1").port(0).shutdownTimeout(java.time.Duration.ZERO);
        quietly(app::start);
        app.stop();
        assertThatThrownBy(app::stop).hasMessage("Kemal is already stopped. Cannot stop an already stopped server.");
        assertThat(app.isRunning()).isFalse();
        assertThat(app.port()).isEqualTo(-1);
    }

    @Test
    void startingTwiceIsAClearError() {
        App app = Chains.app();
        app.config().appName("MyApp").hostBinding("127.0.0.1").port(0).shutdownTimeout(java.time.Duration.ZERO);
        String out = quietly(app::start);
        try {
            assertThat(app.isRunning()).isTrue();
            assertThat(out).contains("[development] MyApp is ready to lead at http://127.0.0.1:" + app.port());
            assertThatThrownBy(app::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("MyApp is already running");
            assertThat(app.isRunning()).isTrue();
        } finally {
            app.stop();
        }
    }

    @Test
    void anInvalidConfigurationRefusesToStartWithEveryReason() {
        App app = Chains.app();
        app.config().appName("MyApp").port(70000).maxRequestBodySize(-1);
        assertThatThrownBy(app::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MyApp cannot start: port '70000' from the configured port is not a port number (0-65535); "
                        + "maxRequestBodySize must not be negative (use null for no limit), not -1");
        assertThat(app.isRunning()).isFalse();
    }

    @Test
    void sslWithoutFilesRefusesToStart() {
        App app = Chains.app();
        app.config().ssl(true).port(0);
        assertThatThrownBy(app::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SSL key file not specified")
                .hasMessageContaining("SSL certificate file not specified");
    }

    @Test
    void aStoppedApplicationCanStartAgain() {
        App app = Chains.app();
        app.config().hostBinding("127.0.0.1").port(0).shutdownTimeout(java.time.Duration.ZERO);
        app.get("/", env -> "back");
        for (int round = 0; round < 2; round++) {
            quietly(app::start);
            try (TestClient client = TestClient.overSocket(app)) {
                assertThat(client.get("/").body()).isEqualTo("back");
            }
            app.stop(); // the client did not start the app, so closing it leaves the app running
            assertThat(app.isRunning()).isFalse();
        }
    }

    @Test
    void runInTheTestEnvironmentReturnsWithoutListening() throws IOException {
        int port = freePort();
        App app = Chains.app();
        app.config().appName("MyApp").env("test").hostBinding("127.0.0.1").port(port);
        app.get("/", env -> "never served over a socket");
        String out = quietly(app::run);
        assertThat(out).contains("[test] MyApp is running in test mode. Server not listening");
        assertThat(app.isRunning()).isFalse();
        assertThat(app.port()).isEqualTo(-1);
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 1000))
                    .isInstanceOf(ConnectException.class);
        }
        // The application still answers in-process, as spec-kemal does in the test env.
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/").body()).isEqualTo("never served over a socket");
        }
    }

    @Test
    void theDefaultApplicationAndNewOnesAreIndependent() {
        App one = Kemal.create();
        App two = Kemal.create();
        assertThat(one).isNotSameAs(two).isNotSameAs(Kemal.app());
        assertThat(one.config()).isNotSameAs(two.config()).isNotSameAs(Kemal.config());
        one.config().appName("One");
        assertThat(two.config().appName()).isEqualTo("Kemal");
        assertThat(Kemal.app()).isSameAs(Kemal.app());
        assertThat(Kemal.config()).isSameAs(Kemal.app().config());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code action} with stdout captured, and returns what it printed. */
    private static String quietly(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
