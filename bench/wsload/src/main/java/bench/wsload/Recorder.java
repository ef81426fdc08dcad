package bench.wsload;

import java.util.Arrays;

/**
 * What the connections saw since the last {@link #take}: echoes, their round-trip times,
 * mismatched echoes and connection errors. Used from the event loop only (every connection is on
 * the one loop), so it needs no locking.
 */
final class Recorder {
    private long[] latencies = new long[1 << 16];
    private int count;
    private long mismatches;
    private long errors;
    private long since = System.nanoTime();

    void echo(long roundTripNanos, boolean matches) {
        if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
        latencies[count++] = roundTripNanos;
        if (!matches) mismatches++;
    }

    void error() {
        errors++;
    }

    /** What was recorded since the last call (or since creation), then starts afresh. */
    Window take() {
        long now = System.nanoTime();
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        Window window = new Window(now - since, sorted, mismatches, errors);
        count = 0;
        mismatches = 0;
        errors = 0;
        since = now;
        return window;
    }

    /** One measured stretch: its length, its round-trip times in order, its problems. */
    record Window(long nanos, long[] sortedLatencies, long mismatches, long errors) {
        long messages() {
            return sortedLatencies.length;
        }

        /** The {@code q} quantile (0 < q <= 1) of the round-trip times, nearest rank, in ns; 0 when empty. */
        long quantile(double q) {
            if (sortedLatencies.length == 0) return 0;
            int rank = (int) Math.ceil(q * sortedLatencies.length);
            return sortedLatencies[Math.max(0, Math.min(sortedLatencies.length - 1, rank - 1))];
        }
    }
}
