package kemal;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One WebSocket connection, given to a {@code ws} route. Register callbacks, send messages from
 * any thread (a chat broadcasts from other sockets' callbacks), close when done.
 *
 * <pre>{@code
 * ws("/", (socket, env) -> {
 *     socket.send("Hello from Kemal!");
 *     socket.onMessage(message -> socket.send("Echo back from server " + message));
 *     socket.onClose((code, reason) -> System.out.println("Closing socket"));
 * });
 * }</pre>
 *
 * A socket's callbacks run one at a time, in the order the frames arrived, on a virtual thread,
 * so they may block (on the event loop for a route declared
 * {@link WebSocketRoute#nonBlocking nonBlocking}, where they must not). Pings are answered with a pong automatically. Messages over the configured
 * size close the socket with 1009; invalid UTF-8 in a text message with 1007.
 */
public interface WebSocket {
    /** Sends a text message. Ignored once the socket is closed. */
    void send(String message);

    /** Sends a binary message. Ignored once the socket is closed. */
    void send(byte[] message);

    /** Sends a ping (the client answers with a pong). */
    void ping();

    /** Sends a ping carrying {@code message} (at most 125 bytes). */
    void ping(String message);

    /** Sends an unsolicited pong (a heartbeat that needs no answer). */
    void pong();

    /** Closes with 1000 (normal closure). */
    void close();

    /** Closes with {@code code} and {@code reason} (at most 123 bytes). */
    void close(int code, String reason);

    /** Whether the socket is closed or closing. */
    boolean isClosed();

    /** Called for every text message (fragments already joined). */
    WebSocket onMessage(Consumer<String> callback);

    /** Called for every binary message (fragments already joined). */
    WebSocket onBinary(Consumer<byte[]> callback);

    /** Called when the client pings (after the automatic pong). */
    WebSocket onPing(Consumer<String> callback);

    /** Called when a pong arrives. */
    WebSocket onPong(Consumer<String> callback);

    /**
     * Called once when the socket closes, with the close code and reason: the client's, ours, or
     * 1006 when the connection dropped without a close frame.
     */
    WebSocket onClose(BiConsumer<Integer, String> callback);
}
