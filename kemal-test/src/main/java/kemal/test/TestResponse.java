package kemal.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response received by {@link TestClient}: status, headers exactly as sent (so
 * {@code Transfer-Encoding: chunked} shows a streamed response) and the raw body (de-chunked, not
 * decompressed), like spec-kemal's {@code response}.
 */
public final class TestResponse {
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    TestResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        this.status = status;
        this.headers = Collections.unmodifiableList(headers);
        this.body = body;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text. */
    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() {
        return body.clone();
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers) {
            if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    /** Every value of a header, in order. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : headers) {
            if (e.getKey().equalsIgnoreCase(name)) out.add(e.getValue());
        }
        return out;
    }

    /** Every header line, in the order received. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public String contentType() {
        return header("Content-Type");
    }

    /** The cookies set by {@code Set-Cookie} headers: name to value. */
    public Map<String, String> cookies() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String setCookie : headers("Set-Cookie")) {
            int semicolon = setCookie.indexOf(';');
            String pair = semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
            int equals = pair.indexOf('=');
            if (equals > 0) out.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(status);
        for (Map.Entry<String, String> e : headers) {
            sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
        }
        String text = body();
        sb.append("\n\n").append(text.length() > 500 ? text.substring(0, 500) + "..." : text);
        return sb.toString();
    }
}
