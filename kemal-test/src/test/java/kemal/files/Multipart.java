package kemal.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds a {@code multipart/form-data} body (RFC 7578) for tests. */
final class Multipart {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart() {
        this("----kemal-test-boundary-7MA4YWxkTrZu0gW");
    }

    Multipart(String boundary) {
        this.boundary = boundary;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    Map<String, String> headers() {
        return Map.of("Content-Type", contentType());
    }

    Multipart field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
    }

    Multipart file(String name, String filename, String type, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + type + "\r\n", content);
    }

    /** A part with these header lines (each ending in CRLF) and content. */
    Multipart part(String headerLines, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\n" + headerLines + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** The body with its closing delimiter. */
    byte[] build() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }

    /** The body so far, without a closing delimiter. */
    byte[] unterminated() {
        return out.toByteArray();
    }
}
