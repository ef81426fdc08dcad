package kemal.internal.chain;

import kemal.Env;
import kemal.HaltException;
import kemal.Handler;
import kemal.HttpException;
import kemal.Request;
import kemal.internal.KemalInternals;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;

/**
 * Last in the chain: runs the matched route and writes what it returns. No route is a 404; a
 * status the route set that has an {@code error} handler renders that handler instead.
 */
public final class RouteHandler extends Handler {
    private final ErrorHandlers errors;
    private final KemalInternals internals = KemalInternals.get();

    public RouteHandler(ErrorHandlers errors) {
        this.errors = errors;
    }

    @Override
    public void call(Env env) throws Exception {
        // A body known to be over the limit or malformed is refused before any route runs.
        internals.checkBody(env);
        RouteMatch<RouteEntry> match = internals.routeMatch(env);
        Request request = env.request();
        if (match == null) throw new RouteNotFoundException(request.method(), request.path());
        if (request.method().equals("QUERY")) checkQueryRequest(request);
        Object result;
        try {
            result = match.payload().handler().call(env);
        } catch (HaltException halted) {
            return;
        }
        if (env.response().isClosed()) return;
        if (errors.hasStatus(env.response().status())) {
            throw new StatusHandlerException(env.response().status());
        }
        internals.writeResult(env, result);
    }

    /** RFC 10008: a QUERY with content must say what the content is. */
    private static void checkQueryRequest(Request request) {
        String transferEncoding = request.header("Transfer-Encoding");
        boolean hasBody = (transferEncoding != null && transferEncoding.toLowerCase(java.util.Locale.ROOT).contains("chunked"))
                || request.contentLength() > 0;
        String type = request.contentType();
        if (hasBody && (type == null || type.isBlank())) {
            throw new HttpException(400, "QUERY request with a body requires a Content-Type header");
        }
    }
}
