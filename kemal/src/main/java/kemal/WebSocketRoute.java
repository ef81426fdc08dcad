package kemal;

/**
 * A {@code ws} route's block: runs once the handshake is done, with the socket and the upgrade
 * request's {@link Env} (its headers, its URL params).
 *
 * <pre>{@code
 * ws("/:id", (socket, env) -> socket.send(env.params().url("id")));
 * }</pre>
 */
@FunctionalInterface
public interface WebSocketRoute {
    void call(WebSocket socket, Env env) throws Exception;

    /**
     * Marks a {@code ws} route whose callbacks never block, so that they run on the server's
     * event loop rather than on the socket's virtual thread:
     * {@code ws("/echo", nonBlocking((socket, env) -> socket.onMessage(socket::send)))}. This saves
     * two thread hand-offs per message (to the callback's thread and back for the answer) and is
     * worth it for small, CPU-only work: echoing, relaying to other sockets, counting.
     *
     * <p>The callbacks ({@code onMessage}, {@code onBinary}, {@code onPing}, {@code onPong},
     * {@code onClose}) still run one at a time, in order, but must not block: no sleeping, no
     * waiting on locks, databases, files or the network. Blocking there stalls every connection
     * of that event loop. The route's block itself runs where the upgrade request runs, on a
     * virtual thread.
     */
    static WebSocketRoute nonBlocking(WebSocketRoute route) {
        return new NonBlockingWebSocketRoute(route);
    }
}
