package kemal.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * The encoded {@code Date: ...\r\n} line, rebuilt at most once a second. Every response carries
 * it, so formatting a date per response would be a waste.
 */
public final class DateHeader {
    private record Cached(long second, byte[] line) {}

    private static volatile Cached cached = build(System.currentTimeMillis());

    private DateHeader() {}

    public static byte[] line() {
        long now = System.currentTimeMillis();
        Cached c = cached;
        if (c.second != now / 1000) {
            c = build(now);
            cached = c;
        }
        return c.line;
    }

    private static Cached build(long now) {
        String line = "Date: " + HttpDate.format(now) + "\r\n";
        return new Cached(now / 1000, line.getBytes(StandardCharsets.US_ASCII));
    }
}
