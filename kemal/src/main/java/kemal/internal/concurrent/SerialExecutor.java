package kemal.internal.concurrent;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order submitted, on a virtual thread of its own. Tasks may
 * block. The thread starts when the first task arrives and parks between tasks until
 * {@link #shutdown()}: waking a parked virtual thread is cheaper than starting one per burst,
 * and a parked one is only its small stack on the heap. Until {@link #start()}, tasks only queue.
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final ThreadFactory threads;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    /** A thread is draining (or about to): at most one at a time. */
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean shutdown;
    /** The draining thread while it runs, so a task can wake it when parked. */
    private volatile Thread worker;
    private volatile boolean parked;

    public SerialExecutor(String threadName) {
        this.threads = Thread.ofVirtual().name(threadName).factory();
    }

    @Override
    public void execute(Runnable task) {
        queue.offer(task);
        if (started) wake(null);
    }

    /**
     * Like {@link #execute(Runnable)}, called on the event loop {@code loop}: the thread is woken
     * after the loop's current turn, together with the others that turn has work for.
     */
    public void executeFromLoop(Runnable task, EventExecutor loop) {
        queue.offer(task);
        if (started) wake(loop);
    }

    /** Lets queued and future tasks run. */
    public void start() {
        started = true;
        wake(null);
    }

    /**
     * Lets the thread end once it has run what is queued; a task submitted later runs on a
     * thread started for it, which ends when it is done.
     */
    public void shutdown() {
        shutdown = true;
        Thread thread = worker;
        if (thread != null) LockSupport.unpark(thread);
    }

    private void wake(EventExecutor loop) {
        if (queue.isEmpty()) return;
        if (running.compareAndSet(false, true)) {
            Thread thread = threads.newThread(this::drain);
            worker = thread;
            whenTurnEnds(loop, thread::start);
        } else if (parked) {
            whenTurnEnds(loop, this::unparkWorker);
        }
    }

    private static void whenTurnEnds(EventExecutor loop, Runnable wakeup) {
        if (loop != null) HandoffBatch.defer(loop, wakeup);
        else wakeup.run();
    }

    private void unparkWorker() {
        Thread thread = worker;
        if (thread != null) LockSupport.unpark(thread);
    }

    private void drain() {
        while (true) {
            Runnable task;
            while ((task = queue.poll()) != null) {
                try {
                    task.run();
                } catch (Throwable t) {
                    log.error("Uncaught error in a callback", t);
                }
            }
            if (awaitTask()) continue;
            worker = null; // an ended thread is not kept reachable by its owner
            running.set(false);
            // A task queued between the last poll and the reset above would otherwise wait.
            if (queue.isEmpty() || !running.compareAndSet(false, true)) return;
            worker = Thread.currentThread();
        }
    }

    /** Parks until a task arrives or the executor shuts down; true when there is a task. */
    private boolean awaitTask() {
        if (shutdown) return false;
        parked = true;
        // Set before this check, so a task either is seen here or sees the flag and unparks us.
        // A loop: a wakeup left over from an earlier one is no reason to end the thread.
        while (queue.isEmpty() && !shutdown) LockSupport.park(this);
        parked = false;
        return !queue.isEmpty();
    }
}
