package kemal;

/**
 * An exception that carries the HTTP status to answer with. Throw it from a route, filter or
 * handler to end the request with that status; the framework throws it for bad input (400),
 * oversized bodies (413) and similar client errors. An {@code error(status, ...)} handler for the
 * status renders the page; otherwise the message is sent as plain text.
 *
 * <pre>{@code
 * get("/users/:id", env -> users.find(env.params().url("id"))
 *         .orElseThrow(() -> new HttpException(404, "No such user")));
 * }</pre>
 */
public class HttpException extends RuntimeException {
    private final int status;

    public HttpException(int status, String message) {
        this(status, message, null);
    }

    public HttpException(int status, String message, Throwable cause) {
        super(message, cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HttpException status must be 4xx or 5xx, not " + status);
        }
        this.status = status;
    }

    /** The HTTP status code this exception answers with. */
    public int status() {
        return status;
    }
}
