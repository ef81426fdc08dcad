package it;

import static org.assertj.core.api.Assertions.assertThat;

import it.JarProcess.Finished;
import it.JarProcess.RawResponse;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** hello.jar, the guide's "Using Kemal" example, as a user runs it: {@code java -jar hello.jar --port P}. */
class HelloIT {
    /** Kemal's request log line (guide "Running Kemal"). */
    private static final Pattern REQUEST_LOG =
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC 200 GET / [0-9.]+(µs|ms)$");
    /** Start to first 200: the promise. */
    private static final long FIRST_ANSWER_LIMIT_MILLIS = 1_000;
    /** A loaded CI machine can stall one start; the best of a few shows what the jar can do. */
    private static final int STARTUP_ATTEMPTS = 5;

    @Test
    void answersHelloWorldWithinOneSecondOfProcessStart() throws Exception {
        long best = Long.MAX_VALUE;
        for (int attempt = 1; attempt <= STARTUP_ATTEMPTS && best >= FIRST_ANSWER_LIMIT_MILLIS; attempt++) {
            int port = JarProcess.freePort();
            try (JarProcess app = JarProcess.jar("hello").args("--port", Integer.toString(port)).start()) {
                RawResponse first = firstAnswer(app, port);
                long millis = TimeUnit.NANOSECONDS.toMillis(app.nanosSinceStart());
                System.out.printf("hello.jar attempt %d: process start to first 200 in %d ms%n", attempt, millis);
                best = Math.min(best, millis);

                assertThat(first.status()).as(app.describe()).isEqualTo(200);
                assertThat(first.body()).isEqualTo("Hello World!");
                assertThat(first.headers()).containsEntry("x-powered-by", "Kemal")
                        .containsEntry("content-type", "text/html");
                // Nothing is printed before the startup line.
                app.awaitStartup();
                assertThat(app.stdoutLines().get(0))
                        .isEqualTo("[development] Kemal is ready to lead at http://0.0.0.0:" + port);
                String log = app.awaitStdout(line -> line.contains(" GET / "), Duration.ofSeconds(10), "the request log");
                assertThat(log).matches(REQUEST_LOG);
                assertThat(app.stderr()).isEmpty();
            }
        }
        System.out.printf("hello.jar: best process start to first 200: %d ms%n", best);
        assertThat(best).as("milliseconds from process start to the first 200 (best of %d)", STARTUP_ATTEMPTS)
                .isLessThan(FIRST_ANSWER_LIMIT_MILLIS);
    }

    @Test
    void everyRequestIsLoggedInKemalsFormat() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("hello").args("--port", Integer.toString(port)).start()) {
            app.awaitStartup();
            try (Socket socket = JarProcess.connect(port)) {
                for (int i = 0; i < 20; i++) assertThat(JarProcess.rawGet(socket, "/").status()).isEqualTo(200);
            }
            long logged = waitForLines(app, line -> line.contains(" GET / "), 20);
            assertThat(logged).isEqualTo(20);
            List<String> lines = app.stdoutLines().stream().filter(line -> line.contains(" GET / ")).toList();
            assertThat(lines).allMatch(line -> REQUEST_LOG.matcher(line).matches(), "match " + REQUEST_LOG);
        }
    }

    @Test
    void unknownPathGetsKemalsNotFoundPage() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("hello").args("--port", Integer.toString(port)).start()) {
            app.awaitStartup();
            HttpResponse<String> missing = JarProcess.get("http://127.0.0.1:" + port + "/no/such/page");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("text/html");
            assertThat(missing.headers().firstValue("X-Powered-By")).hasValue("Kemal");
            assertThat(missing.body()).contains("Kemal doesn't know this way.");
            app.awaitStdout(line -> line.matches(".* UTC 404 GET /no/such/page [0-9.]+(µs|ms)"),
                    Duration.ofSeconds(10), "the 404 log line");

            // The known path next to it still answers.
            HttpResponse<String> known = JarProcess.get("http://127.0.0.1:" + port + "/");
            assertThat(known.statusCode()).isEqualTo(200);
            assertThat(known.body()).isEqualTo("Hello World!");
        }
    }

    @Test
    void portFlagWithoutValueIsAUsageError() {
        Finished run = JarProcess.jar("hello").args("--port").run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(2);
        assertThat(run.stderr()).as(run.description()).contains("--port").contains("Usage:");
        assertThat(run.stdout()).as(run.description()).isEmpty();
    }

    @Test
    void helpListsOnlyKemalsFlags() {
        Finished run = JarProcess.jar("hello").args("--help").run();
        assertThat(run.exitCode()).as(run.description()).isZero();
        assertThat(run.stdout()).contains("-b HOST, --bind HOST", "-p PORT, --port PORT", "-s, --ssl",
                "--ssl-key-file FILE", "--ssl-cert-file FILE", "-h, --help").doesNotContain("--config");
    }

    @Test
    void termStopsHelloWithStatusZero() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("hello").args("--port", Integer.toString(port)).start()) {
            app.awaitStartup();
            app.signal("TERM");
            assertThat(app.awaitExit(Duration.ofSeconds(3))).as(app.describe()).isZero();
            assertThat(app.stdout()).endsWith("Kemal is going to take a rest!\n");
        }
    }

    @Test
    void requestLogIsUtf8WhateverTheLocale() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("hello").env("LANG", "C").args("--port", Integer.toString(port)).start()) {
            app.awaitStartup();
            // Warm requests take microseconds: some lines end in µs.
            try (Socket socket = JarProcess.connect(port)) {
                for (int i = 0; i < 200; i++) JarProcess.rawGet(socket, "/");
            }
            waitForLines(app, line -> line.contains(" GET / "), 200);
            List<String> micro = app.stdoutLines().stream()
                    .filter(line -> line.contains(" GET / ") && !line.endsWith("ms")).toList();
            assertThat(micro).as("lines under a millisecond").isNotEmpty();
            assertThat(micro).allMatch(line -> REQUEST_LOG.matcher(line).matches(), "match " + REQUEST_LOG);
        }
    }

    /** Polls {@code GET /} from the moment the process starts until it answers. */
    private static RawResponse firstAnswer(JarProcess app, int port) throws Exception {
        long end = System.nanoTime() + JarProcess.STARTUP_DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            Socket socket;
            try {
                socket = JarProcess.connect(port);
            } catch (ConnectException notYet) {
                assertThat(app.isAlive()).as(app.describe()).isTrue();
                Thread.sleep(5);
                continue;
            }
            try (socket) {
                return JarProcess.rawGet(socket, "/");
            }
        }
        throw new AssertionError("no answer within " + JarProcess.STARTUP_DEADLINE + "\n" + app.describe());
    }

    private static long waitForLines(JarProcess app, java.util.function.Predicate<String> match, int count)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long seen = 0;
        while (System.nanoTime() < end) {
            seen = app.stdoutLines().stream().filter(match).count();
            if (seen >= count) break;
            Thread.sleep(20);
        }
        return seen;
    }
}
