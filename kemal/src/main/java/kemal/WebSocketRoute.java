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
}
