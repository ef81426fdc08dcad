package guide;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A {@code multipart/form-data} body built by hand, as a browser form would send it. */
final class MultipartBody {
    private final String boundary = "----guide-test-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /**
     * Adds a file part: {@code Content-Disposition: form-data; name="field"; filename="..."}. The
     * file name is sent as a quoted string, so a backslash in it goes out as {@code \\}.
     */
    MultipartBody file(String field, String filename, String contentType, byte[] content) {
        head("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + quoted(filename) + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n");
        body.writeBytes(content);
        body.writeBytes(crlf());
        return this;
    }

    /** Adds an ordinary field. */
    MultipartBody field(String name, String value) {
        head("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
        body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(crlf());
        return this;
    }

    /** The request headers that go with the body. */
    Map<String, String> headers() {
        return Map.of("Content-Type", "multipart/form-data; boundary=" + boundary);
    }

    /** The body with its closing boundary. */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(body.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }

    private void head(String headers) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static byte[] crlf() {
        return new byte[] {'\r', '\n'};
    }
}
