package kemal.internal.chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kemal.Config;
import kemal.Cookie;
import kemal.Env;
import kemal.ErrorRoute;
import kemal.HaltException;
import kemal.Handler;
import kemal.HttpException;
import kemal.Request;
import kemal.Response;
import kemal.internal.KemalInternals;
import kemal.internal.errors.ErrorPages;
import kemal.internal.errors.ExceptionDetails;
import kemal.internal.errors.ExceptionPage;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;
import kemal.internal.server.ClientGoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever the rest of the chain throws into a response (Kemal's ExceptionHandler):
 * <ol>
 *   <li>{@link RouteNotFoundException} (from a handler that answers "no such route" itself): the
 *       {@code error 404} handler, or the built-in 404 page;</li>
 *   <li>{@link StatusHandlerException}, a status with a handler left by a filter: that handler;</li>
 *   <li>an {@link HttpException} (bad input, body too large...): the handler for its status, or
 *       its message as plain text;</li>
 *   <li>any other exception: the first matching {@code error(SomeException.class)} handler, else
 *       {@code error 500}, else the built-in 500 page (the exception page in development, a
 *       plain page in production).</li>
 * </ol>
 * If a handler fails in turn, the built-in 500 page is the last resort. Once the response is
 * streaming, nothing can be rendered: the connection is closed instead, so the client sees an
 * incomplete response rather than a clean one.
 */
public final class ExceptionHandler extends Handler {
    private static final Logger log = LoggerFactory.getLogger("kemal");

    private final ErrorHandlers errors;
    private final Config config;
    private final KemalInternals internals = KemalInternals.get();

    public ExceptionHandler(ErrorHandlers errors, Config config) {
        this.errors = errors;
        this.config = config;
    }

    @Override
    public void call(Env env) throws Exception {
        try {
            callNext(env);
        } catch (HaltException halted) {
            // The response was written and closed by halt.
        } catch (Throwable error) {
            handle(env, error);
        }
    }

    private void handle(Env env, Throwable error) {
        Response response = env.response();
        if (error instanceof ClientGoneException) {
            internals.abort(response);
            return;
        }
        boolean expected = error instanceof RouteNotFoundException || error instanceof StatusHandlerException
                || error instanceof HttpException;
        if (!expected) log.error("Exception on {} {}", env.request().method(), env.request().resource(), error);
        if (response.isClosed()) return;
        if (response.isCommitted()) {
            internals.abort(response);
            return;
        }
        if (error instanceof RouteNotFoundException) {
            renderSafely(env, error, () -> errors.renderNotFound(env));
        } else if (error instanceof HttpException http) {
            renderStatusOrText(env, http.status(), error);
        } else if (error instanceof StatusHandlerException custom) {
            renderStatusOrText(env, custom.status(), error);
        } else {
            ErrorRoute<Throwable> handler = errors.forException(error);
            renderSafely(env, error, () -> {
                if (handler != null) errors.render(env, 500, handler, error);
                else if (!errors.renderStatus(env, 500, error)) renderServerError(env, error);
            });
        }
    }

    /** The page declared for {@code status}, else the error's message as plain text. */
    private void renderStatusOrText(Env env, int status, Throwable cause) {
        renderSafely(env, cause, () -> {
            if (!errors.renderStatus(env, status, cause)) renderText(env, status, cause.getMessage());
        });
    }

    /** A page written by user code; if that fails too, the built-in 500 page is the last resort. */
    private void renderSafely(Env env, Throwable cause, Rendering rendering) {
        try {
            rendering.run();
        } catch (Throwable failure) {
            if (failure instanceof ClientGoneException) {
                internals.abort(env.response());
                return;
            }
            log.error("The error handler for {} failed", cause.getClass().getName(), failure);
            Response response = env.response();
            if (!response.isClosed() && !response.isCommitted()) renderServerError(env, failure);
        }
    }

    @FunctionalInterface
    private interface Rendering {
        void run() throws Exception;
    }

    private void renderText(Env env, int status, String message) {
        if (!internals.resetBody(env.response())) return;
        env.response().status(status).contentType("text/plain; charset=utf-8").print(message);
    }

    private void renderServerError(Env env, Throwable error) {
        Response response = env.response();
        if (!internals.resetBody(response)) return;
        response.status(500).contentType("text/html");
        if (config.isProduction()) {
            response.print(ErrorPages.productionError());
            return;
        }
        response.header("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
        response.header("X-Content-Type-Options", "nosniff");
        response.print(ExceptionPage.render(details(env, error)));
    }

    private ExceptionDetails details(Env env, Throwable error) {
        Request request = env.request();
        List<Map.Entry<String, String>> requestHeaders = new ArrayList<>();
        request.headers().forEach(requestHeaders::add);
        List<Map.Entry<String, String>> responseHeaders = new ArrayList<>();
        env.response().headers().forEach(responseHeaders::add);
        Map<String, List<String>> query;
        try {
            query = env.params().query().toMap();
        } catch (RuntimeException unparsable) {
            query = Map.of();
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        try {
            for (Cookie c : request.cookies().values()) cookies.put(c.name(), c.value());
        } catch (RuntimeException unparsable) {
            // shown as none
        }
        Map<String, String> routeParams;
        RouteMatch<RouteEntry> match = internals.routeMatch(env);
        routeParams = match == null ? Map.of() : match.params();
        return new ExceptionDetails(500, request.method(), request.path(), request.queryString(), error,
                requestHeaders, query, cookies, routeParams, responseHeaders, config.env());
    }
}
