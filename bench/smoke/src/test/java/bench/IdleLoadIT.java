package bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/idle}, the idle-connection load of {@code bench/run.sh --idle N}: against the Kemal
 * bench server every connection is opened, served and held (the server really has them all
 * open), and the server still answers a fresh request meanwhile; against a server that times out
 * idle connections the closes are reported, and {@code --refresh} keeps the connections open.
 */
class IdleLoadIT {
    private static final Path JAR = Path.of(System.getProperty("bench.idle.jar", "../idle/target/idle.jar"));
    private static final int CONNECTIONS = 500;

    @Test
    void holdsEveryConnectionWhileTheServerStillAnswers() throws Exception {
        try (BenchServer.Running kemal = BenchServer.of("kemal").start();
             Idle idle = Idle.start("--url", "http://127.0.0.1:" + kemal.port() + "/plaintext",
                     "--connections", Integer.toString(CONNECTIONS), "--hold", "4", "--report", "1")) {
            Map<String, String> ready = idle.awaitLine("idle-ready");
            assertThat(ready).containsEntry("open", "500").containsEntry("failed", "0");
            assertThat(openSockets(kemal.process().pid())).as("sockets the server holds").isGreaterThanOrEqualTo(CONNECTIONS);

            HttpResponse<String> fresh = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kemal.port() + "/plaintext"))
                            .timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fresh.statusCode()).as("a fresh request while they are held").isEqualTo(200);
            assertThat(fresh.body()).isEqualTo("Hello, World!");

            Map<String, String> status = idle.awaitLine("idle-status");
            assertThat(status).containsEntry("open", "500").containsEntry("closed", "0");
            Map<String, String> result = idle.awaitLine("idle-result");
            assertThat(result).containsEntry("connections", "500").containsEntry("open", "500")
                    .containsEntry("failed", "0").containsEntry("closed", "0");
            assertThat(idle.exitStatus()).as("exit status; output:%n%s", idle.output()).isZero();
        }
    }

    @Test
    void connectionsClosedByAnIdleTimeoutAreReported() throws Exception {
        try (IdleTimeoutServer server = new IdleTimeoutServer(Duration.ofSeconds(2));
             Idle idle = Idle.start("--url", "http://127.0.0.1:" + server.port() + "/", "--connections", "20",
                     "--hold", "4", "--report", "1")) {
            assertThat(idle.awaitLine("idle-ready")).containsEntry("open", "20");
            Map<String, String> result = idle.awaitLine("idle-result");
            assertThat(result).containsEntry("open", "0").containsEntry("closed", "20").containsEntry("failed", "0");
            assertThat(idle.exitStatus()).isEqualTo(1);
            assertThat(idle.output()).contains("the server closed 20 held connection(s) after");
        }
    }

    @Test
    void refreshesKeepConnectionsOpenPastAnIdleTimeout() throws Exception {
        try (IdleTimeoutServer server = new IdleTimeoutServer(Duration.ofSeconds(2));
             Idle idle = Idle.start("--url", "http://127.0.0.1:" + server.port() + "/", "--connections", "20",
                     "--hold", "4", "--refresh", "1", "--report", "1")) {
            Map<String, String> result = idle.awaitLine("idle-result");
            assertThat(result).containsEntry("open", "20").containsEntry("closed", "0").containsEntry("errors", "0");
            assertThat(Long.parseLong(result.get("refreshed"))).as("refreshes in 4 s on 20 connections").isGreaterThanOrEqualTo(40);
            assertThat(idle.exitStatus()).as("exit status; output:%n%s", idle.output()).isZero();
        }
    }

    @Test
    void aBadCommandLineExplainsItself() throws Exception {
        try (Idle idle = Idle.start("--url", "ws://127.0.0.1:1/")) {
            assertThat(idle.exitStatus()).isEqualTo(2);
            assertThat(idle.output()).contains("--url must be http://", "Usage: java -jar idle.jar");
        }
    }

    /** Sockets among the open files of process {@code pid}. */
    private static long openSockets(long pid) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return files.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    /** The idle tool running, its output (stdout and stderr) read line by line as it comes. */
    private record Idle(Process process, BlockingQueue<String> lines, List<String> seen) implements AutoCloseable {
        static Idle start(String... args) throws IOException {
            assertThat(JAR).as("the idle jar (mvn package builds it)").isRegularFile();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Idle idle = new Idle(process, new LinkedBlockingQueue<>(), new ArrayList<>());
            Thread.ofVirtual().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(idle.lines()::add);
                } catch (IOException ended) {
                    // the process is gone; what was read is kept
                }
            });
            return idle;
        }

        /** The fields of the next line starting with {@code kind}, waiting up to 60 s. */
        Map<String, String> awaitLine(String kind) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) continue;
                synchronized (seen) {
                    seen.add(line);
                }
                if (line.startsWith(kind + " ")) return fields(line);
            }
            throw new AssertionError("no " + kind + " line within 60 s; output:\n" + output());
        }

        int exitStatus() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("idle did not end within 60 s:\n" + output());
            return process.exitValue();
        }

        /** Every line so far, once the process has ended also those not awaited. */
        String output() {
            synchronized (seen) {
                if (!process.isAlive()) {
                    try {
                        Thread.sleep(100); // the reader's last lines
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    lines.drainTo(seen);
                }
                return String.join("\n", seen);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        }

        private static Map<String, String> fields(String line) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : line.substring(line.indexOf(' ') + 1).split(" ")) {
                int equals = pair.indexOf('=');
                fields.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            return fields;
        }
    }

    /**
     * A minimal HTTP/1.1 server that answers every GET with a keep-alive 200 and closes a
     * connection that stays silent for its idle timeout, as real servers do.
     */
    private static final class IdleTimeoutServer implements AutoCloseable {
        private static final byte[] ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
        private final ServerSocket socket;
        private final int idleMillis;

        IdleTimeoutServer(Duration idleTimeout) throws IOException {
            this.socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
            this.idleMillis = (int) idleTimeout.toMillis();
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread.ofVirtual().start(() -> serve(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                connection.setSoTimeout(idleMillis);
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                while (readHead(in)) {
                    out.write(ANSWER);
                    out.flush();
                }
            } catch (SocketTimeoutException idle) {
                // idle for the timeout: closed, as the try closes it
            } catch (IOException gone) {
                // the client went away
            }
        }

        /** Reads one request head (GETs have no body); false at the end of the stream. */
        private static boolean readHead(InputStream in) throws IOException {
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) return false;
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
