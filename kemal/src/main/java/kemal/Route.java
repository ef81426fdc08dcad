package kemal;

/**
 * A route's block: handles a request and returns what to write.
 *
 * <pre>{@code
 * get("/hello/:name", env -> "Hello back to " + env.params().url("name"));
 * }</pre>
 *
 * The return value is written to the response: a {@code String} (or any {@code CharSequence})
 * as UTF-8 text, a {@code byte[]} as is, an {@code InputStream} or a {@code Path} streamed,
 * {@code null} nothing, and any other object as JSON (with {@code application/json} unless the
 * route set a content type). The helpers that write the response themselves return the
 * {@link Env} (or the {@link Response}), which writes nothing more, so they make complete routes:
 * {@code env -> env.redirect("/login")}, {@code env -> env.status(201).json(user)},
 * {@code env -> halt(env, 403, "Forbidden")}. A block that returns nothing ends with
 * {@code return null;}.
 */
@FunctionalInterface
public interface Route {
    Object call(Env env) throws Exception;

    /**
     * Marks a route whose block never blocks, so that it runs on the server's event loop rather
     * than on a virtual thread of its own: {@code get("/json", nonBlocking(env -> env.json(data)))}.
     * This saves the hand-off to another thread and is worth it for small, CPU-only answers.
     *
     * <p>The filters and custom handlers that run for such a request run on the event loop too,
     * as does any route that is reached the same way. None of them may block: no sleeping, no
     * waiting on locks, databases, files or the network. Blocking there stalls every connection
     * of that event loop. A request with a body, or a WebSocket upgrade, still runs on a virtual
     * thread, so reading the body never blocks the loop.
     */
    static Route nonBlocking(Route route) {
        return new NonBlockingRoute(route);
    }
}
