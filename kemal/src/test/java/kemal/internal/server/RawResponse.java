package kemal.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One response as it came off the wire.
 *
 * @param statusLine the status line without CRLF
 * @param headers the header fields in order, names as sent
 * @param body the decoded body (chunk framing removed), or null for a response read without one
 * @param chunkSizes the size of every chunk including the last (0) when chunked, else empty
 * @param trailers trailer fields after the last chunk
 */
record RawResponse(String statusLine, int status, List<String[]> headers, byte[] body, List<Integer> chunkSizes,
                   List<String[]> trailers) {

    RawResponse withBody(byte[] body, List<Integer> chunkSizes, List<String[]> trailers) {
        return new RawResponse(statusLine, status, headers, body, chunkSizes, trailers);
    }

    /** The value of the only field called {@code name} (any case), or null; fails if it repeats. */
    String header(String name) {
        List<String> all = headers(name);
        if (all.size() > 1) throw new AssertionError("Header " + name + " repeats: " + all);
        return all.isEmpty() ? null : all.get(0);
    }

    List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (String[] field : headers) {
            if (field[0].equalsIgnoreCase(name)) out.add(field[1]);
        }
        return out;
    }

    List<String> headerNames() {
        List<String> out = new ArrayList<>();
        for (String[] field : headers) out.add(field[0]);
        return out;
    }

    boolean isChunked() {
        return !chunkSizes.isEmpty();
    }

    String text() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(statusLine).append('\n');
        for (String[] field : headers) sb.append(field[0]).append(": ").append(field[1]).append('\n');
        if (body != null) {
            sb.append('\n').append(body.length > 300 ? text().substring(0, 300) + "...(" + body.length + " bytes)" : text());
        }
        return sb.toString();
    }
}
