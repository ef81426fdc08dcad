package kemal.files;

import static kemal.Kemal.sendFile;
import static kemal.files.Fixtures.open;
import static kemal.files.Fixtures.randomBytes;
import static kemal.files.Fixtures.touch;
import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kemal.App;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Byte ranges (RFC 9110 §14) on static files and {@code sendFile}: 206 with Content-Range,
 * multipart/byteranges for several ranges, 416 when nothing is satisfiable, and the cases where
 * the header is ignored.
 */
class RangeRequestsTest {
    private static final int SIZE = 1000;
    private static final long MTIME = 1_700_000_000L;

    @TempDir
    Path root;
    Path pub;
    byte[] content;

    @BeforeEach
    void publicFolder() {
        pub = root.resolve("public");
        content = randomBytes(SIZE, 42);
        touch(write(pub.resolve("data.bin"), content), MTIME);
        touch(write(pub.resolve("page.txt"), Fixtures.text(5000)), MTIME);
        write(pub.resolve("empty.bin"), new byte[0]);
    }

    private App app() {
        App app = Fixtures.app(pub);
        app.get("/send", env -> sendFile(env, pub.resolve("data.bin")));
        return app;
    }

    private byte[] slice(int first, int last) {
        return Arrays.copyOfRange(content, first, last + 1);
    }

    private static Map<String, String> range(String value) {
        return Map.of("Range", value);
    }

    @BothTransports
    void bytesZeroToZeroIsTheFirstByte(Transport transport) {
        try (TestClient client = open(transport, app())) {
            for (String path : List.of("/data.bin", "/send")) {
                TestResponse response = client.get(path, range("bytes=0-0"));
                assertThat(response.status()).as(path).isEqualTo(206);
                assertThat(response.header("Content-Range")).isEqualTo("bytes 0-0/1000");
                assertThat(response.header("Content-Length")).isEqualTo("1");
                assertThat(response.bodyBytes()).isEqualTo(slice(0, 0));
                assertThat(response.contentType()).isEqualTo("application/octet-stream");
                assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
            }
        }
    }

    @BothTransports
    void singleRangesOfEveryForm(Transport transport) {
        try (TestClient client = open(transport, app())) {
            for (String path : List.of("/data.bin", "/send")) {
                expectRange(client.get(path, range("bytes=100-199")), 100, 199);
                expectRange(client.get(path, range("bytes=900-")), 900, 999);
                expectRange(client.get(path, range("bytes=-100")), 900, 999);
                expectRange(client.get(path, range("bytes=990-5000")), 990, 999); // clamped
                expectRange(client.get(path, range("bytes=-5000")), 0, 999); // suffix longer than the file
                expectRange(client.get(path, range("bytes=999-999")), 999, 999);
                expectRange(client.get(path, range("Bytes = 10 - 19")), 10, 19);
            }
        }
    }

    private void expectRange(TestResponse response, int first, int last) {
        assertThat(response.status()).isEqualTo(206);
        assertThat(response.header("Content-Range")).isEqualTo("bytes " + first + "-" + last + "/" + SIZE);
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(last - first + 1));
        assertThat(response.bodyBytes()).isEqualTo(slice(first, last));
    }

    @BothTransports
    void severalRangesAreAMultipartByterangesBodyWithTheFilesType(Transport transport) {
        try (TestClient client = open(transport, app())) {
            for (String path : List.of("/data.bin", "/send")) {
                TestResponse response = client.get(path, range("bytes=0-9, 20-29,-5"));
                assertThat(response.status()).isEqualTo(206);
                assertThat(response.header("Content-Range")).isNull();
                String type = response.contentType();
                assertThat(type).startsWith("multipart/byteranges; boundary=");
                String boundary = type.substring(type.indexOf("boundary=") + 9);
                assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.bodyBytes().length));
                List<Part> parts = parseByteranges(response.bodyBytes(), boundary);
                assertThat(parts).hasSize(3);
                assertThat(parts.get(0).contentRange()).isEqualTo("bytes 0-9/1000");
                assertThat(parts.get(0).body()).isEqualTo(slice(0, 9));
                assertThat(parts.get(1).contentRange()).isEqualTo("bytes 20-29/1000");
                assertThat(parts.get(1).body()).isEqualTo(slice(20, 29));
                assertThat(parts.get(2).contentRange()).isEqualTo("bytes 995-999/1000");
                assertThat(parts.get(2).body()).isEqualTo(slice(995, 999));
                for (Part part : parts) assertThat(part.contentType()).isEqualTo("application/octet-stream");
            }
        }
    }

    @Test
    void multipartPartsOfATextFileCarryTextPlainAndAreNotCompressed() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/page.txt", Map.of("Range", "bytes=0-99,4000-4099",
                    "Accept-Encoding", "gzip"));
            assertThat(response.status()).isEqualTo(206);
            assertThat(response.header("Content-Encoding")).isNull();
            String type = response.contentType();
            List<Part> parts = parseByteranges(response.bodyBytes(), type.substring(type.indexOf("boundary=") + 9));
            byte[] text = Fixtures.text(5000).getBytes(StandardCharsets.US_ASCII);
            assertThat(parts).extracting(Part::contentType).containsExactly("text/plain", "text/plain");
            assertThat(parts.get(0).body()).isEqualTo(Arrays.copyOfRange(text, 0, 100));
            assertThat(parts.get(1).body()).isEqualTo(Arrays.copyOfRange(text, 4000, 4100));
        }
    }

    @Test
    void aSingleRangeOfACompressibleFileIsSentUncompressed() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/page.txt", Map.of("Range", "bytes=1000-2999", "Accept-Encoding", "gzip"));
            assertThat(response.status()).isEqualTo(206);
            assertThat(response.header("Content-Encoding")).isNull();
            assertThat(response.body()).isEqualTo(Fixtures.text(5000).substring(1000, 3000));
        }
    }

    @Test
    void moreThanMaxRangesPartsIsIgnored() {
        StringBuilder sixteen = new StringBuilder("bytes=");
        for (int i = 0; i < 16; i++) sixteen.append(i == 0 ? "" : ",").append(i * 10).append('-').append(i * 10 + 4);
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse atLimit = client.get("/data.bin", range(sixteen.toString()));
            assertThat(atLimit.status()).isEqualTo(206);
            String type = atLimit.contentType();
            assertThat(parseByteranges(atLimit.bodyBytes(), type.substring(type.indexOf("boundary=") + 9))).hasSize(16);
            TestResponse over = client.get("/data.bin", range(sixteen + ",500-509"));
            assertThat(over.status()).isEqualTo(200);
            assertThat(over.bodyBytes()).isEqualTo(content);
            assertThat(over.header("Content-Range")).isNull();
        }
    }

    @Test
    void aLowerMaxRangesIsHonoured() {
        App app = app();
        app.config().maxRanges(2);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/data.bin", range("bytes=0-1,5-6")).status()).isEqualTo(206);
            assertThat(client.get("/data.bin", range("bytes=0-1,5-6,9-10")).status()).isEqualTo(200);
        }
    }

    @Test
    void rangesSummingPastTheFileSizeAreIgnored() {
        try (TestClient client = TestClient.inProcess(app())) {
            for (String header : List.of("bytes=0-999,0-999", "bytes=0-,0-", "bytes=0-600,500-999", "bytes=-600,-600")) {
                TestResponse response = client.get("/data.bin", range(header));
                assertThat(response.status()).as(header).isEqualTo(200);
                assertThat(response.bodyBytes()).as(header).isEqualTo(content);
            }
            // Overlapping, but within the size: served as asked.
            assertThat(client.get("/data.bin", range("bytes=0-99,50-149")).status()).isEqualTo(206);
        }
    }

    @BothTransports
    void anUnsatisfiableRangeIs416WithTheSize(Transport transport) {
        try (TestClient client = open(transport, app())) {
            for (String path : List.of("/data.bin", "/send")) {
                for (String header : List.of("bytes=1000-1001", "bytes=5000-", "bytes=1000-", "bytes=-0",
                        "bytes=2000-3000,4000-")) {
                    TestResponse response = client.get(path, range(header));
                    assertThat(response.status()).as(path + " " + header).isEqualTo(416);
                    assertThat(response.header("Content-Range")).isEqualTo("bytes */1000");
                    assertThat(response.bodyBytes()).isEmpty();
                }
            }
        }
    }

    @Test
    void onlyTheSatisfiablePartsOfAMixedHeaderAreSent() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/data.bin", range("bytes=5000-6000,10-19"));
            assertThat(response.status()).isEqualTo(206);
            assertThat(response.header("Content-Range")).isEqualTo("bytes 10-19/1000");
            assertThat(response.bodyBytes()).isEqualTo(slice(10, 19));
        }
    }

    @Test
    void anEmptyFileSatisfiesNoRange() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/empty.bin", range("bytes=0-"));
            assertThat(response.status()).isEqualTo(416);
            assertThat(response.header("Content-Range")).isEqualTo("bytes */0");
            assertThat(client.get("/empty.bin").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=abc", "items=0-1", "bytes=5-3", "bytes=", "bytes=1-2-3", "bytes 0-1", "bytes=--1",
            "bytes=0x10-20", "bytes=99999999999999999999-", "bytes=,", "bytes=+1-2"})
    void anInvalidRangeHeaderIsIgnored(String header) {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/data.bin", range(header));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyBytes()).isEqualTo(content);
        }
    }

    @Test
    void maxRangesZeroSaysAcceptRangesNoneAndIgnoresRanges() {
        App app = app();
        app.config().maxRanges(0);
        try (TestClient client = TestClient.inProcess(app)) {
            for (String path : List.of("/data.bin", "/send")) {
                TestResponse response = client.get(path, range("bytes=0-9"));
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Accept-Ranges")).isEqualTo("none");
                assertThat(response.bodyBytes()).isEqualTo(content);
            }
        }
    }

    @BothTransports
    void headIgnoresRanges(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse response = client.head("/data.bin", range("bytes=0-9"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo("1000");
            assertThat(response.bodyBytes()).isEmpty();
        }
    }

    // ---- If-Range ------------------------------------------------------------------------------

    @Test
    void ifRangeWithTheCurrentEtagGivesTheRangeAndAStaleOneTheWholeFile() {
        try (TestClient client = TestClient.inProcess(app())) {
            String etag = client.get("/data.bin").header("ETag");
            TestResponse current = client.get("/data.bin", Map.of("Range", "bytes=0-9", "If-Range", etag));
            assertThat(current.status()).isEqualTo(206);
            assertThat(current.bodyBytes()).isEqualTo(slice(0, 9));
            TestResponse stale = client.get("/data.bin", Map.of("Range", "bytes=0-9", "If-Range", "W/\"stale\""));
            assertThat(stale.status()).isEqualTo(200);
            assertThat(stale.bodyBytes()).isEqualTo(content);
        }
    }

    @Test
    void ifRangeWithTheLastModifiedDateGivesTheRangeAndAnotherDateTheWholeFile() {
        String lastModified = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                .withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(MTIME));
        String older = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                .withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(MTIME - 60));
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.get("/data.bin").header("Last-Modified")).isEqualTo(lastModified);
            for (String path : List.of("/data.bin", "/send")) {
                TestResponse current = client.get(path, Map.of("Range", "bytes=0-9", "If-Range", lastModified));
                assertThat(current.status()).as(path).isEqualTo(206);
                assertThat(current.bodyBytes()).isEqualTo(slice(0, 9));
                TestResponse changed = client.get(path, Map.of("Range", "bytes=0-9", "If-Range", older));
                assertThat(changed.status()).as(path).isEqualTo(200);
                assertThat(changed.bodyBytes()).isEqualTo(content);
            }
        }
    }

    // ---- multipart/byteranges parsing ------------------------------------------------------------

    record Part(String contentType, String contentRange, byte[] body) {}

    /** Parses a multipart/byteranges body strictly (RFC 9110 §14.6, RFC 2046 §5.1.1). */
    static List<Part> parseByteranges(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int pos = Raw.indexOf(body, delimiter, 0);
        assertThat(pos).as("first boundary").isGreaterThanOrEqualTo(0);
        while (true) {
            pos += delimiter.length;
            if (body[pos] == '-' && body[pos + 1] == '-') {
                assertThat(new String(body, pos, body.length - pos, StandardCharsets.US_ASCII)).isEqualTo("--\r\n");
                return parts;
            }
            assertThat(new String(body, pos, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
            pos += 2;
            int headEnd = Raw.indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos);
            String head = new String(body, pos, headEnd - pos, StandardCharsets.US_ASCII);
            String type = null;
            String contentRange = null;
            for (String line : head.split("\r\n")) {
                String name = line.substring(0, line.indexOf(':')).trim();
                String value = line.substring(line.indexOf(':') + 1).trim();
                if (name.equalsIgnoreCase("Content-Type")) type = value;
                if (name.equalsIgnoreCase("Content-Range")) contentRange = value;
            }
            Matcher m = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)").matcher(contentRange);
            assertThat(m.matches()).as(contentRange).isTrue();
            int length = Integer.parseInt(m.group(2)) - Integer.parseInt(m.group(1)) + 1;
            int start = headEnd + 4;
            parts.add(new Part(type, contentRange, Arrays.copyOfRange(body, start, start + length)));
            pos = start + length;
            assertThat(new String(body, pos, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
            pos += 2;
            assertThat(Raw.indexOf(body, delimiter, pos)).isEqualTo(pos);
        }
    }
}
