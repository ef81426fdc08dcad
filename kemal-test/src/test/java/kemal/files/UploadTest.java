package kemal.files;

import static kemal.Kemal.halt;
import static kemal.Kemal.sendFile;
import static kemal.files.Fixtures.assertNoUploadLeft;
import static kemal.files.Fixtures.open;
import static kemal.files.Fixtures.randomBytes;
import static kemal.files.Fixtures.sha256;
import static kemal.files.Fixtures.uploadTempFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import kemal.App;
import kemal.Env;
import kemal.UploadedFile;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multipart/form-data} uploads: files in {@code params().files()}, other fields in
 * {@code params().body()}, temporary files that never outlive their request, the size limits,
 * and malformed bodies.
 */
class UploadTest {
    @TempDir
    Path kept;
    Set<Path> tempBefore;
    /** The temporary files routes saw, to check they are gone after the request. */
    final List<Path> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void snapshot() {
        tempBefore = uploadTempFiles();
    }

    /** One line per fact about an upload, for the test to compare. */
    private String describe(UploadedFile file) throws IOException {
        seen.add(file.tempfile());
        return "name=" + file.name() + "\nfilename=" + file.filename() + "\nsize=" + file.size()
                + "\nbytes=" + Files.size(file.tempfile()) + "\nsha=" + sha256(file.tempfile())
                + "\ntype=" + file.contentType() + "\ntempname=" + file.tempfile().getFileName()
                + "\ntempdir=" + file.tempfile().getParent()
                + "\nperms=" + java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file.tempfile())) + "\n";
    }

    private App app() {
        App app = Fixtures.app();
        app.post("/upload", env -> {
            UploadedFile image = env.params().files().get("image");
            if (image == null) return "no file; fields=" + env.params().body().toMap();
            return describe(image) + "fields=" + env.params().body().toMap() + "\n";
        });
        app.post("/multi", env -> {
            StringBuilder out = new StringBuilder();
            for (UploadedFile file : env.params().files().all("images[]")) out.append(describe(file)).append("====\n");
            out.append("last=").append(env.params().files().get("images[]").filename()).append('\n');
            out.append("names=").append(env.params().files().names()).append('\n');
            return out.toString();
        });
        app.post("/headers", env -> {
            UploadedFile file = env.params().files().get("doc");
            seen.add(file.tempfile());
            return file.headers().get("X-Custom") + "|" + file.headers().get("Content-Disposition") + "|"
                    + file.contentType();
        });
        app.post("/throw", env -> {
            seen.add(env.params().files().get("image").tempfile());
            throw new IllegalStateException("the route failed after reading the upload");
        });
        app.post("/halt", env -> {
            seen.add(env.params().files().get("image").tempfile());
            return halt(env, 403, "Forbidden upload");
        });
        app.beforePost("/filtered", env -> {
            seen.add(env.params().files().get("image").tempfile());
            halt(env, 401, "Not logged in");
        });
        app.post("/filtered", env -> "never");
        app.post("/moved", env -> {
            UploadedFile file = env.params().files().get("image");
            Path target = kept.resolve(file.filename());
            Files.move(file.tempfile(), target);
            return "moved " + Files.size(target);
        });
        app.post("/echo", env -> sendFile(env, env.params().files().get("image").tempfile(), "application/octet-stream"));
        app.post("/ignored", env -> "did not look at the body");
        app.post("/twice", env -> {
            UploadedFile first = env.params().files().get("image");
            return String.valueOf(first == env.params().files().get("image") && env.params().body("title") != null);
        });
        return app;
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    private static TestResponse post(TestClient client, String path, Multipart form) {
        return client.request("POST", path, form.headers(), form.build());
    }

    private void assertTempFilesGone() {
        assertNoUploadLeft(tempBefore);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.stream().anyMatch(Files::exists) && System.nanoTime() < deadline) Fixtures.sleep(20);
        assertThat(seen).as("temporary files seen by the routes").noneMatch(Files::exists);
    }

    // ---- files and fields ------------------------------------------------------------------------

    @BothTransports
    void aFileArrivesInATemporaryFileWithItsNameSizeAndHeaders(Transport transport) {
        byte[] png = randomBytes(150_000, 1);
        try (TestClient client = open(transport, app())) {
            TestResponse response = post(client, "/upload", new Multipart()
                    .field("title", "Holiday")
                    .file("image", "photo.png", "image/png", png));
            assertThat(response.status()).isEqualTo(200);
            Map<String, String> facts = parse(response.body());
            assertThat(facts).containsEntry("name", "image").containsEntry("filename", "photo.png")
                    .containsEntry("size", "150000").containsEntry("bytes", "150000")
                    .containsEntry("sha", sha256(png)).containsEntry("type", "image/png")
                    .containsEntry("fields", "{title=[Holiday]}");
            assertThat(facts.get("tempname")).startsWith("kemal-upload-");
            assertThat(facts.get("perms")).as("readable by its owner only").isEqualTo("rw-------");
            assertThat(Path.of(facts.get("tempdir"))).isEqualTo(Fixtures.TEMP_DIR);
        }
        assertTempFilesGone();
    }

    @BothTransports
    void severalFilesUnderImagesBrackets(Transport transport) {
        byte[] a = randomBytes(10_000, 2);
        byte[] b = randomBytes(20_000, 3);
        byte[] c = "third".getBytes(StandardCharsets.US_ASCII);
        try (TestClient client = open(transport, app())) {
            TestResponse response = post(client, "/multi", new Multipart()
                    .file("images[]", "a.jpg", "image/jpeg", a)
                    .field("caption", "three files")
                    .file("images[]", "b.gif", "image/gif", b)
                    .file("images[]", "c.txt", "text/plain", c));
            String[] files = response.body().split("====\n");
            assertThat(files).hasSize(4);
            assertThat(parse(files[0])).containsEntry("filename", "a.jpg").containsEntry("size", "10000")
                    .containsEntry("sha", sha256(a)).containsEntry("type", "image/jpeg");
            assertThat(parse(files[1])).containsEntry("filename", "b.gif").containsEntry("sha", sha256(b));
            assertThat(parse(files[2])).containsEntry("filename", "c.txt").containsEntry("sha", sha256(c));
            assertThat(parse(files[3])).containsEntry("last", "c.txt").containsEntry("names", "[images[]]");
        }
        assertTempFilesGone();
    }

    @Test
    void theLastFileOfARepeatedNameWinsInGetAndAllKeepsEveryOne() {
        App app = Fixtures.app();
        app.post("/same", env -> env.params().files().get("doc").filename() + " of "
                + env.params().files().all("doc").size());
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = post(client, "/same", new Multipart()
                    .file("doc", "first.txt", "text/plain", "1".getBytes())
                    .file("doc", "second.txt", "text/plain", "2".getBytes()));
            assertThat(response.body()).isEqualTo("second.txt of 2");
        }
        assertTempFilesGone();
    }

    @BothTransports
    void ordinaryFieldsOfAMultipartBodyAreInParamsBody(Transport transport) {
        App app = Fixtures.app();
        app.post("/form", env -> env.params().body().toMap() + " files=" + env.params().files().isEmpty()
                + " title=" + env.params().body("title"));
        try (TestClient client = open(transport, app)) {
            TestResponse response = post(client, "/form", new Multipart()
                    .field("title", "Grüße, 世界")
                    .field("tag", "a")
                    .field("tag", "b")
                    .field("empty", "")
                    .field("multiline", "line 1\r\nline 2\r\n--not a boundary"));
            assertThat(response.body()).isEqualTo("{title=[Grüße, 世界], tag=[a, b], empty=[], "
                    + "multiline=[line 1\r\nline 2\r\n--not a boundary]} files=true title=Grüße, 世界");
        }
    }

    @Test
    void aRequestThatIsNotMultipartHasNoFiles() {
        App app = Fixtures.app();
        app.post("/plain", env -> env.params().files().isEmpty() + " " + env.params().files().get("image"));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.postForm("/plain", "image=x").body()).isEqualTo("true null");
            assertThat(client.postJson("/plain", "{\"image\":1}").body()).isEqualTo("true null");
        }
    }

    @Test
    void fileNamesLoseTheirDirectoriesAndMayBeUtf8() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(parse(post(client, "/upload", new Multipart().file("image", "C:\\fakepath\\photo.png",
                    "image/png", new byte[] {1})).body())).containsEntry("filename", "photo.png");
            assertThat(parse(post(client, "/upload", new Multipart().file("image", "../../etc/passwd",
                    "text/plain", new byte[] {1})).body())).containsEntry("filename", "passwd");
            Multipart encoded = new Multipart().part("Content-Disposition: form-data; name=\"image\"; "
                    + "filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\r\n", new byte[] {1});
            assertThat(parse(post(client, "/upload", encoded).body())).containsEntry("filename", "résumé.pdf");
            Multipart raw = new Multipart().part("Content-Disposition: form-data; name=\"image\"; "
                    + "filename=\"日本.txt\"\r\n", new byte[] {1});
            assertThat(parse(post(client, "/upload", raw).body())).containsEntry("filename", "日本.txt");
        }
        assertTempFilesGone();
    }

    @Test
    void anEmptyFileAndAnEmptyFileName() {
        try (TestClient client = TestClient.inProcess(app())) {
            Map<String, String> empty = parse(post(client, "/upload", new Multipart()
                    .file("image", "empty.bin", "application/octet-stream", new byte[0])).body());
            assertThat(empty).containsEntry("size", "0").containsEntry("bytes", "0");
            // What a browser sends when no file was chosen.
            Map<String, String> none = parse(post(client, "/upload", new Multipart()
                    .file("image", "", "application/octet-stream", new byte[0])).body());
            assertThat(none).containsEntry("filename", "").containsEntry("size", "0");
        }
        assertTempFilesGone();
    }

    @BothTransports
    void contentThatLooksLikeABoundaryIsKeptExactly(Transport transport) {
        Multipart form = new Multipart("XyZ");
        // Near misses of the delimiter CRLF--XyZ, which the content itself cannot contain (RFC 2046).
        byte[] tricky = "--XyZ\r\n--Xy\r\n--XyY\r\n-\r\n--\r--XyZ\n--XyZ\r\n\r\n--X".getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[70_000 + tricky.length];
        System.arraycopy(tricky, 0, padded, 65_534, tricky.length); // across the parser's buffer edge
        try (TestClient client = open(transport, app())) {
            Map<String, String> one = parse(post(client, "/upload", new Multipart("XyZ")
                    .file("image", "t.bin", "application/octet-stream", tricky)).body());
            assertThat(one).containsEntry("sha", sha256(tricky));
            Map<String, String> two = parse(post(client, "/upload", form
                    .file("image", "p.bin", "application/octet-stream", padded)).body());
            assertThat(two).containsEntry("sha", sha256(padded)).containsEntry("size", String.valueOf(padded.length));
        }
        assertTempFilesGone();
    }

    @Test
    void aPartsOwnHeadersAreAvailable() {
        try (TestClient client = TestClient.inProcess(app())) {
            Multipart form = new Multipart().part("Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\nX-Custom: custom value\r\n", "hello".getBytes());
            assertThat(post(client, "/headers", form).body()).isEqualTo(
                    "custom value|form-data; name=\"doc\"; filename=\"a.txt\"|text/plain; charset=utf-8");
        }
        assertTempFilesGone();
    }

    @Test
    void theBodyIsParsedOnceForFilesAndFields() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(post(client, "/twice", new Multipart().field("title", "t")
                    .file("image", "x.png", "image/png", new byte[] {1, 2})).body()).isEqualTo("true");
        }
        assertTempFilesGone();
    }

    @BothTransports
    void anUploadCanBeSentBackWithSendFile(Transport transport) {
        byte[] content = randomBytes(200_000, 9);
        try (TestClient client = open(transport, app())) {
            for (int i = 0; i < 3; i++) {
                TestResponse response = post(client, "/echo", new Multipart()
                        .file("image", "x.bin", "application/octet-stream", content));
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyBytes()).isEqualTo(content);
            }
        }
        assertNoUploadLeft(tempBefore);
    }

    // ---- temporary files never outlive the request --------------------------------------------------

    @BothTransports
    void theTemporaryFileIsDeletedWhenTheRouteThrows(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse response = post(client, "/throw", new Multipart().file("image", "x.png", "image/png",
                    randomBytes(50_000, 4)));
            assertThat(response.status()).isEqualTo(500);
        }
        assertThat(seen).hasSize(1);
        assertTempFilesGone();
    }

    @BothTransports
    void theTemporaryFileIsDeletedWhenTheRouteOrAFilterHalts(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse halted = post(client, "/halt", new Multipart().file("image", "x.png", "image/png",
                    randomBytes(50_000, 5)));
            assertThat(halted.status()).isEqualTo(403);
            assertThat(halted.body()).isEqualTo("Forbidden upload");
            TestResponse filtered = post(client, "/filtered", new Multipart().file("image", "x.png", "image/png",
                    randomBytes(50_000, 6)));
            assertThat(filtered.status()).isEqualTo(401);
        }
        assertThat(seen).hasSize(2);
        assertTempFilesGone();
    }

    @Test
    void aTemporaryFileTheRouteMovedAwayIsKept() throws IOException {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = post(client, "/moved", new Multipart().file("image", "keep.png", "image/png",
                    randomBytes(5_000, 7)));
            assertThat(response.body()).isEqualTo("moved 5000");
        }
        assertThat(Files.size(kept.resolve("keep.png"))).isEqualTo(5000);
        assertNoUploadLeft(tempBefore);
    }

    @Test
    void aRouteThatNeverReadsTheBodyCreatesNoTemporaryFile() {
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(post(client, "/ignored", new Multipart().file("image", "x.png", "image/png",
                    randomBytes(50_000, 8))).body()).isEqualTo("did not look at the body");
        }
        assertThat(uploadTempFiles()).isSubsetOf(tempBefore);
    }

    @Test
    void anErrorHandlerSeesTheUploadAndItIsDeletedAfterwards() {
        App app = app();
        app.error(IllegalStateException.class, (Env env, IllegalStateException e) ->
                "error page saw " + env.params().files().get("image").filename());
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = post(client, "/throw", new Multipart().file("image", "seen.png", "image/png",
                    new byte[] {1, 2, 3}));
            assertThat(response.body()).isEqualTo("error page saw seen.png");
        }
        assertTempFilesGone();
    }

    // ---- limits -------------------------------------------------------------------------------

    @BothTransports
    void aBodyOverMaxRequestBodySizeIs413AndLeavesNoFile(Transport transport) {
        App app = app();
        app.config().maxRequestBodySize(100_000L);
        try (TestClient client = open(transport, app)) {
            TestResponse response = post(client, "/upload", new Multipart().file("image", "big.png", "image/png",
                    randomBytes(200_000, 10)));
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).contains("Payload Too Large");
            TestResponse within = post(client, "/upload", new Multipart().file("image", "ok.png", "image/png",
                    randomBytes(90_000, 11)));
            assertThat(within.status()).isEqualTo(200);
        }
        assertTempFilesGone();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WhileItStreams() {
        App app = app();
        app.config().maxRequestBodySize(100_000L);
        byte[] body = new Multipart("B0undary").file("image", "big.bin", "application/octet-stream",
                randomBytes(300_000, 12)).build();
        try (TestClient client = TestClient.overSocket(app)) {
            byte[] head = ("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B0undary\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.writeBytes(head);
            for (int i = 0; i < body.length; i += 8192) {
                int n = Math.min(8192, body.length - i);
                request.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(body, i, n);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Raw.Response response = Raw.parse(sendIgnoringReset(client.port(), request.toByteArray()), false);
            assertThat(response.status()).isEqualTo(413);
        }
        assertTempFilesGone();
    }

    /** Sends a request the server may refuse before reading it all; returns what came back. */
    private static byte[] sendIgnoringReset(int port, byte[] request) {
        try (java.net.Socket socket = Raw.connect(port)) {
            try {
                socket.getOutputStream().write(request);
            } catch (IOException refusedEarly) {
                // the server answered and closed before taking the whole body
            }
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(received);
            } catch (IOException reset) {
                // what arrived before a reset still counts
            }
            return received.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BothTransports
    void aFieldOverMaxMultipartFormFieldSizeIs413ButFilesAreNotLimitedByIt(Transport transport) {
        App app = app();
        app.config().maxMultipartFormFieldSize(100);
        try (TestClient client = open(transport, app)) {
            TestResponse tooLong = post(client, "/upload", new Multipart().field("title", "x".repeat(101))
                    .file("image", "a.png", "image/png", new byte[] {1}));
            assertThat(tooLong.status()).isEqualTo(413);
            assertThat(tooLong.body()).contains("title");
            TestResponse atLimit = post(client, "/upload", new Multipart().field("title", "x".repeat(100))
                    .file("image", "a.png", "image/png", randomBytes(10_000, 13)));
            assertThat(atLimit.status()).isEqualTo(200);
            assertThat(parse(atLimit.body())).containsEntry("size", "10000");
            TestResponse afterFile = post(client, "/upload", new Multipart()
                    .file("image", "a.png", "image/png", randomBytes(10_000, 14)).field("title", "y".repeat(500)));
            assertThat(afterFile.status()).isEqualTo(413);
        }
        assertTempFilesGone();
    }

    // ---- malformed bodies ---------------------------------------------------------------------

    private TestResponse postRaw(TestClient client, String contentType, String body) {
        return client.request("POST", "/upload", Map.of("Content-Type", contentType),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @BothTransports
    void malformedBodiesAre400WithAReasonAndLeaveNoFile(Transport transport) {
        String file = "Content-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n" + "x".repeat(20_000);
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("no boundary", new String[] {"multipart/form-data", "--B\r\n" + file + "\r\n--B--\r\n", "boundary"});
        cases.put("empty boundary", new String[] {"multipart/form-data; boundary=", "--\r\n\r\n", "boundary"});
        cases.put("boundary too long", new String[] {"multipart/form-data; boundary=" + "b".repeat(71),
                "--" + "b".repeat(71) + "\r\n" + file + "\r\n--" + "b".repeat(71) + "--\r\n", "boundary"});
        cases.put("another boundary", new String[] {"multipart/form-data; boundary=B",
                "--C\r\n" + file + "\r\n--C--\r\n", "boundary"});
        cases.put("empty body", new String[] {"multipart/form-data; boundary=B", "", "boundary"});
        cases.put("truncated file", new String[] {"multipart/form-data; boundary=B", "--B\r\n" + file, "truncated"});
        cases.put("no closing delimiter", new String[] {"multipart/form-data; boundary=B",
                "--B\r\n" + file + "\r\n--B\r\n", "truncated"});
        cases.put("truncated headers", new String[] {"multipart/form-data; boundary=B",
                "--B\r\nContent-Disposition: form-data; name=\"image\"", "truncated"});
        cases.put("no part headers", new String[] {"multipart/form-data; boundary=B",
                "--B\r\n\r\ncontent\r\n--B--\r\n", "Content-Disposition"});
        cases.put("not form-data", new String[] {"multipart/form-data; boundary=B",
                "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--\r\n", "Content-Disposition"});
        cases.put("no name", new String[] {"multipart/form-data; boundary=B",
                "--B\r\nContent-Disposition: form-data; filename=\"a.png\"\r\n\r\nx\r\n--B--\r\n", "name"});
        cases.put("header without colon", new String[] {"multipart/form-data; boundary=B",
                "--B\r\nContent-Disposition form-data\r\n\r\nx\r\n--B--\r\n", "header"});
        cases.put("unterminated quote", new String[] {"multipart/form-data; boundary=B",
                "--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--B--\r\n", "quoted"});
        cases.put("garbage after boundary", new String[] {"multipart/form-data; boundary=B",
                "--Bxyz\r\n" + file + "\r\n--B--\r\n", "boundary"});
        try (TestClient client = open(transport, app())) {
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                String[] spec = c.getValue();
                TestResponse response = postRaw(client, spec[0], spec[1]);
                assertThat(response.status()).as(c.getKey()).isEqualTo(400);
                assertThat(response.body()).as(c.getKey()).startsWith("Bad Request").containsIgnoringCase(spec[2]);
            }
        }
        assertTempFilesGone();
    }

    @Test
    void aFailedBodyFailsTheSameWayWhenReadAgain() {
        App app = app();
        app.config().maxMultipartFormFieldSize(10);
        app.post("/retry", env -> {
            String first;
            try {
                env.params().files();
                first = "parsed";
            } catch (kemal.HttpException e) {
                first = e.status() + " " + e.getMessage();
            }
            try {
                return first + " | then " + env.params().body().toMap();
            } catch (kemal.HttpException e) {
                return first + " | again " + e.status() + " " + e.getMessage();
            }
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = post(client, "/retry", new Multipart()
                    .field("comment", "far more than ten bytes")
                    .field("after", "would be parsed alone")
                    .file("image", "a.png", "image/png", new byte[] {1}));
            String first = response.body().substring(0, response.body().indexOf(" | "));
            assertThat(first).startsWith("413 Payload Too Large");
            assertThat(response.body()).isEqualTo(first + " | again " + first);
        }
        assertTempFilesGone();
    }

    @Test
    void boundaryAndHeaderVariantsThatAreValid() {
        try (TestClient client = TestClient.inProcess(app())) {
            // A quoted boundary with spaces, an upper-case media type, a preamble and an epilogue,
            // an unquoted name, and whitespace after the boundary line.
            String body = "This is the preamble.\r\n--my boundary  \r\nContent-Disposition: form-data; name=image; "
                    + "filename=\"p.txt\"\r\n\r\nplain\r\n--my boundary\r\ncontent-disposition: FORM-DATA; name=\"title\""
                    + "\r\n\r\nT\r\n--my boundary--\r\nThis is the epilogue.\r\n";
            TestResponse response = postRaw(client, "Multipart/Form-Data; charset=utf-8; boundary=\"my boundary\"", body);
            assertThat(response.status()).isEqualTo(200);
            assertThat(parse(response.body())).containsEntry("filename", "p.txt").containsEntry("size", "5")
                    .containsEntry("fields", "{title=[T]}");
        }
        assertTempFilesGone();
    }

    @Test
    void tooManyPartsIs400() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            body.append("--B\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        body.append("--B--\r\n");
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = postRaw(client, "multipart/form-data; boundary=B", body.toString());
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("too many parts");
        }
    }

    @Test
    void aClientThatDisconnectsMidUploadLeavesNoFile() throws Exception {
        App app = app();
        app.config().maxRequestBodySize(64L << 20);
        try (TestClient client = TestClient.overSocket(app)) {
            for (int round = 0; round < 3; round++) {
                try (java.net.Socket socket = Raw.connect(client.port())) {
                    String part = "--B\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.bin\"\r\n\r\n";
                    socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                            + "boundary=B\r\nContent-Length: " + (10 << 20) + "\r\n\r\n" + part)
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = randomBytes(64 * 1024, round);
                    for (int i = 0; i < 32; i++) socket.getOutputStream().write(chunk); // 2 MB of 10
                    socket.getOutputStream().flush();
                    awaitGrowingUpload(1 << 20);
                }
                // Closed mid-body: the request fails, and its temporary file goes with it.
                assertNoUploadLeft(tempBefore);
            }
            assertThat(post(client, "/upload", new Multipart().file("image", "ok.png", "image/png", new byte[] {1}))
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatStallsMidUploadIsClosedAfterTheIdleTimeoutAndLeavesNoFile() throws Exception {
        App app = app();
        app.config().idleTimeout(java.time.Duration.ofMillis(500));
        try (TestClient client = TestClient.overSocket(app); java.net.Socket socket = Raw.connect(client.port())) {
            String part = "--B\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.bin\"\r\n\r\n";
            socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; "
                    + "boundary=B\r\nContent-Length: " + (4 << 20) + "\r\n\r\n" + part).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(randomBytes(1 << 20, 15));
            socket.getOutputStream().flush();
            awaitGrowingUpload(512 * 1024);
            // The client sends nothing more and keeps the connection open.
            assertNoUploadLeft(tempBefore);
            // The server closed the connection (with or without an answer).
            byte[] rest = socket.getInputStream().readAllBytes();
            if (rest.length > 0) assertThat(Raw.parse(rest, false).status()).isIn(400, 408);
        }
    }

    @Test
    void aBrokenChunkedUploadIs400AndLeavesNoFile() {
        try (TestClient client = TestClient.overSocket(app())) {
            byte[] body = new Multipart("B").file("image", "a.bin", "application/octet-stream", randomBytes(100_000, 16))
                    .build();
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.writeBytes(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(60_000) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.write(body, 0, 60_000);
            request.writeBytes("\r\nnot-hex\r\n".getBytes(StandardCharsets.US_ASCII));
            Raw.Response response = Raw.parse(sendIgnoringReset(client.port(), request.toByteArray()), false);
            assertThat(response.status()).isEqualTo(400);
        }
        assertNoUploadLeft(tempBefore);
    }

    /** Waits until a new upload temp file holds at least {@code bytes}: the upload streams to disk. */
    private void awaitGrowingUpload(long bytes) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Path file : uploadTempFiles()) {
                if (!tempBefore.contains(file) && Files.exists(file) && sizeOrZero(file) >= bytes) return;
            }
            Fixtures.sleep(20);
        }
        throw new AssertionError("No upload temp file reached " + bytes + " bytes");
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }
}
