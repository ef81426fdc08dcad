package bench.idle;

/**
 * What happened to the connections so far. Used from the event loop only (every connection is
 * on the one loop), so it needs no locking; other threads read it through {@link #snapshot}, run
 * on the loop.
 */
final class Tally {
    private int open;
    private int failed;
    private int closed;
    private long refreshed;
    private long errors;
    private String firstFailure;
    private long shortestIdleAtClose = Long.MAX_VALUE;
    private long longestIdleAtClose;
    private boolean stopping;

    /** A connection answered its first request with a keep-alive 200. */
    void served() {
        open++;
    }

    /** A connection could not be opened or its first request was not answered as it should be. */
    void failed(String why) {
        failed++;
        if (firstFailure == null) firstFailure = why;
    }

    /** The server closed a served connection after it had been idle for {@code idleNanos}. */
    void closedByServer(long idleNanos) {
        open--;
        closed++;
        shortestIdleAtClose = Math.min(shortestIdleAtClose, idleNanos);
        longestIdleAtClose = Math.max(longestIdleAtClose, idleNanos);
    }

    void refreshed() {
        refreshed++;
    }

    /** A refresh got something other than a keep-alive 200: the connection is closed and given up. */
    void refreshError(String why) {
        open--;
        errors++;
        if (firstFailure == null) firstFailure = why;
    }

    /** From now on connections close because we close them: not counted as closed by the server. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    Snapshot snapshot() {
        return new Snapshot(open, failed, closed, refreshed, errors, firstFailure,
                closed == 0 ? 0 : shortestIdleAtClose, longestIdleAtClose);
    }

    /** The counts at one moment; idle times in ns, 0 when nothing was closed. */
    record Snapshot(int open, int failed, int closed, long refreshed, long errors, String firstFailure,
                    long shortestIdleAtClose, long longestIdleAtClose) {}
}
