package kemal.files;

import static kemal.Kemal.sendFile;
import static kemal.files.Fixtures.gunzip;
import static kemal.files.Fixtures.gzip;
import static kemal.files.Fixtures.open;
import static kemal.files.Fixtures.randomBytes;
import static kemal.files.Fixtures.text;
import static kemal.files.Fixtures.touch;
import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kemal.App;
import kemal.StaticOptions;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gzip and deflate on the fly for text-like files over 860 bytes, and precompressed
 * {@code .gz}/{@code .br} siblings served with the original's type.
 */
class CompressionTest {
    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");
    private static final long MTIME = 1_700_000_000L;

    @TempDir
    Path root;
    Path pub;
    String page;
    String big;

    @BeforeEach
    void publicFolder() {
        pub = root.resolve("public");
        page = text(5000);
        big = text(3 * 1024 * 1024);
        write(pub.resolve("page.html"), page);
        write(pub.resolve("style.css"), page);
        write(pub.resolve("data.json"), page);
        write(pub.resolve("big.txt"), big);
        write(pub.resolve("at-threshold.txt"), text(860));
        write(pub.resolve("over-threshold.txt"), text(861));
        write(pub.resolve("photo.png"), randomBytes(5000, 3));
        write(pub.resolve("text.unknownext"), page);
    }

    private App app() {
        App app = Fixtures.app(pub);
        app.get("/send/:name", env -> sendFile(env, pub.resolve(env.params().url("name"))));
        return app;
    }

    @BothTransports
    void aTextFileIsGzippedWhenTheClientAcceptsIt(Transport transport) {
        try (TestClient client = open(transport, app())) {
            for (String path : List.of("/page.html", "/style.css", "/data.json", "/send/page.html")) {
                TestResponse response = client.get(path, GZIP);
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.header("Content-Encoding")).as(path).isEqualTo("gzip");
                assertThat(response.header("Vary")).as(path).isEqualTo("Accept-Encoding");
                // A small result is buffered: it has a length and is not chunked.
                assertThat(response.header("Transfer-Encoding")).as(path).isNull();
                assertThat(response.header("Content-Length")).as(path)
                        .isEqualTo(String.valueOf(response.bodyBytes().length));
                assertThat(response.bodyBytes().length).as(path).isLessThan(page.length() / 2);
                assertThat(new String(gunzip(response.bodyBytes()), StandardCharsets.UTF_8)).as(path).isEqualTo(page);
            }
            assertThat(client.get("/page.html", GZIP).contentType()).isEqualTo("text/html");
        }
    }

    @Test
    void deflateWhenOnlyDeflateIsAccepted() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/page.html", Map.of("Accept-Encoding", "deflate"));
            assertThat(response.header("Content-Encoding")).isEqualTo("deflate");
            assertThat(new String(Fixtures.inflate(response.bodyBytes()), StandardCharsets.UTF_8)).isEqualTo(page);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "identity", "gzip;q=0", "br", "deflate;q=0, gzip;q=0", "*;q=0", "x-gzip-not"})
    void identityWhenTheClientDoesNotAcceptGzipOrDeflate(String accept) {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = accept.isEmpty() ? client.get("/page.html")
                    : client.get("/page.html", Map.of("Accept-Encoding", accept));
            assertThat(response.header("Content-Encoding")).isNull();
            assertThat(response.header("Content-Length")).isEqualTo("5000");
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(response.body()).isEqualTo(page);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip, deflate, br", "GZIP", "br;q=1.0, gzip;q=0.8", "*", "deflate, *;q=0.5"})
    void gzipWhenAcceptedInAnyForm(String accept) {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/page.html", Map.of("Accept-Encoding", accept));
            assertThat(response.header("Content-Encoding")).isIn("gzip", "deflate");
            byte[] decoded = response.header("Content-Encoding").equals("gzip") ? gunzip(response.bodyBytes())
                    : Fixtures.inflate(response.bodyBytes());
            assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(page);
        }
    }

    @Test
    void theThresholdIs860Bytes() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse at = client.get("/at-threshold.txt", GZIP);
            assertThat(at.header("Content-Encoding")).isNull();
            assertThat(at.header("Content-Length")).isEqualTo("860");
            TestResponse over = client.get("/over-threshold.txt", GZIP);
            assertThat(over.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(new String(gunzip(over.bodyBytes()), StandardCharsets.UTF_8)).isEqualTo(text(861));
        }
    }

    @Test
    void binaryAndUnknownTypesAreNotCompressed() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse png = client.get("/photo.png", GZIP);
            assertThat(png.header("Content-Encoding")).isNull();
            assertThat(png.header("Vary")).isNull();
            assertThat(png.header("Content-Length")).isEqualTo("5000");
            assertThat(client.get("/text.unknownext", GZIP).header("Content-Encoding")).isNull();
        }
    }

    @Test
    void fontsAlreadyCompressedAreLeftAloneAndModulesMapsCsvAndMarkdownAreCompressed() {
        for (String name : List.of("font.woff", "font.woff2", "app.mjs", "app.js.map", "table.csv", "notes.md")) {
            write(pub.resolve(name), page);
        }
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.get("/font.woff", GZIP).header("Content-Encoding")).isNull();
            assertThat(client.get("/font.woff2", GZIP).header("Content-Encoding")).isNull();
            for (String path : List.of("/app.mjs", "/app.js.map", "/table.csv", "/notes.md")) {
                TestResponse response = client.get(path, GZIP);
                assertThat(response.header("Content-Encoding")).as(path).isEqualTo("gzip");
                assertThat(new String(gunzip(response.bodyBytes()), StandardCharsets.UTF_8)).as(path).isEqualTo(page);
            }
        }
    }

    @BothTransports
    void aBigFileIsCompressedAsAChunkedStream(Transport transport) {
        try (TestClient client = open(transport, app())) {
            for (String path : List.of("/big.txt", "/send/big.txt")) {
                TestResponse response = client.get(path, GZIP);
                assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
                assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
                assertThat(response.header("Content-Length")).isNull();
                assertThat(new String(gunzip(response.bodyBytes()), StandardCharsets.UTF_8)).isEqualTo(big);
            }
        }
    }

    @Test
    void aBigFileIsChunkedOnARealSocketToo() {
        try (TestClient client = TestClient.overSocket(app())) {
            Raw.Response response = Raw.get(client.port(), "/big.txt", "Accept-Encoding: gzip");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.chunked()).isTrue();
            assertThat(new String(gunzip(response.body()), StandardCharsets.UTF_8)).isEqualTo(big);
        }
    }

    @Test
    void aBigFileIsCompressedForAnHttp10ClientUntilTheConnectionCloses() {
        try (TestClient client = TestClient.overSocket(app())) {
            byte[] raw = Raw.exchange(client.port(),
                    "GET /big.txt HTTP/1.0\r\nAccept-Encoding: gzip\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Raw.Response response = Raw.parse(raw, false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(new String(gunzip(response.body()), StandardCharsets.UTF_8)).isEqualTo(big);
        }
    }

    @Test
    void headOfACompressedFileHasTheCompressedLengthAndNoBody() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse get = client.get("/page.html", GZIP);
            TestResponse head = client.head("/page.html", GZIP);
            assertThat(head.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(get.bodyBytes().length));
            assertThat(head.bodyBytes()).isEmpty();
        }
    }

    @Test
    void gzipOffNeverCompresses() {
        App app = app();
        app.config().serveStatic(new StaticOptions().gzip(false));
        touch(write(pub.resolve("pre.js"), page), MTIME);
        touch(write(pub.resolve("pre.js.gz"), gzip(page.getBytes())), MTIME);
        try (TestClient client = TestClient.overSocket(app)) {
            for (String path : List.of("/page.html", "/big.txt", "/send/page.html", "/pre.js")) {
                TestResponse response = client.get(path, GZIP);
                assertThat(response.header("Content-Encoding")).as(path).isNull();
            }
        }
    }

    @Test
    void sendFileThenWritingMoreDoesNotCorruptTheCompressedBody() {
        App app = app();
        app.get("/then-text/:name", env -> {
            sendFile(env, pub.resolve(env.params().url("name")));
            return "trailing text";
        });
        app.afterAll(env -> env.response().print("after filter"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse gzipped = client.get("/then-text/page.html", GZIP);
            assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(new String(gzipped.bodyBytes(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("trailing text").doesNotContain("after filter");
            assertThat(new String(gunzip(gzipped.bodyBytes()), StandardCharsets.UTF_8)).isEqualTo(page);
            TestResponse streamed = client.get("/then-text/big.txt", GZIP);
            assertThat(streamed.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(new String(streamed.bodyBytes(), StandardCharsets.ISO_8859_1))
                    .doesNotContain("trailing text").doesNotContain("after filter");
            assertThat(new String(gunzip(streamed.bodyBytes()), StandardCharsets.UTF_8)).isEqualTo(big);
            TestResponse identity = client.get("/then-text/page.html");
            assertThat(identity.body()).isEqualTo(page);
        }
    }

    // ---- precompressed siblings ------------------------------------------------------------------

    @BothTransports
    void aPrecompressedGzSiblingIsServedWithTheOriginalsType(Transport transport) {
        byte[] js = text(3000).getBytes(StandardCharsets.US_ASCII);
        byte[] gz = gzip(js);
        touch(write(pub.resolve("app.js"), js), MTIME);
        touch(write(pub.resolve("app.js.gz"), gz), MTIME);
        try (TestClient client = open(transport, app())) {
            TestResponse response = client.get("/app.js", GZIP);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(response.contentType()).isEqualTo("text/javascript");
            assertThat(response.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(gz.length));
            assertThat(response.bodyBytes()).isEqualTo(gz); // the file itself, not compressed again
            TestResponse head = client.head("/app.js", GZIP);
            assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(gz.length));
            assertThat(head.header("Content-Encoding")).isEqualTo("gzip");
            TestResponse identity = client.get("/app.js");
            assertThat(identity.header("Content-Encoding")).isNull();
            assertThat(identity.bodyBytes()).isEqualTo(js);
            // The .gz file itself is still a file of its own.
            assertThat(client.get("/app.js.gz").contentType()).isEqualTo("application/gzip");
        }
    }

    @Test
    void aBrotliSiblingIsPreferredWhenAccepted() {
        byte[] css = text(3000).getBytes(StandardCharsets.US_ASCII);
        byte[] br = "pretend brotli bytes".getBytes(StandardCharsets.US_ASCII);
        touch(write(pub.resolve("site.css"), css), MTIME);
        touch(write(pub.resolve("site.css.gz"), gzip(css)), MTIME);
        touch(write(pub.resolve("site.css.br"), br), MTIME);
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse brotli = client.get("/site.css", Map.of("Accept-Encoding", "gzip, deflate, br"));
            assertThat(brotli.header("Content-Encoding")).isEqualTo("br");
            assertThat(brotli.contentType()).isEqualTo("text/css");
            assertThat(brotli.bodyBytes()).isEqualTo(br);
            TestResponse gzipped = client.get("/site.css", GZIP);
            assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(gunzip(gzipped.bodyBytes())).isEqualTo(css);
            TestResponse brOnly = client.get("/site.css", Map.of("Accept-Encoding", "br"));
            assertThat(brOnly.bodyBytes()).isEqualTo(br);
        }
    }

    @Test
    void aStalePrecompressedSiblingIsNotUsed() {
        byte[] js = text(3000).getBytes(StandardCharsets.US_ASCII);
        touch(write(pub.resolve("old.js"), js), MTIME);
        touch(write(pub.resolve("old.js.gz"), gzip("outdated".getBytes())), MTIME - 3600);
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/old.js", GZIP);
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip"); // compressed on the fly
            assertThat(gunzip(response.bodyBytes())).isEqualTo(js);
        }
    }

    @Test
    void aRangeRequestUsesTheOriginalNotTheSibling() {
        byte[] js = text(3000).getBytes(StandardCharsets.US_ASCII);
        touch(write(pub.resolve("app.js"), js), MTIME);
        touch(write(pub.resolve("app.js.gz"), gzip(js)), MTIME);
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/app.js", Map.of("Accept-Encoding", "gzip", "Range", "bytes=0-9"));
            assertThat(response.status()).isEqualTo(206);
            assertThat(response.header("Content-Encoding")).isNull();
            assertThat(response.bodyBytes()).isEqualTo(java.util.Arrays.copyOf(js, 10));
        }
    }

    @Test
    void staticHeadersSeeTheRequestedFileForAPrecompressedSibling() {
        byte[] html = text(3000).getBytes(StandardCharsets.US_ASCII);
        touch(write(pub.resolve("index.html"), html), MTIME);
        touch(write(pub.resolve("index.html.gz"), gzip(html)), MTIME);
        App app = app();
        app.config().staticHeaders((response, filePath, fileInfo) -> {
            if (filePath.endsWith(".html")) response.headers().add("Access-Control-Allow-Origin", "*");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/index.html", GZIP);
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
    }
}
