package it;

import static org.assertj.core.api.Assertions.assertThat;

import it.JarProcess.RawResponse;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graceful shutdown of guide.jar on SIGTERM, SIGINT and SIGHUP (Kemal traps all three): requests in progress finish (with
 * {@code Connection: close}), new connections are refused, Kemal says goodbye and the process
 * exits with status 0.
 */
class ShutdownIT {
    private static final String FAREWELL = "Kemal is going to take a rest!";
    /** Within a few seconds: well under the 10 s shutdown timeout, with room for a loaded machine. */
    private static final Duration EXIT_AFTER_SLOW_REQUEST = Duration.ofSeconds(8);
    /** "At once" for an idle server: far below the 10 s shutdown timeout. */
    private static final Duration IDLE_EXIT = Duration.ofSeconds(3);

    @ParameterizedTest(name = "kill -{0}")
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void requestInProgressFinishesThenTheProcessExitsZero(String signal) throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start();
             Socket slow = openAfterStartup(app, port)) {
            CompletableFuture<RawResponse> response = CompletableFuture.supplyAsync(() -> {
                try {
                    return JarProcess.rawGet(slow, "/slow?ms=1500");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The route logs through kemal.Log (slf4j-simple) before it sleeps: then it is in flight.
            String logLine = app.awaitStdout(line -> line.contains("Slow request sleeping"),
                    JarProcess.STARTUP_DEADLINE, "the /slow route's log line");
            assertThat(logLine).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO \\S+ - "
                    + "Slow request sleeping 1500 ms");

            long signalled = System.nanoTime();
            app.signal(signal);
            app.awaitStdout(FAREWELL::equals, Duration.ofSeconds(10), "the farewell");

            // New connections are refused while the slow request is still being served.
            boolean refused = false;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!refused && System.nanoTime() < end) {
                refused = !JarProcess.accepts("127.0.0.1", port);
                if (!refused) Thread.sleep(10);
            }
            assertThat(refused).as("connections refused after kill -%s", signal).isTrue();
            assertThat(response).as("the slow request still in progress when new connections were refused")
                    .isNotDone();

            RawResponse slowResponse = response.get(10, TimeUnit.SECONDS);
            assertThat(slowResponse.status()).isEqualTo(200);
            assertThat(slowResponse.body()).isEqualTo("slept 1500 ms");
            assertThat(slowResponse.headers()).containsEntry("connection", "close");

            int status = app.awaitExit(EXIT_AFTER_SLOW_REQUEST);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            System.out.printf("kill -%s with /slow?ms=1500 in flight: exited %d after %d ms%n", signal, status, millis);
            assertThat(status).as(app.describe()).isZero();
            assertThat(app.stdoutLines()).as(app.describe())
                    .containsOnlyOnce(FAREWELL)
                    .anyMatch(line -> line.matches(".* UTC 200 GET /slow\\?ms=1500 [0-9.]+ms"));
            assertThat(app.stderr()).as(app.describe()).isEmpty();
        }
    }

    @ParameterizedTest(name = "kill -{0}")
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void idleServerStopsAtOnce(String signal) {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start()) {
            app.awaitStartup();
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").statusCode()).isEqualTo(200);
            long signalled = System.nanoTime();
            app.signal(signal);
            int status = app.awaitExit(IDLE_EXIT);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            System.out.printf("idle kill -%s: exited %d after %d ms%n", signal, status, millis);
            assertThat(status).as(app.describe()).isZero();
            assertThat(app.stdoutLines()).as(app.describe()).containsOnlyOnce(FAREWELL);
            assertThat(app.stderr()).as(app.describe()).isEmpty();
        }
    }

    @Test
    void idleKeepAliveConnectionDoesNotHoldTheShutdown() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start();
             Socket idle = openAfterStartup(app, port)) {
            RawResponse first = JarProcess.rawGet(idle, "/");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.headers()).containsEntry("connection", "keep-alive");
            long signalled = System.nanoTime();
            app.signal("TERM");
            int status = app.awaitExit(IDLE_EXIT);
            System.out.printf("kill -TERM with an idle keep-alive connection: exited after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled));
            assertThat(status).as(app.describe()).isZero();
            assertThat(idle.getInputStream().read()).as("the idle connection is closed").isEqualTo(-1);
        }
    }

    @Test
    void repeatedSignalsSayGoodbyeOnce() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start()) {
            app.awaitStartup();
            // Three different signals cannot merge into one pending signal: three handlers run.
            app.signalBurst("TERM", "INT", "HUP");
            assertThat(app.awaitExit(IDLE_EXIT)).as(app.describe()).isZero();
            assertThat(app.stdoutLines()).as(app.describe()).containsOnlyOnce(FAREWELL);
            assertThat(app.stderr()).as(app.describe()).isEmpty();
        }
    }

    @Test
    void termRightAfterTheStartupLineIsGraceful() {
        // A supervisor may signal the moment it reads the startup line: the trap must already
        // be in place then (it once was set after the line, and the JVM exited 143).
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = JarProcess.freePort();
            try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start()) {
                app.awaitStartup();
                app.signalBurst("TERM");
                assertThat(app.awaitExit(IDLE_EXIT)).as(app.describe()).isZero();
                assertThat(app.stdoutLines()).as(app.describe()).containsOnlyOnce(FAREWELL);
            }
        }
    }

    @Test
    void withoutSignalTheServerKeepsServing() throws Exception {
        // The negative side: nothing stops the server but a signal.
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start();
             Socket socket = openAfterStartup(app, port)) {
            assertThat(JarProcess.rawGet(socket, "/slow?ms=50").status()).isEqualTo(200);
            assertThat(JarProcess.rawGet(socket, "/").body()).isEqualTo("Hello World!");
            assertThat(app.isAlive()).isTrue();
            assertThat(app.stdout()).doesNotContain(FAREWELL);
        }
    }

    private static Socket openAfterStartup(JarProcess app, int port) throws Exception {
        app.awaitStartup();
        return JarProcess.connect(port);
    }
}
