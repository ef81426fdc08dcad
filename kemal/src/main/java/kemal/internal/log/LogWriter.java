package kemal.internal.log;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes log lines to stdout from one background thread, so request threads hand a line over
 * and move on instead of waiting on the terminal. The queue is bounded: if stdout cannot keep
 * up, writers wait rather than lose lines or grow memory without end. Lines go to whatever
 * {@code System.out} is when they are written, so a redirected stdout receives them.
 */
public final class LogWriter {
    private static final LogWriter STDOUT = new LogWriter();

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(16_384);

    private LogWriter() {
        Thread writer = new Thread(this::drain, "kemal-log");
        writer.setDaemon(true);
        writer.start();
        // Lines still queued at exit are written before the JVM stops.
        Runtime.getRuntime().addShutdownHook(new Thread(this::flushRemaining, "kemal-log-flush"));
    }

    public static LogWriter stdout() {
        return STDOUT;
    }

    public void write(String line) {
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>(256);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, 255);
            writeUtf8(batch);
            batch.clear();
        }
    }

    private void flushRemaining() {
        List<String> rest = new ArrayList<>();
        queue.drainTo(rest);
        writeUtf8(rest);
    }

    /** Writes lines as UTF-8 bytes: the "µs" of a log line must not depend on the platform charset. */
    private static void writeUtf8(List<String> lines) {
        if (lines.isEmpty()) return;
        StringBuilder sb = new StringBuilder(lines.size() * 64);
        for (String line : lines) sb.append(line).append('\n');
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        PrintStream out = System.out;
        synchronized (out) {
            out.write(bytes, 0, bytes.length);
            out.flush();
        }
    }
}
