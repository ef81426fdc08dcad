package kemal.internal.files;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Range: bytes=...} header applied to a representation of a known size (RFC 9110 §14):
 * {@code 0-0} is the first byte, {@code 500-} runs to the end, {@code -500} is the last 500 bytes,
 * an end past the size is clamped. The header is ignored (the whole file is sent) when it is not
 * a valid bytes range, asks for more than {@code maxRanges} parts, or asks for more bytes in total
 * than the file has (overlapping ranges used to multiply the work); it is unsatisfiable (416) when
 * no part starts inside the file.
 */
public final class ByteRanges {
    /** One satisfiable range, both ends inclusive. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    /** What the header asks for. */
    public sealed interface Outcome permits Ignore, Unsatisfiable, Satisfiable {}

    /** Serve the whole representation. */
    public record Ignore() implements Outcome {}

    /** 416 Range Not Satisfiable. */
    public record Unsatisfiable() implements Outcome {}

    /** 206 Partial Content with these ranges, in the order asked. */
    public record Satisfiable(List<Range> ranges) implements Outcome {}

    private static final Ignore IGNORE = new Ignore();

    private ByteRanges() {}

    public static Outcome parse(String header, long size, int maxRanges) {
        if (header == null || maxRanges <= 0) return IGNORE;
        String value = header.trim();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).trim().equalsIgnoreCase("bytes")) return IGNORE;
        String[] specs = value.substring(eq + 1).split(",", -1);
        if (specs.length > maxRanges) return IGNORE;
        List<Range> ranges = new ArrayList<>(specs.length);
        long total = 0;
        boolean sawSpec = false;
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) continue; // RFC 9110 allows empty list elements
            sawSpec = true;
            Range range = parseSpec(spec, size);
            if (range == INVALID) return IGNORE;
            if (range == null) continue; // valid syntax, but starts past the end
            total += range.length();
            if (total > size) return IGNORE;
            ranges.add(range);
        }
        if (!sawSpec) return IGNORE;
        if (ranges.isEmpty()) return new Unsatisfiable();
        return new Satisfiable(List.copyOf(ranges));
    }

    private static final Range INVALID = new Range(-1, -1);

    /** The range for one spec; null when it is valid but unsatisfiable; INVALID on bad syntax. */
    private static Range parseSpec(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) return INVALID;
        String first = spec.substring(0, dash).trim();
        String last = spec.substring(dash + 1).trim();
        if (first.isEmpty()) {
            long suffix = digits(last);
            if (suffix < 0) return INVALID;
            if (suffix == 0 || size == 0) return null;
            return new Range(Math.max(0, size - suffix), size - 1);
        }
        long start = digits(first);
        if (start < 0) return INVALID;
        long end;
        if (last.isEmpty()) {
            end = Long.MAX_VALUE;
        } else {
            end = digits(last);
            if (end < 0 || end < start) return INVALID;
        }
        if (start >= size) return null;
        return new Range(start, Math.min(end, size - 1));
    }

    /** A non-negative decimal, or -1 when {@code s} is not one (or overflows). */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) return -1;
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
