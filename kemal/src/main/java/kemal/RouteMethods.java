package kemal;

import java.util.List;
import kemal.internal.chain.FilterTable.Phase;

/**
 * The route and filter declarations shared by {@link App} and {@link Router}: the verbs
 * {@code get}, {@code post}, {@code put}, {@code patch}, {@code delete}, {@code options},
 * {@code head} and {@code query}, each taking a {@link Route}; and the filters
 * {@code beforeAll}, {@code beforeGet}, ... {@code afterQuery}, each taking an {@link Action}
 * for every path, one path, or a list of paths.
 *
 * <p>Filters run {@code before_all → before_<verb> → route → after_<verb> → after_all}; several
 * on the same verb and path run in the order they were declared.
 *
 * @param <T> the declaring type, returned for chaining
 */
abstract class RouteMethods<T extends RouteMethods<T>> {

    /** Declares a route for {@code method} (upper case) at {@code path}. */
    abstract void addRoute(String method, String path, Route route);

    /** Declares a filter for {@code verb} ({@code ALL} or a method) at {@code path}. */
    abstract void addFilter(Phase phase, String verb, String path, Action filter);

    /** Declares a WebSocket route at {@code path}. */
    abstract void addWebSocket(String path, WebSocketRoute route);

    /**
     * A WebSocket route: {@code ws("/chat/:room", (socket, env) -> ...)}. The block runs after the
     * handshake; its URL params are in {@code env.params().url()}. A plain HTTP request to the
     * same path goes to the HTTP routes.
     */
    /**
     * A server-sent events route (a GET): {@code sse("/events", (stream, env) -> stream.send("hi"))}.
     * The response is {@code text/event-stream}; the stream ends when the block returns.
     */
    public T sse(String path, EventStreamRoute route) {
        if (route == null) throw new IllegalArgumentException("SSE route block is null");
        return get(path, ServerSentEvents.route(route));
    }

    @SuppressWarnings("unchecked")
    public T ws(String path, WebSocketRoute route) {
        if (route == null) throw new IllegalArgumentException("WebSocket route block is null");
        addWebSocket(path, route);
        return (T) this;
    }

    @SuppressWarnings("unchecked")
    T filter(Phase phase, String verb, List<String> paths, Action filter) {
        if (filter == null) throw new IllegalArgumentException("filter is null");
        if (paths == null) throw new IllegalArgumentException("filter paths are null");
        for (String path : paths) {
            if (path == null) throw new IllegalArgumentException("filter path is null");
            addFilter(phase, verb, path, filter);
        }
        return (T) this;
    }

    /** A list of one path that, unlike {@code List.of}, leaves a null for {@link #filter} to report. */
    private static List<String> onePath(String path) {
        return java.util.Collections.singletonList(path);
    }

    @SuppressWarnings("unchecked")
    private T declare(String method, String path, Route route) {
        addRoute(method, path, route);
        return (T) this;
    }

    /** {@code GET path}: read data, show pages. HEAD requests are answered by it too. */
    public T get(String path, Route route) {
        return declare("GET", path, route);
    }


    /** {@code POST path}: create resources, submit forms. */
    public T post(String path, Route route) {
        return declare("POST", path, route);
    }


    /** {@code PUT path}: replace a resource. */
    public T put(String path, Route route) {
        return declare("PUT", path, route);
    }


    /** {@code PATCH path}: update part of a resource. */
    public T patch(String path, Route route) {
        return declare("PATCH", path, route);
    }


    /** {@code DELETE path}: remove a resource. */
    public T delete(String path, Route route) {
        return declare("DELETE", path, route);
    }


    /** {@code OPTIONS path}. There is no automatic OPTIONS answer, as in Kemal. */
    public T options(String path, Route route) {
        return declare("OPTIONS", path, route);
    }


    /** {@code HEAD path}: overrides the GET route's automatic HEAD answer. */
    public T head(String path, Route route) {
        return declare("HEAD", path, route);
    }


    /** {@code QUERY path} (RFC 10008): a safe request with a body describing the query. */
    public T query(String path, Route route) {
        return declare("QUERY", path, route);
    }

    // ---- filters ----------------------------------------------------------------------------

    /** Before every request, whatever its method and path. */
    public T beforeAll(Action filter) {
        return filter(Phase.BEFORE, "ALL", List.of("*"), filter);
    }

    /** Before requests to {@code path} ({@code *} for every path), whatever their method. */
    public T beforeAll(String path, Action filter) {
        return filter(Phase.BEFORE, "ALL", onePath(path), filter);
    }

    public T beforeAll(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "ALL", paths, filter);
    }

    /** Before every GET (and HEAD answered by GET) request. */
    public T beforeGet(Action filter) {
        return filter(Phase.BEFORE, "GET", List.of("*"), filter);
    }

    /** Before GET (and HEAD answered by GET) requests to {@code path} ({@code *} for every path). */
    public T beforeGet(String path, Action filter) {
        return filter(Phase.BEFORE, "GET", onePath(path), filter);
    }

    public T beforeGet(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "GET", paths, filter);
    }

    /** Before every POST request. */
    public T beforePost(Action filter) {
        return filter(Phase.BEFORE, "POST", List.of("*"), filter);
    }

    /** Before POST requests to {@code path} ({@code *} for every path). */
    public T beforePost(String path, Action filter) {
        return filter(Phase.BEFORE, "POST", onePath(path), filter);
    }

    public T beforePost(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "POST", paths, filter);
    }

    /** Before every PUT request. */
    public T beforePut(Action filter) {
        return filter(Phase.BEFORE, "PUT", List.of("*"), filter);
    }

    /** Before PUT requests to {@code path} ({@code *} for every path). */
    public T beforePut(String path, Action filter) {
        return filter(Phase.BEFORE, "PUT", onePath(path), filter);
    }

    public T beforePut(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "PUT", paths, filter);
    }

    /** Before every PATCH request. */
    public T beforePatch(Action filter) {
        return filter(Phase.BEFORE, "PATCH", List.of("*"), filter);
    }

    /** Before PATCH requests to {@code path} ({@code *} for every path). */
    public T beforePatch(String path, Action filter) {
        return filter(Phase.BEFORE, "PATCH", onePath(path), filter);
    }

    public T beforePatch(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "PATCH", paths, filter);
    }

    /** Before every DELETE request. */
    public T beforeDelete(Action filter) {
        return filter(Phase.BEFORE, "DELETE", List.of("*"), filter);
    }

    /** Before DELETE requests to {@code path} ({@code *} for every path). */
    public T beforeDelete(String path, Action filter) {
        return filter(Phase.BEFORE, "DELETE", onePath(path), filter);
    }

    public T beforeDelete(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "DELETE", paths, filter);
    }

    /** Before every OPTIONS request. */
    public T beforeOptions(Action filter) {
        return filter(Phase.BEFORE, "OPTIONS", List.of("*"), filter);
    }

    /** Before OPTIONS requests to {@code path} ({@code *} for every path). */
    public T beforeOptions(String path, Action filter) {
        return filter(Phase.BEFORE, "OPTIONS", onePath(path), filter);
    }

    public T beforeOptions(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "OPTIONS", paths, filter);
    }

    /** Before every QUERY request. */
    public T beforeQuery(Action filter) {
        return filter(Phase.BEFORE, "QUERY", List.of("*"), filter);
    }

    /** Before QUERY requests to {@code path} ({@code *} for every path). */
    public T beforeQuery(String path, Action filter) {
        return filter(Phase.BEFORE, "QUERY", onePath(path), filter);
    }

    public T beforeQuery(List<String> paths, Action filter) {
        return filter(Phase.BEFORE, "QUERY", paths, filter);
    }

    /** After every request, whatever its method and path. */
    public T afterAll(Action filter) {
        return filter(Phase.AFTER, "ALL", List.of("*"), filter);
    }

    /** After requests to {@code path} ({@code *} for every path), whatever their method. */
    public T afterAll(String path, Action filter) {
        return filter(Phase.AFTER, "ALL", onePath(path), filter);
    }

    public T afterAll(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "ALL", paths, filter);
    }

    /** After every GET (and HEAD answered by GET) request. */
    public T afterGet(Action filter) {
        return filter(Phase.AFTER, "GET", List.of("*"), filter);
    }

    /** After GET (and HEAD answered by GET) requests to {@code path} ({@code *} for every path). */
    public T afterGet(String path, Action filter) {
        return filter(Phase.AFTER, "GET", onePath(path), filter);
    }

    public T afterGet(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "GET", paths, filter);
    }

    /** After every POST request. */
    public T afterPost(Action filter) {
        return filter(Phase.AFTER, "POST", List.of("*"), filter);
    }

    /** After POST requests to {@code path} ({@code *} for every path). */
    public T afterPost(String path, Action filter) {
        return filter(Phase.AFTER, "POST", onePath(path), filter);
    }

    public T afterPost(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "POST", paths, filter);
    }

    /** After every PUT request. */
    public T afterPut(Action filter) {
        return filter(Phase.AFTER, "PUT", List.of("*"), filter);
    }

    /** After PUT requests to {@code path} ({@code *} for every path). */
    public T afterPut(String path, Action filter) {
        return filter(Phase.AFTER, "PUT", onePath(path), filter);
    }

    public T afterPut(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "PUT", paths, filter);
    }

    /** After every PATCH request. */
    public T afterPatch(Action filter) {
        return filter(Phase.AFTER, "PATCH", List.of("*"), filter);
    }

    /** After PATCH requests to {@code path} ({@code *} for every path). */
    public T afterPatch(String path, Action filter) {
        return filter(Phase.AFTER, "PATCH", onePath(path), filter);
    }

    public T afterPatch(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "PATCH", paths, filter);
    }

    /** After every DELETE request. */
    public T afterDelete(Action filter) {
        return filter(Phase.AFTER, "DELETE", List.of("*"), filter);
    }

    /** After DELETE requests to {@code path} ({@code *} for every path). */
    public T afterDelete(String path, Action filter) {
        return filter(Phase.AFTER, "DELETE", onePath(path), filter);
    }

    public T afterDelete(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "DELETE", paths, filter);
    }

    /** After every OPTIONS request. */
    public T afterOptions(Action filter) {
        return filter(Phase.AFTER, "OPTIONS", List.of("*"), filter);
    }

    /** After OPTIONS requests to {@code path} ({@code *} for every path). */
    public T afterOptions(String path, Action filter) {
        return filter(Phase.AFTER, "OPTIONS", onePath(path), filter);
    }

    public T afterOptions(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "OPTIONS", paths, filter);
    }

    /** After every QUERY request. */
    public T afterQuery(Action filter) {
        return filter(Phase.AFTER, "QUERY", List.of("*"), filter);
    }

    /** After QUERY requests to {@code path} ({@code *} for every path). */
    public T afterQuery(String path, Action filter) {
        return filter(Phase.AFTER, "QUERY", onePath(path), filter);
    }

    public T afterQuery(List<String> paths, Action filter) {
        return filter(Phase.AFTER, "QUERY", paths, filter);
    }
}
