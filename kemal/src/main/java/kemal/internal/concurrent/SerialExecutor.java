package kemal.internal.concurrent;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order submitted, on virtual threads: a thread is started when
 * work arrives and ends when the queue is empty, so an idle owner (a quiet WebSocket) costs no
 * thread. Tasks may block. Until {@link #start()}, tasks only queue.
 */
public final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final ThreadFactory threads;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean started;

    public SerialExecutor(String threadName) {
        this.threads = Thread.ofVirtual().name(threadName).factory();
    }

    @Override
    public void execute(Runnable task) {
        queue.offer(task);
        if (started) drainIfIdle();
    }

    /** Lets queued and future tasks run. */
    public void start() {
        started = true;
        drainIfIdle();
    }

    private void drainIfIdle() {
        if (!queue.isEmpty() && running.compareAndSet(false, true)) threads.newThread(this::drain).start();
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
            running.set(false);
            // A task queued between the last poll and the reset above would otherwise wait.
            if (queue.isEmpty() || !running.compareAndSet(false, true)) return;
        }
    }
}
