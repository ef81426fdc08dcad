package kemal.internal.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Wakes handler threads once per event-loop turn instead of once per request. Starting or
 * unparking a virtual thread makes a carrier runnable; on a busy core that carrier would take
 * the CPU from the event loop mid-read, run one request, then spin idle while the loop cannot
 * feed it. Handing over the whole turn's requests together lets the carrier run them in a row.
 */
final class HandoffBatch implements Runnable {
    private static final FastThreadLocal<HandoffBatch> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected HandoffBatch initialValue() {
            return new HandoffBatch();
        }
    };

    private final List<Runnable> wakeups = new ArrayList<>();
    private boolean scheduled;

    private HandoffBatch() {}

    /** Runs {@code wakeup} after the current event-loop turn's I/O (on {@code loop}, the caller's loop). */
    static void defer(EventExecutor loop, Runnable wakeup) {
        HandoffBatch batch = PER_LOOP.get();
        batch.wakeups.add(wakeup);
        if (!batch.scheduled) {
            batch.scheduled = true;
            loop.execute(batch);
        }
    }

    @Override
    public void run() {
        scheduled = false;
        try {
            for (int i = 0, n = wakeups.size(); i < n; i++) wakeups.get(i).run();
        } finally {
            wakeups.clear();
        }
    }
}
