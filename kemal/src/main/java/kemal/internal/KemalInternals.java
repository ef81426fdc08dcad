package kemal.internal;

import io.netty.channel.local.LocalAddress;
import kemal.App;
import kemal.Env;
import kemal.Handler;
import kemal.Response;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;

/**
 * The few framework operations on public types that internal packages need but users must not
 * see (the JDK's "shared secrets" pattern). The {@code kemal} package installs the only
 * implementation when {@link App} is loaded.
 */
public abstract class KemalInternals {
    private static volatile KemalInternals instance;

    public static void install(KemalInternals implementation) {
        instance = implementation;
    }

    public static KemalInternals get() {
        KemalInternals current = instance;
        if (current == null) {
            try {
                Class.forName(App.class.getName(), true, App.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            current = instance;
        }
        return current;
    }

    /** The route answering this request, or null. */
    public abstract RouteMatch<RouteEntry> routeMatch(Env env);

    /** Writes a route or error handler's return value to the response. */
    public abstract void writeResult(Env env, Object result) throws Exception;

    /** Drops the buffered body for an error page; false once the response is streaming. */
    public abstract boolean resetBody(Response response);

    public abstract void markHeadRequest(Response response);

    /**
     * Kemal's default headers: {@code X-Powered-By} (null for none; validated by the caller once)
     * and {@code Content-Type: text/html} unless a handler set one already.
     */
    public abstract void setDefaultHeaders(Response response, String poweredBy);

    /** Ends a response that cannot be completed (the error came mid-stream). */
    public abstract void abort(Response response);

    /** Throws 413 or 400 now when the request body is known to be refused (too large, malformed). */
    public abstract void checkBody(Env env);

    /** Records that an error page replaced the route's output (after filters then stay out). */
    public abstract void markErrorPage(Env env);

    /** Whether an error page was rendered for this request. */
    public abstract boolean hasErrorPage(Env env);

    /** Sends a body of {@code byte[]} and file segments totalling {@code length} bytes. */
    public abstract void sendFileBody(Response response, long length, java.util.List<Object> parts)
            throws java.io.IOException;

    /** The body as a stream, buffered up to {@code threshold} bytes, chunked beyond. */
    public abstract java.io.OutputStream streamingOutput(Response response, int threshold);

    /** Makes {@code params().url()} read the WebSocket route match {@code match}. */
    public abstract void useUrlParams(Env env, RouteMatch<?> match);

    /** Sends the 101 response and installs the new protocol's handlers. */
    public abstract void upgrade(Response response, java.util.function.Consumer<io.netty.channel.ChannelPipeline> install);

    /** Links {@code handler} to the one that {@code callNext} calls. */
    public abstract void link(Handler handler, Handler next);

    /** Serves {@code app} on an in-process address (the test kit's transport). */
    public abstract LocalAddress startInProcess(App app);

    /**
     * Reports exceptions that escape the chain (with {@code alwaysRescue(false)}) to
     * {@code listener}, so the test kit can rethrow them in the test.
     */
    public abstract void onUnhandledException(App app, java.util.function.Consumer<Throwable> listener);
}
