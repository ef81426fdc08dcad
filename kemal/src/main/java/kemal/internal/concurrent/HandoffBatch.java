package kemal.internal.concurrent;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Wakes virtual threads once per event-loop turn instead of once per message. Starting or
 * unparking a virtual thread makes a carrier runnable; on a busy core that carrier would take
 * the CPU from the event loop mid-read, run one request, then spin idle while the loop cannot
 * feed it. Handing over the whole turn's work together lets the carrier run it in a row.
 */
public final class HandoffBatch implements Runnable {
    private static final FastThreadLocal<HandoffBatch> PER_LOOP = new FastThreadLocal<>() {
        @Override
        protected HandoffBatch initialValue() {
            return new HandoffBatch();
        }
    };

    private final List<Runnable> wakeups = new ArrayList<>();
    private boolean scheduled;

    private HandoffBatch() {}

    /**
     * Runs {@code wakeup} after the current event-loop turn's I/O. Call it on {@code loop}, the
     * caller's own event loop; a loop that has shut down gets the wakeup run at once.
     */
    public static void defer(EventExecutor loop, Runnable wakeup) {
        HandoffBatch batch = PER_LOOP.get();
        if (!batch.scheduled) {
            try {
                loop.execute(batch);
            } catch (RejectedExecutionException stopped) {
                wakeup.run();
                return;
            }
            batch.scheduled = true;
        }
        batch.wakeups.add(wakeup);
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
