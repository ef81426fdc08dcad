package kemal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import kemal.internal.json.Json;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;
import kemal.internal.server.Exchange;
import org.slf4j.LoggerFactory;

/**
 * The context of one request: its {@link Request}, its {@link Response}, its {@link Params},
 * and a store for values shared between filters, handlers and the route. Kemal's {@code env}.
 *
 * <pre>{@code
 * beforeGet("/", env -> env.set("is_kemal_cool", true));
 * get("/", env -> "Kemal cool = " + env.get("is_kemal_cool"));
 * get("/logout", env -> env.redirect("/login"));
 * }</pre>
 *
 * An Env belongs to the request's own thread; it is not meant to be shared across threads.
 */
public final class Env {
    /** The request each handler thread is working on (see {@link #current()}). */
    private static final ThreadLocal<Env> CURRENT = new ThreadLocal<>();

    private final App app;
    private final Request request;
    private final Response response;
    private Params params;
    private Map<String, Object> store;
    private RouteMatch<RouteEntry> route;
    private boolean routeResolved;
    private boolean errorPage;
    private RouteMatch<?> urlParamsMatch;
    private List<Path> tempFiles;

    Env(App app, Exchange exchange) {
        this.app = app;
        this.request = new Request(exchange);
        this.response = new Response(exchange);
        if (exchange.attachment() instanceof RouteMatch<?> match) {
            route = entryMatch(match);
            routeResolved = true;
        }
    }

    @SuppressWarnings("unchecked") // the application attaches only matches of its route table
    private static RouteMatch<RouteEntry> entryMatch(RouteMatch<?> match) {
        return (RouteMatch<RouteEntry>) match;
    }

    /**
     * The Env of the request this thread is handling, or {@code null} outside a request. For code
     * that cannot be handed the Env, such as templates and logging helpers.
     */
    public static Env current() {
        return CURRENT.get();
    }

    /** Makes this the thread's current Env until {@link #leave()}. */
    void enter() {
        CURRENT.set(this);
    }

    void leave() {
        CURRENT.remove();
    }

    public Request request() {
        return request;
    }

    public Response response() {
        return response;
    }

    /** URL, query, body and JSON parameters, each parsed on first use. */
    public Params params() {
        if (params == null) params = new Params(this);
        return params;
    }

    // ---- context storage --------------------------------------------------------------------

    /** Stores {@code value} under {@code key} for the rest of this request. */
    public Env set(String key, Object value) {
        if (store == null) store = new HashMap<>();
        store.put(key, value);
        return this;
    }

    /**
     * The value stored under {@code key}, typed as the caller expects.
     *
     * @throws NoSuchElementException when nothing is stored under {@code key}
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        if (store == null || !store.containsKey(key)) {
            throw new NoSuchElementException("Missing context key: \"" + key + "\"");
        }
        return (T) store.get(key);
    }

    /** The value stored under {@code key}, or {@code null} (Kemal's {@code env.get?}). */
    @SuppressWarnings("unchecked")
    public <T> T getOrNull(String key) {
        return store == null ? null : (T) store.get(key);
    }

    /** The value stored under {@code key} as {@code type}, or {@code null}. */
    public <T> T get(String key, Class<T> type) {
        return type.cast(getOrNull(key));
    }

    public boolean has(String key) {
        return store != null && store.containsKey(key);
    }

    // ---- response helpers -------------------------------------------------------------------

    /**
     * Redirects with 302 to {@code url} and closes the response: what the route writes or
     * returns afterwards is dropped. Returns this Env, so {@code env -> env.redirect("/login")}
     * is a complete route.
     */
    public Env redirect(String url) {
        return redirect(url, 302, null);
    }

    /** Redirects with {@code status} (301, 303, 307, ...) and closes the response. */
    public Env redirect(String url, int status) {
        return redirect(url, status, null);
    }

    /** Redirects with {@code status} and a body, then closes the response. */
    public Env redirect(String url, int status, String body) {
        response.status(status);
        response.headers().add("Location", url);
        if (body != null) response.print(body);
        response.close();
        return this;
    }

    /** Sets the response status and returns this Env, for chaining: {@code env.status(201).json(user)}. */
    public Env status(int code) {
        response.status(code);
        return this;
    }

    /** Writes {@code data} as JSON with {@code application/json}. */
    public Env json(Object data) {
        response.contentType("application/json");
        response.writeOwned(Json.toBytes(data));
        return this;
    }

    /** Writes {@code html} with {@code text/html; charset=utf-8}. */
    public Env html(String html) {
        response.contentType("text/html; charset=utf-8").print(html);
        return this;
    }

    /** Writes {@code text} with {@code text/plain; charset=utf-8}. */
    public Env text(String text) {
        response.contentType("text/plain; charset=utf-8").print(text);
        return this;
    }

    /** Writes {@code xml} with {@code application/xml; charset=utf-8}. */
    public Env xml(String xml) {
        response.contentType("application/xml; charset=utf-8").print(xml);
        return this;
    }

    // ---- framework internals ----------------------------------------------------------------

    App app() {
        return app;
    }

    /** The route that answers this request (HEAD falls back to GET), looked up once; null if none. */
    RouteMatch<RouteEntry> routeMatch() {
        if (!routeResolved) {
            route = app.routes().lookup(request.method(), request.path());
            routeResolved = true;
        }
        return route;
    }

    /** Records a temporary file (an upload) to delete when the request ends. */
    void addTempFile(Path file) {
        if (tempFiles == null) tempFiles = new ArrayList<>(2);
        tempFiles.add(file);
    }

    /** Deletes this request's temporary files; called when the request ends, however it ends. */
    void deleteTempFiles() {
        if (tempFiles == null) return;
        for (Path file : tempFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LoggerFactory.getLogger("kemal").warn("Could not delete the upload {}: {}", file, e.toString());
            }
        }
        tempFiles = null;
    }

    void markErrorPage() {
        errorPage = true;
    }

    boolean hasErrorPage() {
        return errorPage;
    }

    /** The match that {@code params().url()} reads: a WebSocket route's, else the HTTP route's. */
    RouteMatch<?> urlParamsMatch() {
        return urlParamsMatch != null ? urlParamsMatch : routeMatch();
    }

    /** Takes URL params from {@code match} (the WebSocket route of an upgrade request). */
    void useUrlParams(RouteMatch<?> match) {
        urlParamsMatch = match;
        if (params != null) params.forgetUrlParams();
    }

    /** Forgets the matched route and its URL params, after the method was overridden. */
    void resetRoute() {
        routeResolved = false;
        route = null;
        if (params != null) params.forgetUrlParams();
    }

    @Override
    public String toString() {
        return "Env[" + request + "]";
    }
}
