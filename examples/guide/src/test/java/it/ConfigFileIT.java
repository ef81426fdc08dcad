package it;

import static org.assertj.core.api.Assertions.assertThat;

import it.JarProcess.Finished;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guide's extra option {@code -c/--config FILE}: a properties file with port, host, env, powered_by_header. */
class ConfigFileIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} FILE")
    @ValueSource(strings = {"-c", "--config"})
    void configFileSetsThePort(String flag) throws Exception {
        int port = JarProcess.freePort();
        Path file = write("port=" + port + "\n");
        try (JarProcess app = JarProcess.jar("guide").args(flag, file.toString()).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://0.0.0.0:" + port);
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").body()).isEqualTo("Hello World!");
        }
    }

    @Test
    void missingConfigFileIsAUsageError() {
        Path missing = dir.resolve("missing.properties");
        Finished run = JarProcess.jar("guide").args("-c", missing.toString()).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(2);
        assertThat(run.stderr()).as(run.description())
                .startsWith("Error: --config: ")
                .contains("cannot read configuration file " + missing)
                .doesNotContain("\tat ");
        assertThat(run.stdout()).as(run.description()).doesNotContain(JarProcess.READY);
    }

    @Test
    void flagsAfterTheFileWin() throws Exception {
        int[] ports = JarProcess.freePorts(2);
        int filePort = ports[0];
        int flagPort = ports[1];
        Path file = write("port=" + filePort + "\nhost=127.0.0.1\n");
        try (JarProcess app = JarProcess.jar("guide").args("-c", file.toString(), "-p", Integer.toString(flagPort)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at http://127.0.0.1:" + flagPort);
            assertThat(JarProcess.get("http://127.0.0.1:" + flagPort + "/").body()).isEqualTo("Hello World!");
            assertThat(JarProcess.accepts("127.0.0.1", filePort)).as("the file's port").isFalse();
        }
    }

    @Test
    void fileBeatsTheEnvironment() throws Exception {
        // The file is configuration in code, applied while the command line is read: over PORT.
        int[] ports = JarProcess.freePorts(2);
        int envPort = ports[0];
        int filePort = ports[1];
        Path file = write("port=" + filePort + "\n");
        try (JarProcess app = JarProcess.jar("guide").env("PORT", Integer.toString(envPort))
                .args("--config", file.toString()).start()) {
            assertThat(app.awaitStartup()).endsWith("http://0.0.0.0:" + filePort);
        }
    }

    @Test
    void fileSetsEnvHostAndPoweredBy() throws Exception {
        int port = JarProcess.freePort();
        Path file = write("port=" + port + "\nhost=127.0.0.1\nenv=production\npowered_by_header=Guide\n");
        try (JarProcess app = JarProcess.jar("guide").args("-c", file.toString()).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[production] Kemal is ready to lead at http://127.0.0.1:" + port);
            HttpResponse<String> response = JarProcess.get("http://127.0.0.1:" + port + "/");
            assertThat(response.headers().firstValue("X-Powered-By")).hasValue("Guide");
            assertThat(JarProcess.accepts("127.0.0.2", port)).isFalse();
        }
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "kemal", ".properties");
        Files.writeString(file, content);
        return file;
    }
}
