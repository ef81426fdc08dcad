package it;

import static org.assertj.core.api.Assertions.assertThat;

import it.JarProcess.Finished;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line of guide.jar (Kemal's flags plus the guide's {@code -c/--config}), each case
 * as a working form and a broken one. Exit codes: 0 for help, 2 for a command line that cannot
 * be parsed (usage on stderr), 1 for a parsed value that is invalid (one message, no trace).
 */
class CliIT {
    /** Every flag the help and the usage list. */
    private static final List<String> FLAGS = List.of("-b HOST, --bind HOST", "-p PORT, --port PORT", "-s, --ssl",
            "--ssl-key-file FILE", "--ssl-cert-file FILE", "-h, --help", "-c CONFIG, --config CONFIG");

    // ---- port ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-p", "--port", "--port="})
    void portFlagSetsThePort(String flag) {
        int port = JarProcess.freePort();
        String[] args = flag.endsWith("=") ? new String[] {flag + port} : new String[] {flag, Integer.toString(port)};
        try (JarProcess app = JarProcess.jar("guide").args(args).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://0.0.0.0:" + port);
            HttpResponse<String> response = JarProcess.get("http://127.0.0.1:" + port + "/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hello World!");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--port", "-p", "--bind", "-b", "--ssl-key-file", "--ssl-cert-file", "--config", "-c"})
    void flagWithoutItsValueIsAUsageError(String flag) {
        Finished run = JarProcess.jar("guide").args(flag).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(2);
        assertThat(run.stderr()).as(run.description())
                .contains(flag.startsWith("--") ? flag : "-" + flag.substring(1))
                .contains("needs a value")
                .contains("Usage:")
                .contains(FLAGS);
        assertThat(run.stdout()).as(run.description()).isEmpty();
        assertNoStackTrace(run);
    }

    @ParameterizedTest(name = "-p {0}")
    @ValueSource(strings = {"abc", "70000", "-1", "65536", "3000x", ""})
    void invalidPortIsOneClearMessage(String value) {
        Finished run = JarProcess.jar("guide").args("-p", value).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description())
                .isEqualTo("Kemal cannot start: port '" + value + "' from --port is not a port number (0-65535)\n");
        assertThat(run.stdout()).as(run.description()).isEmpty();
    }

    @Test
    void portZeroPicksAFreePortAndPrintsIt() {
        try (JarProcess app = JarProcess.jar("guide").args("-p", "0").start()) {
            String line = app.awaitStartup();
            assertThat(line).matches("\\[development] Kemal is ready to lead at http://0\\.0\\.0\\.0:[1-9][0-9]*");
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").body()).isEqualTo("Hello World!");
        }
    }

    @Test
    void lastPortFlagWins() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", "abc", "--port", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).endsWith("http://0.0.0.0:" + port);
        }
    }

    // ---- bind ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} 127.0.0.1")
    @ValueSource(strings = {"-b", "--bind"})
    void bindFlagListensOnlyOnThatAddress(String flag) {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args(flag, "127.0.0.1", "-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://127.0.0.1:" + port);
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").body()).isEqualTo("Hello World!");
            assertThat(JarProcess.accepts("127.0.0.2", port)).as("127.0.0.2:%d accepts", port).isFalse();
        }
    }

    @Test
    void withoutBindFlagEveryAddressIsServed() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).endsWith("http://0.0.0.0:" + port);
            assertThat(JarProcess.accepts("127.0.0.2", port)).as("127.0.0.2:%d accepts", port).isTrue();
            assertThat(JarProcess.get("http://127.0.0.2:" + port + "/").body()).isEqualTo("Hello World!");
        }
    }

    @Test
    void unresolvableBindAddressIsOneClearMessage() {
        int port = JarProcess.freePort();
        Finished run = JarProcess.jar("guide").args("-b", "no-such-host.invalid", "-p", Integer.toString(port)).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description())
                .startsWith("Kemal cannot listen on no-such-host.invalid:" + port + ": ")
                .doesNotContain("null")
                .containsIgnoringCase("resolve")
                .hasLineCount(1);
        assertNoStackTrace(run);
    }

    // ---- help ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-h", "--help"})
    void helpPrintsTheUsageAndExitsZero(String flag) {
        int port = JarProcess.freePort();
        // -p before the help flag: help still wins, nothing starts.
        Finished run = JarProcess.jar("guide").args("-p", Integer.toString(port), flag).run();
        assertThat(run.exitCode()).as(run.description()).isZero();
        assertThat(run.stdout()).as(run.description()).startsWith("Usage:\n").contains(FLAGS)
                .contains("Load configuration from file")
                .doesNotContain(JarProcess.READY);
        assertThat(run.stderr()).as(run.description()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--nope", "-x", "--help=yes"})
    void unknownFlagPrintsTheUsageOnStderrAndExitsTwo(String flag) {
        Finished run = JarProcess.jar("guide").args(flag).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(2);
        assertThat(run.stderr()).as(run.description()).contains(flag.split("=")[0]).contains("Usage:").contains(FLAGS);
        assertThat(run.stdout()).as(run.description()).isEmpty();
        assertNoStackTrace(run);
    }

    // ---- positional arguments -----------------------------------------------------------------

    @Test
    void unexpectedPositionalArgumentIsAUsageError() {
        Finished run = JarProcess.jar("guide").args("-p", Integer.toString(JarProcess.freePort()), "serve").run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(2);
        assertThat(run.stderr()).as(run.description()).contains("unexpected argument 'serve'").contains("Usage:");
        assertThat(run.stdout()).as(run.description()).isEmpty();
    }

    @Test
    void noArgumentsAtAllStartOnTheDefaultsOrTheEnvironment() {
        // The positive side of the pair above: no arguments is fine (PORT stands in for the
        // default 3000, which another process on the machine may hold).
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("PORT", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://0.0.0.0:" + port);
        }
    }

    // ---- port in use --------------------------------------------------------------------------

    @Test
    void portInUseIsOneClearMessage() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();
            Finished run = JarProcess.jar("guide").args("-p", Integer.toString(port)).run();
            assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
            assertThat(run.stderr()).as(run.description())
                    .startsWith("Kemal cannot listen on 0.0.0.0:" + port + ": ")
                    .containsIgnoringCase("address already in use")
                    .hasLineCount(1);
            assertThat(run.stdout()).as(run.description()).doesNotContain(JarProcess.READY);
            assertNoStackTrace(run);
        }
    }

    @Test
    void freePortIsServed() {
        // The positive side: the same command on a port nobody holds.
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start()) {
            app.awaitStartup();
            assertThat(app.isAlive()).isTrue();
            assertThat(app.stderr()).isEmpty();
        }
    }

    static void assertNoStackTrace(Finished run) {
        String all = run.stdout() + run.stderr();
        assertThat(all).as(run.description()).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
