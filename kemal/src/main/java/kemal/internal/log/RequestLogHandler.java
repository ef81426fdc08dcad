package kemal.internal.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import kemal.BaseLogHandler;
import kemal.Env;
import kemal.Response;

/**
 * The built-in request log: one line per request, in Kemal's format
 * {@code 2015-12-01 13:47:48 UTC 200 GET / 666.0µs}, written when the chain is done so it shows
 * the final status. By default lines go to stdout through {@link LogWriter}, off the request's
 * thread.
 */
public final class RequestLogHandler extends BaseLogHandler {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private record Stamp(long second, String text) {}

    private volatile Stamp stamp = new Stamp(-1, "");
    private final Consumer<String> lines;

    /**
     * Logs to {@code lines}, called on the request's thread: {@code LogWriter.stdout()::write}
     * for Kemal's stdout log.
     */
    public RequestLogHandler(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void call(Env env) throws Exception {
        long start = System.nanoTime();
        boolean escaped = true;
        try {
            callNext(env);
            escaped = false;
        } finally {
            write(line(status(env.response(), escaped), env.request().method(), env.request().resource(),
                    System.nanoTime() - start));
        }
    }

    @Override
    public void write(String message) {
        lines.accept(message);
    }

    /**
     * The status the client gets. An exception escaping the chain (alwaysRescue off) ends as a
     * 500, unless the response was already closed (halt, redirect) or streaming: then the
     * client has the status that was sent.
     */
    private static int status(Response response, boolean escaped) {
        boolean sent = response.isClosed() || response.isCommitted();
        return escaped && !sent ? 500 : response.status();
    }

    /** One log line: {@code <time> <status> <METHOD> <resource> <elapsed>}. */
    String line(int status, String method, String resource, long elapsedNanos) {
        return timestamp() + ' ' + status + ' ' + method + ' ' + resource + ' ' + elapsed(elapsedNanos);
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
