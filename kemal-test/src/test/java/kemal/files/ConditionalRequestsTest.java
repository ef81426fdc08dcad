package kemal.files;

import static kemal.files.Fixtures.open;
import static kemal.files.Fixtures.touch;
import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import kemal.App;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETag and Last-Modified on static files, and the 304 answers to If-None-Match and If-Modified-Since. */
class ConditionalRequestsTest {
    private static final long MTIME = 1_700_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    @TempDir
    Path root;
    Path pub;

    @BeforeEach
    void publicFolder() {
        pub = root.resolve("public");
        touch(write(pub.resolve("page.html"), "<p>page</p>"), MTIME);
        touch(write(pub.resolve("app.js"), Fixtures.text(4000)), MTIME);
    }

    private static String date(long epochSecond) {
        return HTTP_DATE.format(Instant.ofEpochSecond(epochSecond));
    }

    @BothTransports
    void filesCarryAnEtagAndTheirModificationTime(Transport transport) {
        try (TestClient client = open(transport, Fixtures.app(pub))) {
            TestResponse response = client.get("/page.html");
            assertThat(response.header("Last-Modified")).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
            assertThat(response.header("ETag")).matches("W/\"[^\"]+\"");
            assertThat(client.get("/page.html").header("ETag")).isEqualTo(response.header("ETag"));
        }
    }

    @BothTransports
    void ifNoneMatchWithTheEtagIsNotModifiedWithoutABody(Transport transport) {
        try (TestClient client = open(transport, Fixtures.app(pub))) {
            String etag = client.get("/page.html").header("ETag");
            TestResponse response = client.get("/page.html", Map.of("If-None-Match", etag));
            assertThat(response.status()).isEqualTo(304);
            assertThat(response.bodyBytes()).isEmpty();
            assertThat(response.header("ETag")).isEqualTo(etag);
            assertThat(response.header("Last-Modified")).isEqualTo(date(MTIME));
            assertThat(response.header("Content-Length")).isNull();
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(client.head("/page.html", Map.of("If-None-Match", etag)).status()).isEqualTo(304);
        }
    }

    @Test
    void ifNoneMatchAcceptsListsTheWildcardAndTheStrongFormOfTheTag() {
        try (TestClient client = TestClient.inProcess(Fixtures.app(pub))) {
            String etag = client.get("/page.html").header("ETag");
            String opaque = etag.substring(2);
            assertThat(client.get("/page.html", Map.of("If-None-Match", "*")).status()).isEqualTo(304);
            assertThat(client.get("/page.html", Map.of("If-None-Match", "\"other\", " + etag)).status()).isEqualTo(304);
            // Weak comparison (RFC 9110 §13.1.2): W/"x" and "x" match.
            assertThat(client.get("/page.html", Map.of("If-None-Match", opaque)).status()).isEqualTo(304);
            assertThat(client.get("/page.html", Map.of("If-None-Match", "\"other\"")).status()).isEqualTo(200);
            assertThat(client.get("/page.html", Map.of("If-None-Match", "W/\"other\"")).body()).isEqualTo("<p>page</p>");
        }
    }

    @BothTransports
    void ifModifiedSinceAtOrAfterTheModificationIsNotModified(Transport transport) {
        try (TestClient client = open(transport, Fixtures.app(pub))) {
            assertThat(client.get("/page.html", Map.of("If-Modified-Since", date(MTIME))).status()).isEqualTo(304);
            assertThat(client.get("/page.html", Map.of("If-Modified-Since", date(MTIME + 3600))).status()).isEqualTo(304);
            TestResponse older = client.get("/page.html", Map.of("If-Modified-Since", date(MTIME - 1)));
            assertThat(older.status()).isEqualTo(200);
            assertThat(older.body()).isEqualTo("<p>page</p>");
        }
    }

    @Test
    void aSubSecondModificationTimeStillMatchesItsHttpDate() {
        touch(pub.resolve("page.html"), MTIME); // whole seconds...
        try {
            java.nio.file.Files.setLastModifiedTime(pub.resolve("page.html"),
                    java.nio.file.attribute.FileTime.from(Instant.ofEpochSecond(MTIME, 750_000_000)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (TestClient client = TestClient.inProcess(Fixtures.app(pub))) {
            String lastModified = client.get("/page.html").header("Last-Modified");
            assertThat(lastModified).isEqualTo(date(MTIME));
            // A client echoing the date it was given must get a 304.
            assertThat(client.get("/page.html", Map.of("If-Modified-Since", lastModified)).status()).isEqualTo(304);
        }
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() {
        try (TestClient client = TestClient.inProcess(Fixtures.app(pub))) {
            TestResponse response = client.get("/page.html",
                    Map.of("If-None-Match", "\"stale\"", "If-Modified-Since", date(MTIME + 10)));
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void anInvalidDateIsIgnored() {
        try (TestClient client = TestClient.inProcess(Fixtures.app(pub))) {
            assertThat(client.get("/page.html", Map.of("If-Modified-Since", "yesterday")).status()).isEqualTo(200);
            assertThat(client.get("/page.html", Map.of("If-Modified-Since", "")).status()).isEqualTo(200);
        }
    }

    @Test
    void aChangedFileGetsANewEtagAndTheOldOneNoLongerMatches() {
        try (TestClient client = TestClient.inProcess(Fixtures.app(pub))) {
            String before = client.get("/page.html").header("ETag");
            touch(write(pub.resolve("page.html"), "<p>new page</p>"), MTIME + 60);
            TestResponse after = client.get("/page.html", Map.of("If-None-Match", before));
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.body()).isEqualTo("<p>new page</p>");
            assertThat(after.header("ETag")).isNotEqualTo(before);
            assertThat(client.get("/page.html", Map.of("If-Modified-Since", date(MTIME))).status()).isEqualTo(200);
        }
    }

    @Test
    void notModifiedCarriesVaryForACompressibleFile() {
        try (TestClient client = TestClient.inProcess(Fixtures.app(pub))) {
            TestResponse full = client.get("/app.js", Map.of("Accept-Encoding", "gzip"));
            assertThat(full.header("Vary")).isEqualTo("Accept-Encoding");
            TestResponse notModified = client.get("/app.js",
                    Map.of("Accept-Encoding", "gzip", "If-None-Match", full.header("ETag")));
            assertThat(notModified.status()).isEqualTo(304);
            // RFC 9110 §15.4.5: a 304 carries the Vary the 200 would have had.
            assertThat(notModified.header("Vary")).isEqualTo("Accept-Encoding");
        }
    }

    @BothTransports
    void aPrecompressedVariantRevalidatesWithItsOwnEtag(Transport transport) {
        touch(write(pub.resolve("app.js.gz"), Fixtures.gzip(Fixtures.text(4000).getBytes())), MTIME + 1);
        App app = Fixtures.app(pub);
        try (TestClient client = open(transport, app)) {
            TestResponse gzipped = client.get("/app.js", Map.of("Accept-Encoding", "gzip"));
            assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
            String etag = gzipped.header("ETag");
            TestResponse again = client.get("/app.js", Map.of("Accept-Encoding", "gzip", "If-None-Match", etag));
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.bodyBytes()).isEmpty();
            assertThat(again.header("ETag")).isEqualTo(etag);
            // The identity representation has another tag: the gzip tag does not validate it.
            TestResponse identity = client.get("/app.js", Map.of("If-None-Match", etag));
            assertThat(identity.status()).isEqualTo(200);
            assertThat(identity.header("Content-Encoding")).isNull();
            assertThat(identity.header("ETag")).isNotEqualTo(etag);
        }
    }
}
