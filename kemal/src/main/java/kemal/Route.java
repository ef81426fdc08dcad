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
}
