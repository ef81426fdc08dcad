package kemal.internal.server;

import java.io.IOException;
import java.time.Duration;
import kemal.App;
import kemal.Kemal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real application on a real socket (127.0.0.1, a free port) for each test, stopped after it;
 * Netty's buffer leak reports fail the test.
 */
@ExtendWith(LeakCheck.class)
@Timeout(30)
abstract class EngineTestBase {
    protected App app = newApp();

    static App newApp() {
        App app = Kemal.create();
        app.config().hostBinding("127.0.0.1").port(0).logging(false).shutdownTimeout(Duration.ofSeconds(3));
        return app;
    }

    /** Starts {@link #app} and returns its port. */
    protected int start() {
        app.start();
        return app.port();
    }

    protected RawClient connect() throws IOException {
        if (!app.isRunning()) start();
        return RawClient.connect(app.port());
    }

    @AfterEach
    void stopApp() {
        if (app.isRunning()) app.stop();
    }

    /** {@code GET path HTTP/1.1} with a Host header. */
    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    static String get(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n";
    }

    /** A POST with a Content-Length body. */
    static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }
}
