package guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import kemal.Mime;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * shared/guide-app.md, "Static files": {@code examples/guide/public} served as-is with the
 * guide's {@code static_headers}. The expected bytes are read from the module's own
 * {@code public} folder (the tests run in {@code examples/guide}).
 */
class StaticFilesSectionTest extends GuideAppTestBase {
    private static final Path PUBLIC = Path.of("public");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/index.html,        text/html",
        "/js/app.js,         text/javascript",
        "/js/page.js,        text/javascript",
        "/css/app.css,       text/css",
        "/images/kemal.jpg,  image/jpeg",
        "/big.txt,           text/plain",
    })
    void servesTheFileAsIs(String path, String type, TestClient client) throws IOException {
        TestResponse response = client.get(path);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyBytes()).isEqualTo(publicFile(path));
        assertThat(mediaType(response)).isIn(type, type.equals("text/javascript") ? "application/javascript" : type);
        assertThat(response.header("Content-Encoding")).isNull();
    }

    @Test
    void otherFilesGetTheTypeOfTheMimeDatabase(TestClient client) throws IOException {
        // .exe is application/octet-stream in Kemal's table, but the OS database (/etc/mime.types)
        // may say otherwise (application/x-msdos-program on Debian), and wins, as in Kemal.
        TestResponse response = client.get("/files/data.exe");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyBytes()).isEqualTo(publicFile("/files/data.exe"));
        assertThat(mediaType(response)).isEqualTo(Mime.forName("data.exe")).isNotEqualTo("image/jpeg");
    }

    @Test
    void bigTextFileIsOverOneHundredKilobytes() throws IOException {
        assertThat(Files.size(PUBLIC.resolve("big.txt"))).isGreaterThan(100 * 1024);
    }

    @Test
    void htmlFilesGetTheCorsHeader(TestClient client) {
        assertThat(client.get("/index.html").header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(client.get("/js/app.js").header("Access-Control-Allow-Origin")).isNull();
        assertThat(client.get("/css/app.css").header("Access-Control-Allow-Origin")).isNull();
        assertThat(client.get("/images/kemal.jpg").header("Access-Control-Allow-Origin")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"/index.html", "/js/app.js", "/css/app.css", "/images/kemal.jpg", "/big.txt", "/files/hello.cr"})
    void everyStaticFileGetsItsSize(String path, TestClient client) throws IOException {
        assertThat(client.get(path).header("Content-Size"))
                .isEqualTo(String.valueOf(Files.size(PUBLIC.resolve(path.substring(1)))));
    }

    @Test
    void staticFilesAreServedBeforeCustomHandlers(TestClient client) {
        // The middleware section's X-Custom marks dynamic responses only, as in Kemal.
        TestResponse response = client.get("/index.html");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Custom")).isNull();
    }

    @Test
    void headAnswersWithTheLengthAndNoBody(TestClient client) throws IOException {
        TestResponse response = client.head("/big.txt");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyBytes()).isEmpty();
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(Files.size(PUBLIC.resolve("big.txt"))));
        assertThat(mediaType(response)).isEqualTo("text/plain");
        assertThat(response.header("Content-Size")).isEqualTo(String.valueOf(Files.size(PUBLIC.resolve("big.txt"))));
    }

    @Test
    void matchingIfNoneMatchIsNotModified(TestClient client) {
        TestResponse first = client.get("/css/app.css");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();

        TestResponse again = client.get("/css/app.css", Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.bodyBytes()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);

        TestResponse changed = client.get("/css/app.css", Map.of("If-None-Match", "W/\"something-else\""));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(first.body());
    }

    @Test
    void rangeOfTheBigFile(TestClient client) throws IOException {
        byte[] file = publicFile("/big.txt");

        TestResponse response = client.get("/big.txt", Map.of("Range", "bytes=100-199"));

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.header("Content-Range")).isEqualTo("bytes 100-199/" + file.length);
        assertThat(response.header("Content-Length")).isEqualTo("100");
        assertThat(response.bodyBytes()).isEqualTo(Arrays.copyOfRange(file, 100, 200));
    }

    @Test
    void suffixRangeOfTheBigFile(TestClient client) throws IOException {
        byte[] file = publicFile("/big.txt");

        TestResponse response = client.get("/big.txt", Map.of("Range", "bytes=-61"));

        assertThat(response.status()).isEqualTo(206);
        assertThat(response.header("Content-Range"))
                .isEqualTo("bytes " + (file.length - 61) + "-" + (file.length - 1) + "/" + file.length);
        assertThat(response.body()).isEqualTo("Line 2000: Kemal is a fast, effective, simple web framework.\n");
    }

    @Test
    void textIsGzippedWhenTheClientAcceptsIt(TestClient client) throws IOException {
        byte[] file = publicFile("/big.txt");

        TestResponse response = client.get("/big.txt", Map.of("Accept-Encoding", "gzip"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(response.headers("Vary")).anySatisfy(vary -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
        assertThat(response.bodyBytes().length).isLessThan(file.length);
        assertThat(gunzip(response.bodyBytes())).isEqualTo(file);
    }

    @Test
    void imagesAreNotGzipped(TestClient client) throws IOException {
        TestResponse response = client.get("/images/kemal.jpg", Map.of("Accept-Encoding", "gzip"));

        assertThat(response.header("Content-Encoding")).isNull();
        assertThat(response.bodyBytes()).isEqualTo(publicFile("/images/kemal.jpg"));
    }

    @Test
    void noDirectoryListing(TestClient client) {
        TestResponse response = client.get("/js/");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("This is a customized 404 page.");
    }

    @Test
    void registeredTypeAppliesToStaticFilesToo(TestClient client) throws IOException {
        // Mime.register(".cr", ...) in the helpers section is for the whole process, as MIME.register.
        TestResponse response = client.get("/files/hello.cr");

        assertThat(mediaType(response)).isEqualTo("text/crystal");
        assertThat(response.bodyBytes()).isEqualTo(publicFile("/files/hello.cr"));
    }

    static byte[] publicFile(String path) throws IOException {
        return Files.readAllBytes(PUBLIC.resolve(path.substring(1)));
    }

    /** The media type without parameters: {@code text/html; charset=utf-8} is {@code text/html}. */
    static String mediaType(TestResponse response) {
        String type = response.contentType();
        if (type == null) return null;
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
