package kemal.internal.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import kemal.BaseLogHandler;
import kemal.Env;

/**
 * The built-in request log: one line per request on stdout, in Kemal's format
 * {@code 2015-12-01 13:47:48 UTC 200 GET / 666.0µs}, written after the response so it shows the
 * final status. Lines go through {@link LogWriter}, off the request's thread.
 */
public final class RequestLogHandler extends BaseLogHandler {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private record Stamp(long second, String text) {}

    private volatile Stamp stamp = new Stamp(-1, "");
    private final LogWriter writer;

    public RequestLogHandler(LogWriter writer) {
        this.writer = writer;
    }

    @Override
    public void call(Env env) throws Exception {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            callNext(env);
            failed = false;
        } finally {
            // An exception escaping the chain (always_rescue off) ends as a 500.
            int status = failed ? 500 : env.response().status();
            write(timestamp() + ' ' + status + ' ' + env.request().method() + ' ' + env.request().resource()
                    + ' ' + elapsed(System.nanoTime() - start));
        }
    }

    @Override
    public void write(String message) {
        writer.write(message);
    }

    /** Kemal's elapsed text: milliseconds from 1 ms up, else microseconds, to two decimals. */
    static String elapsed(long nanos) {
        double millis = nanos / 1_000_000.0;
        return millis >= 1 ? twoDecimals(millis) + "ms" : twoDecimals(nanos / 1_000.0) + "µs";
    }

    /** Formats like Crystal's {@code Float#round(2).to_s}: {@code 2.0}, {@code 114.56}, {@code 3.5}. */
    static String twoDecimals(double value) {
        long hundredths = Math.round(value * 100);
        long whole = hundredths / 100;
        int fraction = (int) (hundredths % 100);
        if (fraction == 0) return whole + ".0";
        if (fraction % 10 == 0) return whole + "." + fraction / 10;
        return whole + (fraction < 10 ? ".0" : ".") + fraction;
    }

    private String timestamp() {
        long now = System.currentTimeMillis();
        Stamp s = stamp;
        if (s.second != now / 1000) {
            s = new Stamp(now / 1000, TIME.format(Instant.ofEpochMilli(now)));
            stamp = s;
        }
        return s.text;
    }
}
