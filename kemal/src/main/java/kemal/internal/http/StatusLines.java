package kemal.internal.http;

import java.nio.charset.StandardCharsets;
import kemal.internal.errors.ReasonPhrases;

/** Pre-encoded {@code HTTP/1.1 <code> <reason>\r\n} lines for every status from 100 to 599. */
public final class StatusLines {
    private static final byte[][] LINES = new byte[600][];

    static {
        for (int code = 100; code < 600; code++) {
            String line = "HTTP/1.1 " + code + " " + reasonPhrase(code) + "\r\n";
            LINES[code] = line.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private StatusLines() {}

    public static byte[] line(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("Invalid HTTP status code: " + status);
        }
        return LINES[status];
    }

    /** The standard reason phrase (RFC 9110 spelling), or {@code Unknown}. */
    public static String reasonPhrase(int status) {
        return ReasonPhrases.reasonPhrase(status);
    }
}
