package kemal;

import java.time.Duration;

/**
 * A server-sent events stream (current Kemal's {@code sse}), given to an {@code sse} route.
 * Each send is written and flushed at once.
 *
 * <pre>{@code
 * sse("/events", (stream, env) -> {
 *     for (int i = 1; i <= 3; i++) stream.send("event " + i, null, String.valueOf(i));
 * });
 * }</pre>
 *
 * The stream ends when the block returns. When the client goes away the stream closes, the
 * {@link #onClose} callbacks run, and a block blocked waiting (for example on a queue) is
 * interrupted, so it never lingers.
 */
public interface EventStream {
    /** Sends {@code data} as one event; a multi-line string becomes several {@code data:} lines. */
    void send(String data);

    /** Sends an event with a name ({@code event:}) and an id ({@code id:}); either may be null. */
    void send(String data, String event, String id);

    /** Also tells the client how long to wait before reconnecting ({@code retry:}). */
    void send(String data, String event, String id, Duration retry);

    /** Sends a comment line (ignored by clients): a heartbeat that keeps proxies from timing out. */
    void comment(String text);

    /** Ends the stream. */
    void close();

    /** Whether the stream ended or the client went away. */
    boolean isClosed();

    /** Runs {@code callback} once, when the stream closes for whatever reason. */
    EventStream onClose(Runnable callback);

    /** The {@code Last-Event-ID} the client sent when reconnecting, or {@code null}. */
    String lastEventId();
}
