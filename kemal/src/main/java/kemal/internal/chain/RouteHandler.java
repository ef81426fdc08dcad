package kemal.internal.chain;

import java.util.Locale;
import kemal.Env;
import kemal.HaltException;
import kemal.Handler;
import kemal.HttpException;
import kemal.Request;
import kemal.internal.KemalInternals;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;

/**
 * Last in the chain: runs the matched route and writes what it returns. No route gives the 404
 * page; a status the route left that has an {@code error} page gives that page instead of the
 * route's output. Both are rendered here rather than thrown, so they work the same with
 * {@code alwaysRescue(false)}, where only real exceptions escape.
 */
public final class RouteHandler extends Handler {
    private final ErrorHandlers errors;
    private final KemalInternals internals = KemalInternals.get();

    public RouteHandler(ErrorHandlers errors) {
        this.errors = errors;
    }

    @Override
    public void call(Env env) throws Exception {
        // A handler before us already answered (a redirect or halt that still called next).
        if (env.response().isClosed()) return;
        // A body known to be over the limit or malformed is refused before any route runs.
        internals.checkBody(env);
        RouteMatch<RouteEntry> match = internals.routeMatch(env);
        if (match == null) {
            errors.renderNotFound(env);
            return;
        }
        Request request = env.request();
        if (request.method().equals("QUERY")) checkQueryRequest(request);
        Object result;
        try {
            result = match.payload().handler().call(env);
        } catch (HaltException halted) {
            return;
        }
        if (env.response().isClosed()) return;
        int status = env.response().status();
        if (errors.hasStatus(status)) {
            errors.renderStatus(env, status, new StatusHandlerException(status));
            return;
        }
        internals.writeResult(env, result);
    }

    /** RFC 10008: a QUERY with content must say what the content is. */
    private static void checkQueryRequest(Request request) {
        String transferEncoding = request.header("Transfer-Encoding");
        boolean hasBody = (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked"))
                || request.contentLength() > 0;
        String type = request.contentType();
        if (hasBody && (type == null || type.isBlank())) {
            throw new HttpException(400, "QUERY request with a body requires a Content-Type header");
        }
    }
}
