package kemal.internal.chain;

import kemal.Env;
import kemal.HaltException;
import kemal.Handler;
import kemal.internal.KemalInternals;
import kemal.internal.chain.FilterTable.Phase;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;

/**
 * Runs the before and after filters around the rest of the chain, in Kemal's order:
 * {@code before_all → before_<verb> → route → after_<verb> → after_all}. A HEAD request answered
 * by a GET route also runs the GET filters. For an unknown route only the {@code before_all}
 * filters run, then the 404 unless one of them answered. If a before filter leaves a status that
 * has an {@code error} handler, that handler renders instead of the route, and no after filter
 * runs. A before filter that closes the response ({@code halt}, {@code redirect}) answers the
 * request: the route is skipped (a halt also skips the remaining before filters), the after
 * filters still run.
 */
public final class FilterHandler extends Handler {
    private final FilterTable filters;
    private final ErrorHandlers errors;
    private final KemalInternals internals = KemalInternals.get();

    public FilterHandler(FilterTable filters, ErrorHandlers errors) {
        this.filters = filters;
        this.errors = errors;
    }

    @Override
    public void call(Env env) throws Exception {
        RouteMatch<RouteEntry> route = internals.routeMatch(env);
        if (route == null) {
            runBefore(env, null, null, false);
            // A before_all filter may answer an unknown route (a redirect for an old path).
            if (!env.response().isClosed()) callNext(env);
            return;
        }
        String method = env.request().method();
        // A HEAD answered by the GET route is guarded by the GET filters too.
        boolean headAsGet = method.equals("HEAD") && route.payload().method().equals("GET");
        runBefore(env, route, method, headAsGet);
        int status = env.response().status();
        // A before filter left a status with an error page: the page answers, as in Kemal.
        if (errors.renderStatus(env, status, new StatusHandlerException(status))) return;
        // A filter that closed the response (halt, redirect) answered the request: as in Kemal,
        // the route must not run, or a guard that redirects would still let a DELETE through.
        if (!env.response().isClosed()) callNext(env);
        // Neither do after filters run when an error page replaced the route's output.
        if (internals.hasErrorPage(env)) return;
        try {
            if (headAsGet) filters.run(Phase.AFTER, "GET", env, route);
            filters.run(Phase.AFTER, method, env, route);
            filters.run(Phase.AFTER, "ALL", env, route);
        } catch (HaltException halt) {
            // The response is closed; the remaining after filters are skipped.
        }
    }

    /** The before filters: only {@code before_all} for an unknown route ({@code route} null). */
    private void runBefore(Env env, RouteMatch<RouteEntry> route, String method, boolean headAsGet) throws Exception {
        try {
            filters.run(Phase.BEFORE, "ALL", env, route);
            if (route == null) return;
            filters.run(Phase.BEFORE, method, env, route);
            if (headAsGet) filters.run(Phase.BEFORE, "GET", env, route);
        } catch (HaltException halt) {
            // The response is closed: the remaining before filters and the route are skipped.
        }
    }
}
