package it;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An example jar running as a child process: {@code java -jar examples/NAME/target/NAME.jar ARGS}, started
 * with the test JVM's own java binary and a controlled environment, its stdout and stderr
 * captured line by line so a test can wait for a line with a deadline.
 *
 * <p>The same class lives in every example module that has jar tests (test sources are not
 * shared between modules); keep the copies identical.
 */
public final class JarProcess implements AutoCloseable {
    /** How long a jar may take to print its startup line, even on a loaded CI machine. */
    public static final Duration STARTUP_DEADLINE = Duration.ofSeconds(30);
    /** How long a jar that should stop by itself (bad flags, test env) may take to exit. */
    public static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

    /** Startup line prefix, as Kemal prints it. */
    public static final String READY = " is ready to lead at ";

    /** Variables that change what the child does or prints; removed unless a test sets them. */
    private static final List<String> CLEARED = List.of("PORT", "HOST", "KEMAL_ENV", "LC_ALL", "LC_CTYPE",
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final List<String> command;
    private final Process process;
    private final long startNanos;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private JarProcess(List<String> command, Map<String, String> env) throws IOException {
        this.command = List.copyOf(command);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        CLEARED.forEach(environment::remove);
        // A fixed, UTF-8 locale: the request log prints "µs".
        environment.put("LANG", "C.UTF-8");
        env.forEach((name, value) -> {
            if (value == null) environment.remove(name);
            else environment.put(name, value);
        });
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        this.startNanos = System.nanoTime();
        this.process = builder.start();
        this.stdoutReader = reader(process.getInputStream(), stdout, "stdout");
        this.stderrReader = reader(process.getErrorStream(), stderr, "stderr");
    }

    // ---- launching ------------------------------------------------------------------------

    /** A launch of the example jar {@code examples/NAME/target/NAME.jar}. */
    public static Launch jar(String name) {
        return new Launch(name);
    }

    /** What to start: the jar, its arguments and the environment changes. */
    public static final class Launch {
        private final String name;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Launch(String name) {
            this.name = name;
        }

        public Launch args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** JVM flags, given before {@code -jar}. */
        public Launch jvmArgs(String... more) {
            jvmArgs.addAll(List.of(more));
            return this;
        }

        /** Sets a variable for the child ({@code null} removes it). */
        public Launch env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** Starts the jar; close the result (try-with-resources) to be sure it is gone. */
        public JarProcess start() {
            List<String> command = new ArrayList<>();
            if (stopSignalsIgnored()) {
                // Started from a script's background job (SIGINT) or under nohup (SIGHUP) the
                // test JVM ignores them, and a JVM cannot catch a signal that was ignored when it
                // started: give the child the default actions back so kill reaches Kemal.
                command.add("/usr/bin/env");
                command.add("--default-signal=HUP,INT");
            }
            command.add(javaBinary());
            command.addAll(jvmArgs);
            command.add("-jar");
            command.add(jarPath(name).toString());
            command.addAll(args);
            try {
                return new JarProcess(command, env);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }

        /** Starts the jar and waits for it to exit by itself (it is killed if it does not). */
        public Finished run() {
            try (JarProcess process = start()) {
                int status = process.awaitExit(EXIT_DEADLINE);
                return new Finished(status, process.stdout(), process.stderr(), process.describe());
            }
        }
    }

    /** A process that exited: its status and everything it printed. */
    public record Finished(int exitCode, String stdout, String stderr, String description) {}

    /**
     * The jar of the example module {@code name} ({@code examples/NAME/target/NAME.jar}); failsafe
     * runs in this module's directory, a sibling of the others.
     */
    public static Path jarPath(String name) {
        Path module = Path.of("..", name).toAbsolutePath().normalize();
        Path jar = module.resolve(Path.of("target", name + ".jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: the jar tests run in 'mvn verify', after 'package'");
        }
        String stale = STALE.computeIfAbsent(jar, j -> {
            String problem = staleness(j, module.resolve(Path.of("target", "classes")));
            if (problem == null) problem = staleness(j, Path.of("..", "..", "kemal", "target", "classes"));
            return problem == null ? "" : problem;
        });
        if (!stale.isEmpty()) throw new IllegalStateException(stale);
        return jar;
    }

    /** Per jar: why it is stale, or "" when it is not. */
    private static final Map<Path, String> STALE = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Why {@code jar} is stale, or null: every class compiled under {@code classes} must be in
     * it, byte for byte, since a test of a stale jar proves nothing. (An incremental build without
     * {@code clean} can re-shade the previous fat jar, whose old classes then win over the new.)
     */
    private static String staleness(Path jar, Path classes) {
        Path root = classes.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) return null;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile());
             java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String entryName = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                java.util.zip.ZipEntry entry = zip.getEntry(entryName);
                byte[] packed = null;
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        packed = in.readAllBytes();
                    }
                }
                if (packed == null || !java.util.Arrays.equals(packed, Files.readAllBytes(file))) {
                    return jar + " is stale: its " + entryName + " differs from " + file
                            + ". Rebuild it with 'mvn clean verify' (the shade step re-shaded an old fat jar).";
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare " + jar + " with " + root, e);
        }
    }

    /** The java binary running this test, so the child runs on the same JDK. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A port nobody listens on right now, on any address. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this JVM ignores SIGHUP (1) or SIGINT (2), which its children inherit. */
    /** {@code count} different ports nobody listens on right now (held together while picked). */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe
                }
            }
        }
    }

    private static boolean stopSignalsIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & 0b11) != 0; // bit n-1 for signal n
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: nothing to work around.
        }
        return false;
    }

    // ---- watching -------------------------------------------------------------------------

    public long pid() {
        return process.pid();
    }

    /** Nanoseconds since just before the process was started. */
    public long nanosSinceStart() {
        return System.nanoTime() - startNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for Kemal's startup line on stdout and returns it; fails if the process exits first. */
    public String awaitStartup() {
        return awaitStdout(line -> line.contains(READY), STARTUP_DEADLINE, "the startup line");
    }

    /** Waits for a stdout line matching {@code match}; fails with everything printed so far. */
    public String awaitStdout(Predicate<String> match, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        synchronized (stdout) {
            int seen = 0;
            while (true) {
                for (; seen < stdout.size(); seen++) {
                    if (match.test(stdout.get(seen))) return stdout.get(seen);
                }
                boolean readerDone = !stdoutReader.isAlive();
                long left = end - System.nanoTime();
                if (readerDone || left <= 0) break;
                try {
                    stdout.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return fail("No stdout line with %s within %s (process %s).%n%s", what, deadline,
                process.isAlive() ? "still running" : "exited with " + process.exitValue(), describe());
    }

    /** Waits for the process to exit and for its output to be read; fails if it does not exit in time. */
    public int awaitExit(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("Process did not exit within %s.%n%s", deadline, describe());
            }
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while waiting for the process");
        }
        return process.exitValue();
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}) with kill(1). */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                fail("kill -%s %d failed: %s", name, process.pid(), output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while signalling");
        }
    }

    /**
     * Sends several signals back to back, with the shell's built-in kill (no process start in
     * between), so they reach the process at nearly the same moment.
     */
    public void signalBurst(String... names) {
        StringBuilder script = new StringBuilder();
        for (String name : names) script.append("kill -").append(name).append(' ').append(process.pid()).append(";");
        try {
            Process shell = new ProcessBuilder("sh", "-c", script.toString()).redirectErrorStream(true).start();
            String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!shell.waitFor(10, TimeUnit.SECONDS) || shell.exitValue() != 0) {
                fail("sh -c '%s' failed: %s", script, output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted while signalling");
        }
    }

    /** Everything printed on stdout so far, one line per line. */
    public String stdout() {
        synchronized (stdout) {
            return lines(stdout);
        }
    }

    public String stderr() {
        synchronized (stderr) {
            return lines(stderr);
        }
    }

    public List<String> stdoutLines() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** The command, the state and the output, for failure messages. */
    public String describe() {
        String state = process.isAlive() ? "running" : "exit status " + process.exitValue();
        return "command: " + String.join(" ", command) + "\n" + state
                + "\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr() + "--------------";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lines(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) sb.append(line).append('\n');
        return sb.toString();
    }

    private static Thread reader(InputStream in, List<String> into, String name) {
        return Thread.ofPlatform().daemon().name("jar-" + name).start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (into) {
                        into.add(line);
                        into.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process is gone.
            } finally {
                synchronized (into) {
                    into.notifyAll();
                }
            }
        });
    }

    // ---- talking to it --------------------------------------------------------------------

    /** GET {@code url} with a 10 s deadline. */
    public static HttpResponse<String> get(String url) {
        return get(HTTP, url);
    }

    public static HttpResponse<String> get(HttpClient client, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response read off a raw socket; header names in lower case. */
    public record RawResponse(int status, Map<String, String> headers, String body) {}

    /** A plain socket to {@code 127.0.0.1:port} with a 15 s read timeout. */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(15_000);
        return socket;
    }

    /**
     * Sends a keep-alive {@code GET path} on {@code socket} and reads one response framed by
     * Content-Length, leaving the connection open for another request.
     */
    public static RawResponse rawGet(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed after " + head.length() + " bytes: " + head);
            head.append((char) b);
        }
        String[] lines = head.toString().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) throw new IOException("body cut at " + body.length + " of " + length + " bytes");
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Whether a TCP connection to {@code host:port} is accepted: true when it is, false when it
     * is refused; other failures (a timeout) are errors.
     */
    public static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("connecting to " + host + ":" + port, e);
        }
    }
}
