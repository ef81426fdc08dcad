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
 * The stream ends when the block returns. Events may also be sent from other threads (a
 * broadcaster holding many streams); each goes out whole and is flushed at once. When the client
 * goes away the stream closes, the {@link #onClose} callbacks run, and a block blocked waiting
 * (for example on a queue) is interrupted, so it never lingers; a send on a closed stream throws,
 * so a block that only sends in a loop ends too.
 */
public interface EventStream {
    /**
     * Sends {@code data} as one event; a multi-line string becomes several {@code data:} lines.
     *
     * @throws IllegalStateException when the stream is closed (the client went away, or
     *     {@link #close()} was called)
     */
    void send(String data);

    /**
     * Sends an event with a name ({@code event:}) and an id ({@code id:}); either may be null.
     *
     * @throws IllegalArgumentException when the name or id contains CR or LF (nothing is sent)
     */
    void send(String data, String event, String id);

    /** Also tells the client how long to wait before reconnecting ({@code retry:}). */
    void send(String data, String event, String id, Duration retry);

    /** Sends a comment line (ignored by clients): a heartbeat that keeps proxies from timing out. */
    void comment(String text);

    /**
     * Ends the stream. Called from another thread while the block waits, it interrupts the block;
     * the response ends when the block returns.
     */
    void close();

    /** Whether the stream ended or the client went away. */
    boolean isClosed();

    /** Runs {@code callback} once, when the stream closes for whatever reason. */
    EventStream onClose(Runnable callback);

    /** The {@code Last-Event-ID} the client sent when reconnecting, or {@code null}. */
    String lastEventId();
}
