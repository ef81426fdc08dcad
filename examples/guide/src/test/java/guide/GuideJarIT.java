package guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, started as the contract says ({@code java -jar examples/guide/target/guide.jar
 * --port PORT}) from the repository root and from {@code examples/guide}: both serve
 * {@code examples/guide/public} and save uploads in {@code examples/guide/uploads}. A copy of the
 * jar away from the repository falls back to {@code ./public} and {@code ./uploads}.
 */
class GuideJarIT {
    /** examples/guide: failsafe runs in the module folder. */
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path JAR = MODULE.resolve("target/guide.jar");
    private static final Path REPOSITORY = MODULE.getParent().getParent();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void fromTheRepositoryRoot() throws Exception {
        assertThat(REPOSITORY.resolve("examples/guide/target/guide.jar")).isRegularFile();
        servesTheGuideFolders(REPOSITORY, Path.of("examples/guide/target/guide.jar"));
    }

    @Test
    void fromTheGuideFolder() throws Exception {
        servesTheGuideFolders(MODULE, Path.of("target/guide.jar"));
    }

    @Test
    void aCopyElsewhereUsesTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(JAR, Files.createDirectories(dir.resolve("apps/bin")).resolve("guide.jar"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(work.resolve("public"));
        Files.writeString(work.resolve("public/index.html"), "<p>the working directory's public folder</p>");

        try (Running app = start(work, jar)) {
            HttpResponse<String> index = get(app, "/index.html");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).isEqualTo("<p>the working directory's public folder</p>");
            assertThat(work.resolve("uploads")).as("created on start").isDirectory();
        }
    }

    private void servesTheGuideFolders(Path workingDirectory, Path jar) throws Exception {
        Path uploads = MODULE.resolve("uploads");
        try (Running app = start(workingDirectory, jar)) {
            HttpResponse<byte[]> index = getBytes(app, "/index.html");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).isEqualTo(Files.readAllBytes(MODULE.resolve("public/index.html")));
            assertThat(index.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

            HttpResponse<byte[]> file = getBytes(app, "/file");
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/jpeg"));
            assertThat(file.body()).isEqualTo(Files.readAllBytes(MODULE.resolve("public/images/kemal.jpg")));

            assertThat(uploads).as("created on start").isDirectory();
            List<Path> before = list(uploads);
            HttpResponse<String> upload = uploadChecked(app, "jar-test.png", "from the jar");
            assertThat(upload.statusCode()).isEqualTo(200);
            String name = upload.body().substring("File uploaded successfully as: ".length());
            assertThat(name).matches("\\d+_jar-test\\.png");
            Path saved = uploads.resolve(name);
            try {
                assertThat(saved).hasContent("from the jar");
                assertThat(list(uploads)).hasSize(before.size() + 1);
            } finally {
                Files.deleteIfExists(saved);
            }
        }
    }

    private HttpResponse<String> uploadChecked(Running app, String filename, String content) throws Exception {
        MultipartBody form = new MultipartBody().file("image", filename, "image/png", content.getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/upload-checked")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()));
        form.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(Running app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(Running app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    // ---- the process ------------------------------------------------------------------------

    private static Running start(Path workingDirectory, Path jar) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile(MODULE.resolve("target"), "guide-jar-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", Integer.toString(port)));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Running running = new Running(process, port, log);
        try {
            running.awaitListening();
        } catch (Exception | AssertionError e) {
            running.close();
            throw e;
        }
        return running;
    }

    private record Running(Process process, int port, Path log) implements AutoCloseable {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void awaitListening() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("the app is running; its output:%n%s", output()).isTrue();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            throw new AssertionError("the app did not listen on " + port + " within 30 s:\n" + output());
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
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
