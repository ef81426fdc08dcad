package kemal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import kemal.internal.server.ClientGoneException;

/** The {@link EventStream} of an {@code sse} route: text/event-stream over a chunked response. */
final class ServerSentEvents implements EventStream {
    private final Env env;
    private final Thread handler = Thread.currentThread();
    private final List<Runnable> closeCallbacks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** True while the route's block runs: only then may a disconnect interrupt its thread. */
    private volatile boolean running = true;

    private ServerSentEvents(Env env) {
        this.env = env;
    }

    /** The GET route that serves {@code block} as an event stream. */
    static Route route(EventStreamRoute block) {
        return env -> {
            Response response = env.response();
            response.contentType("text/event-stream; charset=utf-8")
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no");
            // A HEAD request gets the headers only: the stream would never end.
            if (env.request().method().equals("HEAD")) return null;
            ServerSentEvents stream = new ServerSentEvents(env);
            response.flush(); // headers out now: clients and proxies see the stream open
            response.exchange().onClientGone(stream::clientGone);
            try {
                block.call(stream, env);
            } catch (InterruptedException | ClientGoneException gone) {
                if (!stream.isClosed()) throw gone;
                Thread.interrupted(); // our own interrupt, from the disconnect
            } finally {
                stream.running = false;
                Thread.interrupted();
                stream.close();
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

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (Runnable callback : closeCallbacks) callback.run();
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
        if (isClosed()) return;
        try {
            env.response().print(text).flush();
        } catch (ClientGoneException gone) {
            close();
        }
    }

    /** The client disconnected: close, and wake the block if it is waiting. */
    private void clientGone() {
        close();
        if (running) handler.interrupt();
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
