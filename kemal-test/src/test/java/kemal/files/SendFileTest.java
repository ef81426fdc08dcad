package kemal.files;

import static kemal.Kemal.sendFile;
import static kemal.files.Fixtures.open;
import static kemal.files.Fixtures.randomBytes;
import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import kemal.App;
import kemal.Mime;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sendFile} from routes: its overloads, types, Content-Disposition, ranges and gzip. */
class SendFileTest {
    @TempDir
    Path dir;
    byte[] jpg;
    String text;

    @BeforeEach
    void files() {
        jpg = randomBytes(3000, 7);
        text = Fixtures.text(4000);
        write(dir.resolve("photo.jpg"), jpg);
        write(dir.resolve("report.txt"), text);
        write(dir.resolve("tool.exe"), jpg);
        write(dir.resolve("noext"), "no extension");
        write(dir.resolve("script.cr"), "puts \"hello\"");
    }

    private App app() {
        App app = Fixtures.app(); // no static files: only the routes send files
        app.get("/string", env -> sendFile(env, dir.resolve("photo.jpg").toString()));
        app.get("/string-type", env -> sendFile(env, dir.resolve("tool.exe").toString(), "image/jpeg"));
        app.get("/path", env -> sendFile(env, dir.resolve("photo.jpg")));
        app.get("/path-type", env -> sendFile(env, dir.resolve("report.txt"), "text/markdown; charset=utf-8"));
        app.get("/noext", env -> sendFile(env, dir.resolve("noext")));
        app.get("/missing", env -> sendFile(env, dir.resolve("missing.txt")));
        app.get("/directory", env -> sendFile(env, dir));
        app.get("/crystal", env -> sendFile(env, dir.resolve("script.cr")));
        app.get("/download", env -> sendFile(env, dir.resolve("report.txt"), null, "my report.txt", null));
        app.get("/inline", env -> sendFile(env, dir.resolve("photo.jpg"), null, "photo.jpg", "inline"));
        app.get("/attachment", env -> sendFile(env, dir.resolve("photo.jpg"), null, "photo.jpg", "attachment"));
        app.get("/name/:name", env -> sendFile(env, dir.resolve("photo.jpg"), null, env.params().url("name"), null));
        app.get("/bytes", env -> sendFile(env, "hello bytes".getBytes(StandardCharsets.UTF_8), null, "hello.bin", null));
        app.get("/bytes-typed", env -> sendFile(env, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json",
                "data.json", "inline"));
        app.get("/bytes-plain", env -> sendFile(env, new byte[] {1, 2, 3}, null, null, null));
        app.get("/path-result", env -> dir.resolve("photo.jpg"));
        return app;
    }

    @BothTransports
    void theStringAndPathOverloadsSendTheFileWithItsType(Transport transport) {
        try (TestClient client = open(transport, app())) {
            for (String path : List.of("/string", "/path", "/path-result")) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.contentType()).as(path).isEqualTo("image/jpeg");
                assertThat(response.header("Content-Length")).as(path).isEqualTo("3000");
                assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
                assertThat(response.header("Accept-Ranges")).as(path).isEqualTo("bytes");
                assertThat(response.header("Content-Disposition")).as(path).isNull();
                assertThat(response.bodyBytes()).as(path).isEqualTo(jpg);
            }
        }
    }

    @BothTransports
    void anExplicitTypeWinsOverTheExtension(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse exe = client.get("/string-type");
            assertThat(exe.contentType()).isEqualTo("image/jpeg");
            assertThat(exe.bodyBytes()).isEqualTo(jpg);
            TestResponse markdown = client.get("/path-type");
            assertThat(markdown.contentType()).isEqualTo("text/markdown; charset=utf-8");
            assertThat(markdown.body()).isEqualTo(text);
        }
    }

    @Test
    void aRelativePathIsResolvedFromTheWorkingDirectory() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("photo.jpg").toAbsolutePath());
        App app = Fixtures.app();
        app.get("/relative", env -> sendFile(env, "./" + relative));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/relative").bodyBytes()).isEqualTo(jpg);
        }
    }

    @Test
    void anUnknownExtensionIsOctetStream() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.get("/noext").contentType()).isEqualTo("application/octet-stream");
            assertThat(client.get("/noext").body()).isEqualTo("no extension");
        }
    }

    @BothTransports
    void aMissingFileOrADirectoryIsNotFound(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse missing = client.get("/missing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).doesNotContain(dir.toString());
            assertThat(client.get("/directory").status()).isEqualTo(404);
        }
    }

    @Test
    void aCustomNotFoundPageIsUsedForAMissingFile() {
        App app = app();
        app.error(404, env -> "custom not found");
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/missing");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("custom not found");
        }
    }

    @Test
    void mimeRegisterExtendsTheTable() {
        Mime.register(".cr", "text/crystal");
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/crystal");
            assertThat(response.contentType()).isEqualTo("text/crystal");
            assertThat(response.body()).isEqualTo("puts \"hello\"");
        }
        assertThat(Mime.forName("other.CR")).isEqualTo("text/crystal");
        Mime.register("kemaltest", "application/x-kemal-test");
        assertThat(Mime.forName("a/b.c/file.kemaltest")).isEqualTo("application/x-kemal-test");
    }

    @Test
    void theBuiltInTableCoversTheCommonTypes() {
        assertThat(Mime.forName("a.html")).isEqualTo("text/html");
        assertThat(Mime.forName("a.txt")).isEqualTo("text/plain");
        assertThat(Mime.forName("a.css")).isEqualTo("text/css");
        assertThat(Mime.forName("a.js")).isEqualTo("text/javascript");
        assertThat(Mime.forName("a.json")).isEqualTo("application/json");
        assertThat(Mime.forName("a.png")).isEqualTo("image/png");
        assertThat(Mime.forName("a.JPG")).isEqualTo("image/jpeg");
        assertThat(Mime.forName("a.svg")).isEqualTo("image/svg+xml");
        assertThat(Mime.forName("a.pdf")).isEqualTo("application/pdf");
        assertThat(Mime.forName("a.woff2")).isEqualTo("font/woff2");
        assertThat(Mime.forName("archive.tar.gz")).isEqualTo("application/gzip");
        assertThat(Mime.forName("noext")).isEqualTo("application/octet-stream");
        assertThat(Mime.forName("dir.d/noext")).isEqualTo("application/octet-stream");
        assertThat(Mime.forName("trailing.")).isEqualTo("application/octet-stream");
    }

    @Test
    void typesMissingFromTheBuiltInTableComeFromEtcMimeTypes() throws IOException {
        Path system = Path.of("/etc/mime.types");
        assumeThat(Files.isReadable(system)).as("an OS MIME database").isTrue();
        // An extension the built-in table does not know, with the type the OS file gives it.
        String extension = null;
        String type = null;
        for (String line : Files.readAllLines(system)) {
            String[] fields = line.trim().split("\\s+");
            if (line.startsWith("#") || fields.length < 2) continue;
            if (fields[0].equals("application/vnd.oasis.opendocument.text")) {
                extension = fields[1];
                type = fields[0];
            }
        }
        assumeThat(extension).as("odt in /etc/mime.types").isNotNull();
        write(dir.resolve("letter." + extension), "odt");
        App app = Fixtures.app();
        app.get("/odt", env -> sendFile(env, dir.resolve("letter.odt")));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/odt").contentType()).isEqualTo(type);
        }
    }

    // ---- Content-Disposition ---------------------------------------------------------------------

    @BothTransports
    void aFilenameMakesADownload(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse download = client.get("/download");
            assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"my report.txt\"");
            assertThat(download.contentType()).isEqualTo("text/plain");
            assertThat(client.get("/inline").header("Content-Disposition")).isEqualTo("inline; filename=\"photo.jpg\"");
            assertThat(client.get("/attachment").header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"photo.jpg\"");
        }
    }

    @Test
    void nonAsciiNamesAreEncodedPerRfc6266AndQuotesCannotBreakOut() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.get("/name/r%C3%A9sum%C3%A9.pdf").header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
            assertThat(client.get("/name/%E6%97%A5%E6%9C%AC.txt").header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"__.txt\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt");
            String quoted = client.get("/name/say%20%22hi%22.txt").header("Content-Disposition");
            assertThat(quoted).isEqualTo("attachment; filename=\"say _hi_.txt\"; filename*=UTF-8''say%20%22hi%22.txt");
            String injected = client.get("/name/a%22%3B%20filename%3D%22evil.exe").header("Content-Disposition");
            assertThat(injected).startsWith("attachment; filename=\"a_; filename=_evil.exe\"");
            assertThat(injected.chars().filter(c -> c == '"').count()).isEqualTo(2);
        }
    }

    @Test
    void directoryPartsOfTheFilenameAreDropped() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.get("/name/..%2F..%2Fetc%2Fpasswd").header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"passwd\"");
            assertThat(client.get("/name/C:%5Cdocs%5Cplan.txt").header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"plan.txt\"");
        }
    }

    @Test
    void aControlCharacterInTheFilenameCannotSplitTheHeader() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/name/x%0D%0AX-Injected:%201");
            assertThat(response.header("X-Injected")).isNull();
            assertThat(response.header("Content-Disposition")).doesNotContain("\r").doesNotContain("\n");
        }
    }

    @BothTransports
    void bytesAreSentWithALengthAndAnOptionalDownloadName(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse bytes = client.get("/bytes");
            assertThat(bytes.body()).isEqualTo("hello bytes");
            assertThat(bytes.contentType()).isEqualTo("application/octet-stream");
            assertThat(bytes.header("Content-Length")).isEqualTo("11");
            assertThat(bytes.header("Content-Disposition")).isEqualTo("attachment; filename=\"hello.bin\"");
            TestResponse typed = client.get("/bytes-typed");
            assertThat(typed.contentType()).isEqualTo("application/json");
            assertThat(typed.header("Content-Disposition")).isEqualTo("inline; filename=\"data.json\"");
            TestResponse plain = client.get("/bytes-plain");
            assertThat(plain.bodyBytes()).containsExactly(1, 2, 3);
            assertThat(plain.header("Content-Disposition")).isNull();
        }
    }

    // ---- ranges, gzip, HEAD, static headers -----------------------------------------------------

    @Test
    void rangesAndGzipWorkForSendFile() {
        App app = app();
        app.config().serveStatic(true).publicFolder(dir.resolve("no-public-folder").toString());
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse range = client.get("/path", Map.of("Range", "bytes=10-19"));
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("Content-Range")).isEqualTo("bytes 10-19/3000");
            assertThat(range.bodyBytes()).isEqualTo(java.util.Arrays.copyOfRange(jpg, 10, 20));
            TestResponse gzipped = client.get("/download", Map.of("Accept-Encoding", "gzip"));
            assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(gzipped.header("Content-Disposition")).isEqualTo("attachment; filename=\"my report.txt\"");
            assertThat(new String(Fixtures.gunzip(gzipped.bodyBytes()), StandardCharsets.UTF_8)).isEqualTo(text);
            // A JPEG is not compressed again.
            assertThat(client.get("/path", Map.of("Accept-Encoding", "gzip")).header("Content-Encoding")).isNull();
        }
    }

    @Test
    void withoutStaticFilesSendFileDoesNotCompressAsInKemal() {
        try (TestClient client = TestClient.inProcess(app())) { // serveStatic(false)
            TestResponse response = client.get("/download", Map.of("Accept-Encoding", "gzip"));
            assertThat(response.header("Content-Encoding")).isNull();
            assertThat(response.body()).isEqualTo(text);
        }
    }

    @BothTransports
    void headSendsTheHeadersOnly(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse head = client.head("/path");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("3000");
            assertThat(head.contentType()).isEqualTo("image/jpeg");
            assertThat(head.bodyBytes()).isEmpty();
        }
    }

    @Test
    void staticHeadersRunForSendFileToo() {
        List<String> seen = new CopyOnWriteArrayList<>();
        App app = app();
        app.config().staticHeaders((response, filePath, fileInfo) -> {
            seen.add(filePath);
            response.headers().add("Content-Size", String.valueOf(fileInfo.size()));
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/path").header("Content-Size")).isEqualTo("3000");
            assertThat(client.get("/download").header("Content-Size")).isEqualTo("4000");
        }
        assertThat(seen).containsExactly(dir.resolve("photo.jpg").toAbsolutePath().toString(),
                dir.resolve("report.txt").toAbsolutePath().toString());
    }

    @BothTransports
    void aFileDeletedRightAfterSendFileReturnsStillArrivesWhole(Transport transport) {
        byte[] content = randomBytes(300_000, 11);
        App app = Fixtures.app();
        app.get("/once/:n", env -> {
            Path file = write(dir.resolve("once-" + env.params().url("n") + ".bin"), content);
            sendFile(env, file);
            Files.delete(file); // e.g. a temporary export, removed once sent
            return null;
        });
        try (TestClient client = open(transport, app)) {
            for (int i = 0; i < 5; i++) {
                TestResponse response = client.get("/once/" + i);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyBytes()).isEqualTo(content);
            }
        }
    }

    @BothTransports
    void aFileThatCannotBeOpenedGetsAnErrorPageInsteadOfABrokenResponse(Transport transport) {
        App app = Fixtures.app();
        app.config().staticHeaders((response, filePath, fileInfo) -> {
            try {
                Files.delete(Path.of(filePath)); // gone between its attributes and its opening
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        app.get("/vanishing", env -> sendFile(env, write(dir.resolve("vanishing.bin"), jpg)));
        try (TestClient client = open(transport, app)) {
            TestResponse response = client.get("/vanishing");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("Content-Type")).startsWith("text/html");
            assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.bodyBytes().length));
        }
    }

    @Test
    void whatTheRouteSetBeforeSendFileIsKept() {
        App app = Fixtures.app();
        app.get("/with-headers", env -> {
            env.response().header("Cache-Control", "max-age=60").status(201);
            return sendFile(env, dir.resolve("photo.jpg"));
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/with-headers");
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.header("Cache-Control")).isEqualTo("max-age=60");
            assertThat(response.bodyBytes()).isEqualTo(jpg);
        }
    }
}
