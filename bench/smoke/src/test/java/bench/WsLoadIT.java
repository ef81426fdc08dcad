package bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/wsload}, the load generator of the ws row, run as {@code bench/run.sh} runs it
 * against the Kemal bench server: one result line per run with the fields the script reads, every
 * echo checked; and a refused handshake reported as such.
 */
class WsLoadIT {
    private static final Path JAR = Path.of(System.getProperty("bench.wsload.jar", "../wsload/target/wsload.jar"));

    @Test
    void reportsEachRunWithTheFieldsRunShReads() throws Exception {
        try (BenchServer.Running kemal = BenchServer.of("kemal").start()) {
            Finished load = wsload("--url", "ws://127.0.0.1:" + kemal.port() + "/ws", "--connections", "4",
                    "--warmup", "1", "--duration", "1", "--runs", "2", "--server-pid", Long.toString(kemal.process().pid()));

            assertThat(load.status()).as("exit status; output:%n%s", load.output()).isZero();
            List<Map<String, Long>> results = load.output().lines().filter(line -> line.startsWith("wsload-result "))
                    .map(WsLoadIT::fields).toList();
            assertThat(results).as("result lines in:%n%s", load.output()).hasSize(2);
            for (int run = 1; run <= 2; run++) {
                Map<String, Long> result = results.get(run - 1);
                assertThat(result).containsOnlyKeys("run", "messages", "duration_us", "p50_us", "p99_us", "errors",
                        "mismatches", "cpu_ticks");
                assertThat(result.get("run")).isEqualTo(run);
                assertThat(result.get("messages")).as("echoes in run %d", run).isPositive();
                assertThat(result.get("duration_us")).isBetween(900_000L, 5_000_000L);
                assertThat(result.get("p50_us")).isPositive().isLessThanOrEqualTo(result.get("p99_us"));
                assertThat(result.get("errors")).isZero();
                assertThat(result.get("mismatches")).isZero();
                assertThat(result.get("cpu_ticks")).as("the server's CPU during the run").isPositive();
            }
        }
    }

    @Test
    void aRefusedHandshakeFailsWithTheReason() throws Exception {
        try (BenchServer.Running kemal = BenchServer.of("kemal").start()) {
            // Kemal's default origin policy refuses another site's page.
            Finished load = wsload("--url", "ws://127.0.0.1:" + kemal.port() + "/ws", "--origin", "http://evil.example",
                    "--warmup", "0", "--duration", "1");

            assertThat(load.status()).isEqualTo(1);
            assertThat(load.output()).contains("cannot open a WebSocket", "403").doesNotContain("wsload-result");
        }
    }

    @Test
    void aBadCommandLineExplainsItself() throws Exception {
        Finished load = wsload("--url", "http://127.0.0.1:1/ws");

        assertThat(load.status()).isEqualTo(2);
        assertThat(load.output()).contains("--url must be ws://", "Usage: java -jar wsload.jar");
    }

    private record Finished(int status, String output) {}

    private static Finished wsload(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the wsload jar (mvn package builds it)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("wsload did not finish within 60 s:\n" + output);
        }
        return new Finished(process.exitValue(), output);
    }

    /** The {@code name=value} pairs of a result line, as numbers. */
    private static Map<String, Long> fields(String line) {
        Map<String, Long> fields = new LinkedHashMap<>();
        for (String pair : line.substring("wsload-result ".length()).split(" ")) {
            int equals = pair.indexOf('=');
            fields.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
        }
        return fields;
    }
}
