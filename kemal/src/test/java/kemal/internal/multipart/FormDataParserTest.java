package kemal.internal.multipart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kemal.HttpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormDataParserTest {
    private static final String B = "----kemalBoundary7MA4YWxk";

    @TempDir
    Path tmp;

    private final List<Path> created = new ArrayList<>();

    private FormDataParser.Result parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE, 1 << 20);
    }

    private FormDataParser.Result parse(byte[] body, int chunk, long maxField) {
        InputStream in = new ChunkedStream(body, chunk);
        return new FormDataParser(maxField, tmp, created::add).parse(in, B);
    }

    private static String part(String disposition, String content) {
        return "--" + B + "\r\nContent-Disposition: " + disposition + "\r\n\r\n" + content + "\r\n";
    }

    private static String end() {
        return "--" + B + "--\r\n";
    }

    @Test
    void fieldsAndFiles() throws IOException {
        String body = part("form-data; name=\"title\"", "Hello")
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"kemal.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\nJPEGDATA\r\n"
                + part("form-data; name=\"title\"", "Again")
                + end();
        FormDataParser.Result result = parse(body);
        assertThat(result.fields()).containsEntry("title", List.of("Hello", "Again"));
        assertThat(result.files()).hasSize(1);
        FormDataParser.FilePart file = result.files().get(0);
        assertThat(file.name()).isEqualTo("image");
        assertThat(file.filename()).isEqualTo("kemal.jpg");
        assertThat(file.size()).isEqualTo(8);
        assertThat(file.headers().get("Content-Type")).isEqualTo("image/jpeg");
        assertThat(Files.readString(file.tempfile())).isEqualTo("JPEGDATA");
        assertThat(created).containsExactly(file.tempfile());
    }

    @Test
    void contentMayHoldLineBreaksAndBoundaryLookalikes() throws IOException {
        // Line breaks, a partial boundary, and the boundary without its leading CRLF are all content.
        String content = "line1\r\nline2\r\n--" + B.substring(0, 10) + "\r\n-" + B + "\n--" + B;
        String body = "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n"
                + content + "\r\n" + end();
        FormDataParser.Result result = parse(body);
        assertThat(Files.readString(result.files().get(0).tempfile())).isEqualTo(content);
    }

    @Test
    void preambleEpilogueAndWhitespaceAfterBoundary() {
        String body = "this is a preamble\r\n--" + B + "  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--" + B + "--\r\nthis is an epilogue";
        assertThat(parse(body).fields()).containsEntry("a", List.of("1"));
    }

    @Test
    void readsCorrectlyWhateverTheChunking() throws IOException {
        byte[] data = new byte[300_000];
        new Random(42).nextBytes(data);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + B + "\r\nContent-Disposition: form-data; name=\"bin\"; filename=\"r.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.write(data);
        body.write(("\r\n" + part("form-data; name=\"after\"", "ok") + end()).getBytes(StandardCharsets.US_ASCII));
        for (int chunk : new int[] {1, 7, 64, 1000, 65536, Integer.MAX_VALUE}) {
            created.clear();
            FormDataParser.Result result = parse(body.toByteArray(), chunk, 1 << 20);
            assertThat(Files.readAllBytes(result.files().get(0).tempfile())).as("chunk %d", chunk).isEqualTo(data);
            assertThat(result.fields()).containsEntry("after", List.of("ok"));
        }
    }

    @Test
    void fileNamesLoseTheirDirectories() {
        String body = part("form-data; name=\"a\"; filename=\"../../etc/passwd\"", "x")
                + part("form-data; name=\"b\"; filename=\"C:\\\\Users\\\\me\\\\photo.png\"", "y")
                + part("form-data; name=\"c\"; filename*=UTF-8''%E2%82%AC%20rates.txt", "z")
                + part("form-data; name=\"d\"; filename=\"\"", "")
                + end();
        List<FormDataParser.FilePart> files = parse(body).files();
        assertThat(files).extracting(FormDataParser.FilePart::filename)
                .containsExactly("passwd", "photo.png", "€ rates.txt", "");
        assertThat(files.get(3).size()).isZero();
    }

    @Test
    void quotedParametersWithSemicolonsAndEscapes() {
        String body = part("form-data; name=\"we;ird\\\"name\"", "v") + end();
        assertThat(parse(body).fields()).containsEntry("we;ird\"name", List.of("v"));
    }

    @Test
    void malformedBodiesAreBadRequests() {
        assertBad("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "truncated");
        assertBad("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\n", "truncated");
        assertBad("no boundary at all", "no multipart boundary");
        assertBad("", "no multipart boundary");
        assertBad(part("form-data", "nameless") + end(), "no name");
        assertBad(part("attachment; name=\"a\"", "x") + end(), "Content-Disposition");
        assertBad("--" + B + "\r\nno-colon-header\r\n\r\nx\r\n" + end(), "header");
        assertBad("--" + B + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n" + end(), "quoted");
        assertBad("--" + B + "\r\nX: " + "a".repeat(20_000) + "\r\n\r\n" + end(), "too large");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= FormDataParser.MAX_PARTS; i++) many.append(part("form-data; name=\"p" + i + "\"", "1"));
        assertBad(many + end(), "too many parts");
    }

    @Test
    void aBodyThatCannotBeReadIsABadRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> new FormDataParser(1000, tmp, created::add).parse(broken, B))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("could not be read");
    }

    @Test
    void anUploadThatCannotBeStoredIsAServerErrorNotABadRequest() {
        String body = "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nx\r\n" + end();
        Path missing = tmp.resolve("no-such-dir");
        assertThatThrownBy(() -> new FormDataParser(1000, missing, created::add)
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), B))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void fieldOverTheLimitIsPayloadTooLarge() {
        String body = part("form-data; name=\"big\"", "x".repeat(2000)) + end();
        assertThatThrownBy(() -> parse(body.getBytes(StandardCharsets.UTF_8), 100, 1000))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("big");
    }

    @Test
    void boundaryFromContentType() {
        assertThat(FormDataParser.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
        assertThat(FormDataParser.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(FormDataParser.boundary("multipart/form-data")).isNull();
        assertThat(FormDataParser.boundary("multipart/form-data; boundary=")).isNull();
        assertThat(FormDataParser.boundary("multipart/form-data; boundary=\"unterminated")).isNull();
        assertThat(FormDataParser.boundary("multipart/form-data; boundary=" + "x".repeat(71))).isNull();
    }

    private void assertBad(String body, String reason) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(reason);
    }

    /** Hands out at most {@code chunk} bytes per read, like a network stream. */
    private static final class ChunkedStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;

        ChunkedStream(byte[] data, int chunk) {
            this.in = new ByteArrayInputStream(data);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, chunk));
        }
    }
}
