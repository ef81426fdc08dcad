package kemal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kemal.App;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.io.TempDir;

/** What a route returns becomes the body (DESIGN §4), and the env's writing helpers (reference §3.2). */
class RouteResultTest extends ApiTest {
    record User(String name, String language) {}

    @TempDir
    static Path files;

    static final byte[] LARGE = new byte[200_000];

    static {
        for (int i = 0; i < LARGE.length; i++) LARGE[i] = (byte) ('a' + i % 26);
    }

    @Override
    void routes(App app) {
        write("hello.txt", "text file");
        write("data.json", "{\"from\":\"file\"}");
        write("style.css", "body{}");
        write("noext", "no extension");
        write("large.txt", new String(LARGE, StandardCharsets.US_ASCII));

        app.get("/string", env -> "a string");
        app.get("/char-sequence", env -> new StringBuilder("a ").append("builder"));
        app.get("/bytes", env -> new byte[] {'b', 'y', 't', 'e', 's'});
        app.get("/stream", env -> new ByteArrayInputStream("a stream".getBytes(StandardCharsets.UTF_8)));
        app.get("/stream/large", env -> new ByteArrayInputStream(LARGE));
        app.get("/file/:name", env -> files.resolve(env.params().url("name")));
        app.get("/file-typed", env -> {
            env.response().contentType("text/x-custom");
            return files.resolve("data.json");
        });
        app.get("/null", env -> null);
        app.get("/record", env -> new User("Kemal", "Crystal"));
        app.get("/map", env -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("message", "Hello Kemal");
            map.put("count", 2);
            map.put("none", null);
            return map;
        });
        app.get("/list", env -> List.of(1, "two", Map.of("three", 3)));
        app.get("/number", env -> 42);
        app.get("/own-type", env -> {
            env.response().contentType("application/vnd.kemal+json");
            return Map.of("a", 1);
        });
        app.get("/own-type/header", env -> {
            env.response().headers().set("Content-Type", "application/vnd.kemal+json");
            return Map.of("a", 1);
        });
        app.get("/env", env -> {
            env.response().print("printed");
            return env;
        });
        app.get("/response", env -> env.response().print("printed"));

        app.get("/json", env -> env.json(new User("Kemal", "Crystal")));
        app.get("/json/created", env -> env.status(201).json(Map.of("id", 1)));
        app.get("/text", env -> env.text("plain ✓"));
        app.get("/html", env -> env.html("<p>html</p>"));
        app.get("/xml", env -> env.xml("<a/>"));
        app.get("/json-then-return", env -> {
            env.json(Map.of("a", 1));
            return "!";
        });
    }

    private static void write(String name, String content) {
        try {
            Files.writeString(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compares large bodies by length and first difference, so a failure stays readable. */
    private static void assertSameBytes(byte[] actual, byte[] expected) {
        assertThat(actual.length).as("length").isEqualTo(expected.length);
        assertThat(Arrays.mismatch(actual, expected)).as("first differing byte").isEqualTo(-1);
    }

    private static void assertBody(TestResponse response, String contentType, String body) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(contentType);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.bodyBytes().length));
    }

    @BothTransports
    void textBytesAndStreams(Transport transport) {
        TestClient client = client(transport);
        assertBody(client.get("/string"), "text/html", "a string");
        assertBody(client.get("/char-sequence"), "text/html", "a builder");
        assertBody(client.get("/bytes"), "text/html", "bytes");
        assertBody(client.get("/stream"), "text/html", "a stream");
    }

    @BothTransports
    void aLargeStreamIsSentWhole(Transport transport) {
        TestResponse response = client(transport).get("/stream/large");
        assertSameBytes(response.bodyBytes(), LARGE);
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        TestResponse head = client(transport).head("/stream/large");
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(LARGE.length));
    }

    @BothTransports
    void aLargeFileIsSentWhole(Transport transport) {
        TestResponse response = client(transport).get("/file/large.txt");
        assertThat(response.contentType()).isEqualTo("text/plain");
        assertSameBytes(response.bodyBytes(), LARGE);
    }

    @BothTransports
    void aPathSendsTheFileTypedByItsExtension(Transport transport) {
        TestClient client = client(transport);
        assertBody(client.get("/file/hello.txt"), "text/plain", "text file");
        assertBody(client.get("/file/data.json"), "application/json", "{\"from\":\"file\"}");
        assertBody(client.get("/file/style.css"), "text/css", "body{}");
        assertBody(client.get("/file/noext"), "application/octet-stream", "no extension");
        assertBody(client.get("/file-typed"), "text/x-custom", "{\"from\":\"file\"}");
    }

    @BothTransports
    void aMissingFileIsNotFound(Transport transport) {
        TestResponse response = client(transport).get("/file/absent.txt");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("Not Found");
    }

    @BothTransports
    void nullWritesNothing(Transport transport) {
        assertBody(client(transport).get("/null"), "text/html", "");
    }

    @BothTransports
    void otherObjectsAreJson(Transport transport) {
        TestClient client = client(transport);
        assertBody(client.get("/record"), "application/json", "{\"name\":\"Kemal\",\"language\":\"Crystal\"}");
        assertBody(client.get("/map"), "application/json", "{\"message\":\"Hello Kemal\",\"count\":2,\"none\":null}");
        assertBody(client.get("/list"), "application/json", "[1,\"two\",{\"three\":3}]");
        assertBody(client.get("/number"), "application/json", "42");
    }

    @BothTransports
    void aContentTypeSetByTheRouteIsKept(Transport transport) {
        assertBody(client(transport).get("/own-type"), "application/vnd.kemal+json", "{\"a\":1}");
    }

    @BothTransports
    void aContentTypeSetAsAHeaderIsKept(Transport transport) {
        assertBody(client(transport).get("/own-type/header"), "application/vnd.kemal+json", "{\"a\":1}");
    }

    @BothTransports
    void returningTheEnvOrResponseWritesNothingMore(Transport transport) {
        TestClient client = client(transport);
        assertBody(client.get("/env"), "text/html", "printed");
        assertBody(client.get("/response"), "text/html", "printed");
    }

    @BothTransports
    void writingHelpersUseKemalsContentTypes(Transport transport) {
        TestClient client = client(transport);
        assertBody(client.get("/json"), "application/json", "{\"name\":\"Kemal\",\"language\":\"Crystal\"}");
        assertBody(client.get("/text"), "text/plain; charset=utf-8", "plain ✓");
        assertBody(client.get("/html"), "text/html; charset=utf-8", "<p>html</p>");
        assertBody(client.get("/xml"), "application/xml; charset=utf-8", "<a/>");
    }

    @BothTransports
    void statusChainsIntoJson(Transport transport) {
        TestResponse response = client(transport).get("/json/created");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"id\":1}");
    }

    @BothTransports
    void aReturnedStringFollowsWhatAHelperWrote(Transport transport) {
        assertBody(client(transport).get("/json-then-return"), "application/json", "{\"a\":1}!");
    }

    @BothTransports
    void headCountsEveryKindOfResult(Transport transport) {
        TestClient client = client(transport);
        for (String path : List.of("/string", "/bytes", "/stream", "/file/hello.txt", "/record", "/json")) {
            TestResponse get = client.get(path);
            TestResponse head = client.head(path);
            assertThat(head.status()).as(path).isEqualTo(200);
            assertThat(head.bodyBytes()).as(path).isEmpty();
            assertThat(head.header("Content-Length")).as(path).isEqualTo(get.header("Content-Length"));
            assertThat(head.contentType()).as(path).isEqualTo(get.contentType());
        }
    }
}
