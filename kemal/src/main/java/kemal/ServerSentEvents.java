package kemal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import kemal.internal.server.ClientGoneException;

/**
 * The {@link EventStream} of an {@code sse} route: text/event-stream over a chunked response.
 * Sends may come from any thread (they are written one whole event at a time); the route's
 * block is interrupted when the stream closes from elsewhere (the client went away, or another
 * thread called {@link #close()}), so it never waits on for nothing.
 */
final class ServerSentEvents implements EventStream {
    private final Env env;
    private final Thread handler = Thread.currentThread();
    private final List<Runnable> closeCallbacks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** One event on the wire at a time, whichever thread sends it. */
    private final ReentrantLock writing = new ReentrantLock();
    /** True while the route's block runs: only then may a close interrupt its thread. Guarded by this. */
    private boolean running = true;

    private ServerSentEvents(Env env) {
        this.env = env;
    }

    /** A send on a closed stream: ends a sending loop; the route ends quietly on it. */
    private static final class StreamClosedException extends IllegalStateException {
        StreamClosedException(String message) {
            super(message);
        }
    }

    /** The GET route that serves {@code block} as an event stream. */
    static Route route(EventStreamRoute block) {
        return env -> {
            Response response = env.response();
            response.contentType("text/event-stream; charset=utf-8")
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no");
            // A HEAD request gets the headers only (announcing the stream): it would never end.
            if (env.request().method().equals("HEAD")) {
                response.announceStream();
                return null;
            }
            ServerSentEvents stream = new ServerSentEvents(env);
            response.flush(); // headers out now: clients and proxies see the stream open
            response.exchange().onClientGone(stream::close);
            try {
                block.call(stream, env);
            } catch (InterruptedException | ClientGoneException | StreamClosedException gone) {
                if (!stream.isClosed()) throw gone;
            } finally {
                synchronized (stream) {
                    stream.running = false;
                }
                Thread.interrupted(); // ours, from a close while the block ran
                stream.closeQuietly();
            }
            return null;
        };
    }

    @Override
    public void send(String data) {
        send(data, null, null, null);
    }

    @Override
    public void send(String data, String event, String id) {
        send(data, event, id, null);
    }

    @Override
    public void send(String data, String event, String id, Duration retry) {
        StringBuilder sb = new StringBuilder(data == null ? 16 : data.length() + 16);
        if (event != null) sb.append("event: ").append(singleLine(event, "event")).append('\n');
        if (id != null) sb.append("id: ").append(singleLine(id, "id")).append('\n');
        if (retry != null) sb.append("retry: ").append(retry.toMillis()).append('\n');
        for (String line : lines(data == null ? "" : data)) sb.append("data: ").append(line).append('\n');
        write(sb.append('\n'));
    }

    @Override
    public void comment(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines(text == null ? "" : text)) sb.append(": ").append(line).append('\n');
        write(sb.append('\n'));
    }

    /** Ends the stream; a block still waiting (close called from another thread) is interrupted. */
    @Override
    public void close() {
        if (!closeQuietly()) return;
        synchronized (this) {
            if (running && Thread.currentThread() != handler) handler.interrupt();
        }
    }

    /** Marks the stream closed and runs the callbacks, once; false if it was closed already. */
    private boolean closeQuietly() {
        if (!closed.compareAndSet(false, true)) return false;
        for (Runnable callback : closeCallbacks) callback.run();
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public EventStream onClose(Runnable callback) {
        closeCallbacks.add(callback);
        if (isClosed()) callback.run();
        return this;
    }

    @Override
    public String lastEventId() {
        return env.request().header("Last-Event-ID");
    }

    private void write(CharSequence text) {
        writing.lock();
        try {
            if (isClosed()) throw new StreamClosedException("The event stream is closed");
            env.response().print(text).flush();
        } catch (ClientGoneException gone) {
            close();
            throw new StreamClosedException("The client went away");
        } finally {
            writing.unlock();
        }
    }

    private static String singleLine(String value, String field) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("SSE " + field + " must not contain CR or LF");
        }
        return value;
    }

    /** CR, LF and CRLF all end a line (the event-stream format). */
    private static List<String> lines(String text) {
        return List.of(text.split("\r\n|\r|\n", -1));
    }
}
