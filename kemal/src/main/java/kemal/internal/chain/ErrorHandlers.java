package kemal.internal.chain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import kemal.Env;
import kemal.ErrorRoute;
import kemal.HaltException;
import kemal.Response;
import kemal.internal.KemalInternals;
import kemal.internal.errors.ErrorPages;

/**
 * The application's {@code error} handlers: by status code (the last registration wins) and by
 * exception class (the first registered match wins, so declaration order beats inheritance, as
 * in Kemal's GrandParent/Parent/Child example). Also renders the status pages, for the route
 * handler (a status left by a route, no route at all) and the exception handler alike.
 */
public final class ErrorHandlers {
    private record ByType(Class<? extends Throwable> type, ErrorRoute<Throwable> route) {}

    /**
     * Indexed by status code: the route handler asks after every request, so the lookup must not
     * box the status (an Integer above 127 is a new object each time).
     */
    private final AtomicReferenceArray<ErrorRoute<Throwable>> byStatus = new AtomicReferenceArray<>(600);
    private final List<ByType> byType = new CopyOnWriteArrayList<>();
    private final KemalInternals internals = KemalInternals.get();

    public void onStatus(int status, ErrorRoute<Throwable> route) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("Invalid HTTP status code: " + status);
        if (route == null) throw new IllegalArgumentException("The error handler for " + status + " is null");
        byStatus.set(status, route);
    }

    @SuppressWarnings("unchecked")
    public <E extends Throwable> void onException(Class<E> type, ErrorRoute<? super E> route) {
        if (type == null || route == null) throw new IllegalArgumentException("error(type, handler) needs both");
        // Safe: the route is only ever called with instances of type.
        byType.add(new ByType(type, (ErrorRoute<Throwable>) route));
    }

    /** The page declared for {@code status}, or null. */
    public ErrorRoute<Throwable> forStatus(int status) {
        return status >= 0 && status < byStatus.length() ? byStatus.get(status) : null;
    }

    public boolean hasStatus(int status) {
        return forStatus(status) != null;
    }

    /** The first handler, in declaration order, whose class {@code error} is an instance of. */
    public ErrorRoute<Throwable> forException(Throwable error) {
        for (ByType candidate : byType) {
            if (candidate.type().isInstance(error)) return candidate.route();
        }
        return null;
    }

    /**
     * Replaces the response with the page declared for {@code status}, called with {@code cause}.
     *
     * @return false when no page is declared for {@code status}
     * @see #render
     */
    public boolean renderStatus(Env env, int status, Throwable cause) throws Exception {
        ErrorRoute<Throwable> page = forStatus(status);
        if (page == null) return false;
        render(env, status, page, cause);
        return true;
    }

    /**
     * Replaces the response with what {@code page} returns for {@code cause}, sent with
     * {@code status} unless the page sets another. A {@code halt} inside the page keeps what it
     * wrote; any other exception of the page propagates, so the exception handler (or, without
     * rescue, the server) deals with it.
     */
    public void render(Env env, int status, ErrorRoute<Throwable> page, Throwable cause) throws Exception {
        Response response = env.response();
        // Once streaming, the status and earlier output are on the wire: nothing can replace them.
        if (!internals.resetBody(response)) return;
        internals.markErrorPage(env);
        response.status(status);
        try {
            internals.writeResult(env, page.call(env, cause));
        } catch (HaltException halted) {
            // The page halted: what it wrote stands.
        }
    }

    /**
     * Answers a request no route matches: the declared 404 page, or Kemal's built-in one, in
     * every environment (DESIGN §7) and whether or not exceptions are rescued.
     */
    public void renderNotFound(Env env) throws Exception {
        if (hasStatus(404)
                && renderStatus(env, 404, new RouteNotFoundException(env.request().method(), env.request().path()))) {
            return;
        }
        Response response = env.response();
        if (!internals.resetBody(response)) return;
        response.status(404).contentType("text/html").print(ErrorPages.notFound());
    }
}
