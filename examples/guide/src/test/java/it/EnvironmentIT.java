package it;

import static org.assertj.core.api.Assertions.assertThat;

import it.JarProcess.Finished;
import org.junit.jupiter.api.Test;

/**
 * Configuration priority from outside the process (guide "Configuration Priority"): command line
 * over environment ({@code PORT}, {@code HOST}, {@code KEMAL_ENV}) over defaults. Code over
 * environment is tested in-process.
 */
class EnvironmentIT {
    @Test
    void portVariableSetsThePort() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("PORT", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://0.0.0.0:" + port);
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").body()).isEqualTo("Hello World!");
        }
    }

    @Test
    void portFlagBeatsPortVariable() {
        int[] ports = JarProcess.freePorts(2);
        int envPort = ports[0];
        int flagPort = ports[1];
        try (JarProcess app = JarProcess.jar("guide").env("PORT", Integer.toString(envPort))
                .args("-p", Integer.toString(flagPort)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://0.0.0.0:" + flagPort);
            assertThat(JarProcess.get("http://127.0.0.1:" + flagPort + "/").statusCode()).isEqualTo(200);
            assertThat(JarProcess.accepts("127.0.0.1", envPort)).as("the PORT variable's port").isFalse();
        }
    }

    @Test
    void invalidPortVariableNamesTheVariable() {
        Finished run = JarProcess.jar("guide").env("PORT", "abc").run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description()).isEqualTo(
                "Kemal cannot start: port 'abc' from the PORT environment variable is not a port number (0-65535)\n");
        assertThat(run.stdout()).as(run.description()).isEmpty();
    }

    @Test
    void invalidPortVariableDoesNotMatterWhenTheFlagIsGiven() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("PORT", "abc").args("--port", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).endsWith("http://0.0.0.0:" + port);
        }
    }

    @Test
    void hostVariableBindsThere() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("HOST", "127.0.0.1").args("-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://127.0.0.1:" + port);
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").body()).isEqualTo("Hello World!");
            assertThat(JarProcess.accepts("127.0.0.2", port)).as("127.0.0.2 accepts").isFalse();
        }
    }

    @Test
    void bindFlagBeatsHostVariable() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("HOST", "127.0.0.2")
                .args("-b", "127.0.0.1", "-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).endsWith("http://127.0.0.1:" + port);
            assertThat(JarProcess.accepts("127.0.0.1", port)).isTrue();
            assertThat(JarProcess.accepts("127.0.0.2", port)).isFalse();
        }
    }

    @Test
    void kemalEnvProductionShowsInTheStartupLine() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("KEMAL_ENV", "production")
                .args("-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[production] Kemal is ready to lead at http://0.0.0.0:" + port);
        }
    }

    @Test
    void withoutKemalEnvTheEnvironmentIsDevelopment() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).startsWith("[development] ");
        }
    }

    @Test
    void blankVariablesAreIgnored() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("PORT", " ").env("HOST", "").env("KEMAL_ENV", "")
                .args("-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://0.0.0.0:" + port);
        }
    }

    // ---- test environment -------------------------------------------------------------------

    @Test
    void testEnvironmentDoesNotListenAndExitsZero() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("KEMAL_ENV", "test").args("-p", Integer.toString(port)).start()) {
            String line = app.awaitStdout(l -> l.contains("test mode"), JarProcess.STARTUP_DEADLINE, "the test-mode line");
            assertThat(line).isEqualTo("[test] Kemal is running in test mode. Server not listening");
            assertThat(app.awaitExit(JarProcess.EXIT_DEADLINE)).as(app.describe()).isZero();
            assertThat(app.stdout()).doesNotContain(JarProcess.READY);
            assertThat(app.stderr()).isEmpty();
            assertThat(JarProcess.accepts("127.0.0.1", port)).as("something listens on %d", port).isFalse();
        }
    }

    @Test
    void testEnvironmentNeverBindsEvenWhileRunning() throws Exception {
        // The port is held by this test: a bind attempt would fail with "cannot listen on".
        try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("0.0.0.0", 0));
            Finished run = JarProcess.jar("guide").env("KEMAL_ENV", "test")
                    .args("-p", Integer.toString(taken.getLocalPort())).run();
            assertThat(run.exitCode()).as(run.description()).isZero();
            assertThat(run.stdout()).as(run.description())
                    .isEqualTo("[test] Kemal is running in test mode. Server not listening\n");
            assertThat(run.stderr()).as(run.description()).isEmpty();
        }
    }
}
