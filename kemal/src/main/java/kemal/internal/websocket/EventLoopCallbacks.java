package kemal.internal.websocket;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callbacks run on the socket's event loop, at once when dispatched there: no thread hand-off
 * per message. One loop thread runs them all, so they run one at a time; those dispatched
 * before {@link #start} or from another thread are queued and run on the loop in order.
 */
final class EventLoopCallbacks implements Callbacks {
    private static final Logger log = LoggerFactory.getLogger(EventLoopCallbacks.class);

    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean started;
    private volatile EventExecutor loop;
    /** A callback is running (on the loop): one it dispatches waits its turn instead of nesting. */
    private boolean running;

    @Override
    public void dispatch(Runnable callback, Channel channel) {
        if (channel != null) loop = channel.eventLoop();
        EventExecutor current = loop;
        if (started && current != null && current.inEventLoop() && !running && pending.isEmpty()) {
            running = true;
            try {
                run(callback);
            } finally {
                running = false;
            }
            return;
        }
        pending.offer(callback);
        if (started) drainOnLoop();
    }

    @Override
    public void start(Channel channel) {
        if (channel != null) loop = channel.eventLoop();
        started = true;
        drainOnLoop();
    }

    @Override
    public void shutdown() {
        // Nothing is held for the callbacks.
    }

    private void drainOnLoop() {
        EventExecutor current = loop;
        if (current == null) { // never attached (the client left during the handshake): no loop to race with
            drain();
            return;
        }
        try {
            current.execute(this::drain);
        } catch (RejectedExecutionException stopped) {
            drain(); // the loop has shut down and runs nothing any more
        }
    }

    private void drain() {
        running = true;
        try {
            Runnable callback;
            while ((callback = pending.poll()) != null) run(callback);
        } finally {
            running = false;
        }
    }

    private static void run(Runnable callback) {
        try {
            callback.run();
        } catch (Throwable t) {
            log.error("Uncaught error in a callback", t);
        }
    }
}
