package bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bench server answers every endpoint the same way, so {@code bench/run.sh} compares like
 * with like: same status and body (for the static file, its exact bytes), same content type
 * (spacing and charset aside, which frameworks spell differently), pipelined requests all
 * answered, and WebSocket text messages at {@code /ws} echoed (opened with the page's own
 * {@code Origin}, as {@code bench/wsload} does: Kemal allows only the same origin by default).
 * The servers with the templated page (kemal and javalin) render the same bytes from
 * {@code bench/templates/fortunes.jte}; the others have no {@code /template}, as
 * {@code bench/run.sh} assumes.
 */
class BenchServersIT {
    private static final String TEXT = "text/plain;charset=utf-8";
    private static final String JSON = "application/json";
    /** The static endpoint's file: bench/public/static/100k.txt. */
    private static final String STATIC_FILE = "/static/100k.txt";
    private static final int STATIC_SIZE = 100 * 1024;
    /** The depth of the pipelined run in bench/run.sh. */
    private static final int PIPELINE_DEPTH = 16;
    /** The servers that render {@code GET /template}: the ones bench/run.sh drives it on. */
    private static final Set<String> TEMPLATE_SERVERS = Set.of("kemal", "javalin");
    /** The page every one of them renders, byte for byte (a test resource). */
    private static final String TEMPLATE_PAGE = "/fortunes.html";
    /** The row whose message must come out HTML-escaped. */
    private static final String ESCAPED_ROW =
            "<tr><td>3</td><td>&lt;script&gt;alert(\"This text must not run as a script.\");&lt;/script&gt;</td></tr>";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    static Stream<BenchServer> servers() {
        return Stream.of(
                BenchServer.of("kemal"),
                BenchServer.of("kemal", "--log"),
                BenchServer.of("kemal", "--event-loop"),
                BenchServer.of("netty"),
                BenchServer.of("netty", "--virtual"),
                BenchServer.of("javalin"),
                BenchServer.of("helidon"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void answersEveryEndpointAlike(BenchServer server) throws Exception {
        try (BenchServer.Running running = server.start()) {
            SoftAssertions soft = new SoftAssertions();
            check(soft, get(running, "/plaintext"), 200, TEXT, "Hello, World!");
            check(soft, get(running, "/json"), 200, JSON, "{\"message\":\"Hello, World!\"}");
            check(soft, get(running, "/hello/World"), 200, TEXT, "Hello back to World");
            check(soft, get(running, "/hello/J%C3%BCrgen"), 200, TEXT, "Hello back to Jürgen");
            check(soft, post(running, "/echo", "message=Hello%2C+World%21"), 200, TEXT, "Hello, World!");
            checkStaticFile(soft, running);
            if (TEMPLATE_SERVERS.contains(server.name())) {
                checkTemplatePage(soft, running);
            } else {
                soft.assertThat(get(running, "/template").statusCode()).as("no /template").isEqualTo(404);
            }
            soft.assertThat(get(running, "/no-such-route").statusCode()).as("unknown route").isEqualTo(404);
            soft.assertThat(get(running, "/static/no-such-file.txt").statusCode()).as("unknown static file").isEqualTo(404);
            soft.assertThat(pipelinedPlaintextBodies(running)).as("pipelined /plaintext answers")
                    .isEqualTo(PIPELINE_DEPTH);
            soft.assertThat(webSocketEchoes(running, "Hello, World!", "çiçek ✓", "Hello, World!"))
                    .as("ws /ws echoes").containsExactly("Hello, World!", "çiçek ✓", "Hello, World!");
            soft.assertAll();
        }
    }

    private void checkStaticFile(SoftAssertions soft, BenchServer.Running running) throws Exception {
        byte[] expected = Files.readAllBytes(BenchServer.publicFolder().resolve(STATIC_FILE.substring(1)));
        assertThat(expected).as("the committed file").hasSize(STATIC_SIZE);
        HttpResponse<byte[]> response = client.send(request(running, STATIC_FILE).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        soft.assertThat(response.statusCode()).as("GET " + STATIC_FILE + " status").isEqualTo(200);
        soft.assertThat(response.body()).as("GET " + STATIC_FILE + " body").isEqualTo(expected);
        // Framing differs: Javalin streams the file chunked, the others send a Content-Length.
        response.headers().firstValue("Content-Length").ifPresent(length ->
                soft.assertThat(length).as("GET " + STATIC_FILE + " length").isEqualTo(String.valueOf(STATIC_SIZE)));
        soft.assertThat(response.headers().firstValue("Content-Encoding")).as("GET " + STATIC_FILE + " not compressed")
                .isEmpty();
        soft.assertThat(mediaType(response.headers().firstValue("Content-Type").orElse("")))
                .as("GET " + STATIC_FILE + " content type").isEqualTo("text/plain");
    }

    private void checkTemplatePage(SoftAssertions soft, BenchServer.Running running) throws Exception {
        String expected;
        try (InputStream page = BenchServersIT.class.getResourceAsStream(TEMPLATE_PAGE)) {
            assertThat(page).as("test resource " + TEMPLATE_PAGE).isNotNull();
            expected = new String(page.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(expected).as("the committed page").contains(ESCAPED_ROW);
        HttpResponse<String> response = get(running, "/template");
        soft.assertThat(response.statusCode()).as("GET /template status").isEqualTo(200);
        soft.assertThat(response.body()).as("GET /template escapes the <script> message").contains(ESCAPED_ROW);
        soft.assertThat(response.body()).as("GET /template body").isEqualTo(expected);
        // Kemal's render keeps Kemal's default text/html; Javalin's ctx.render adds the charset.
        String contentType = normalised(response.headers().firstValue("Content-Type").orElse(""));
        soft.assertThat(mediaType(contentType)).as("GET /template content type").isEqualTo("text/html");
        soft.assertThat(contentType).as("GET /template charset, if given").isIn("text/html", "text/html;charset=utf-8");
    }

    private HttpResponse<String> get(BenchServer.Running running, String path) throws IOException, InterruptedException {
        return send(request(running, path).GET());
    }

    private HttpResponse<String> post(BenchServer.Running running, String path, String form)
            throws IOException, InterruptedException {
        return send(request(running, path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpRequest.Builder request(BenchServer.Running running, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void check(SoftAssertions soft, HttpResponse<String> response, int status, String type, String body) {
        String what = response.request().method() + " " + response.uri().getRawPath();
        soft.assertThat(response.statusCode()).as(what + " status").isEqualTo(status);
        soft.assertThat(response.body()).as(what + " body").isEqualTo(body);
        soft.assertThat(normalised(response.headers().firstValue("Content-Type").orElse("")))
                .as(what + " content type").isEqualTo(type);
    }

    /** The type without its parameters: {@code text/plain;charset=utf-8} is {@code text/plain}. */
    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return normalised(semicolon < 0 ? contentType : contentType.substring(0, semicolon));
    }

    /** {@code text/plain; charset=UTF-8} and {@code text/plain;charset=utf-8} are the same type. */
    private static String normalised(String contentType) {
        return contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Sends {@value #PIPELINE_DEPTH} requests in one write, as wrk's pipeline script does, and
     * counts the answers that arrive.
     */
    private static int pipelinedPlaintextBodies(BenchServer.Running running) throws IOException {
        String request = "GET /plaintext HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.repeat(PIPELINE_DEPTH).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int answers = 0;
            while (answers < PIPELINE_DEPTH) {
                int n = in.read(buffer);
                if (n < 0) break;
                received.write(buffer, 0, n);
                answers = count(received.toString(StandardCharsets.US_ASCII), "\r\n\r\nHello, World!");
            }
            assertThat(received.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            return answers;
        }
    }

    /** Opens {@code ws /ws}, sends each message after the echo of the previous one, returns the echoes. */
    private List<String> webSocketEchoes(BenchServer.Running running, String... messages) throws Exception {
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    echoes.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
        WebSocket socket = client.newWebSocketBuilder()
                .header("Origin", "http://127.0.0.1:" + running.port())
                .buildAsync(URI.create("ws://127.0.0.1:" + running.port() + "/ws"), listener)
                .get(10, TimeUnit.SECONDS);
        List<String> received = new ArrayList<>();
        try {
            for (String message : messages) {
                socket.sendText(message, true).get(10, TimeUnit.SECONDS);
                String echo = echoes.poll(10, TimeUnit.SECONDS);
                if (echo == null) break;
                received.add(echo);
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
        return received;
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) count++;
        return count;
    }
}
