package bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One bench server jar, started as {@code bench/run.sh} starts it: {@code java -jar NAME.jar
 * --port PORT --public bench/public [flags]}, with this JVM's java, its output in {@code target/}.
 */
record BenchServer(String name, List<String> flags) {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(30);

    static BenchServer of(String name, String... flags) {
        return new BenchServer(name, List.of(flags));
    }

    Path jar() {
        return Path.of(System.getProperty("bench.servers.dir", "../servers"), name, "target", name + ".jar");
    }

    /** bench/public, whose static/100k.txt every server serves at /static/100k.txt. */
    static Path publicFolder() {
        return Path.of(System.getProperty("bench.public.dir", "../public"));
    }

    /** Starts the jar on a free port and returns once it accepts connections. */
    Running start() throws IOException, InterruptedException {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: build it with mvn package");
        int port = freePort();
        Path log = Path.of("target", "smoke-" + this + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString(), "--port", Integer.toString(port), "--public", publicFolder().toString()));
        command.addAll(flags);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Running running = new Running(this, process, port, log);
        try {
            running.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            running.close();
            throw e;
        }
        return running;
    }

    @Override
    public String toString() {
        return flags.isEmpty() ? name : name + String.join("", flags).replace("--", "-");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Running(BenchServer server, Process process, int port, Path log) implements AutoCloseable {
        void awaitListening() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(server + " exited with " + process.exitValue() + ":\n" + output());
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            throw new IllegalStateException(server + " did not listen on " + port + " within " + STARTUP_LIMIT
                    + ":\n" + output());
        }

        String output() throws IOException {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
