package kemal.internal.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kemal.Route;

/**
 * Every HTTP route of an application: one radix tree per method, and a bounded LRU cache of
 * recent lookups (Kemal's {@code max_route_cache_size}). Routes without parameters are answered
 * by an exact map lookup before the cache, which would only be slower for them.
 */
public final class RouteTable {
    private final Map<String, RadixTree<RouteEntry>> trees = new ConcurrentHashMap<>();
    private volatile LookupCache<RouteMatch<RouteEntry>> cache;
    private volatile boolean anyOnEventLoop;

    public RouteTable(int cacheSize) {
        this.cache = new LookupCache<>(cacheSize);
    }

    /** Changes the cache capacity (0 turns caching off). */
    public void cacheSize(int size) {
        cache = new LookupCache<>(size);
    }

    /**
     * Adds a route.
     *
     * @throws IllegalArgumentException when the path does not start with '/', duplicates or
     *     shadows a route of the same method, or the route has no block
     */
    public void add(String method, String path, Route route) {
        add(method, path, route, false);
    }

    /** Adds a route whose block runs on the event loop when {@code onEventLoop}; see {@link #add(String, String, Route)}. */
    public void add(String method, String path, Route route, boolean onEventLoop) {
        if (path == null || !path.startsWith("/")) {
            String verb = method.toLowerCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException("Route declaration " + verb + " \"" + path
                    + "\" needs to start with '/', should be " + verb + " \"/" + path + "\"");
        }
        // Refused now rather than as a NullPointerException on every request to the path.
        if (route == null) throw new IllegalArgumentException("Route " + method + " " + path + " has no block");
        RadixTree<RouteEntry> tree = trees.computeIfAbsent(method, m -> new RadixTree<>());
        try {
            tree.add(path, new RouteEntry(method, path, route, onEventLoop));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(method + " " + e.getMessage(), e);
        }
        cache.clear();
        if (onEventLoop) anyOnEventLoop = true;
    }

    /** Whether some route was declared non-blocking: only then is a lookup on the event loop worth it. */
    public boolean hasEventLoopRoutes() {
        return anyOnEventLoop;
    }

    /**
     * Finds the route for a request. A HEAD request without a HEAD route is answered by the GET
     * route, as in Kemal.
     */
    public RouteMatch<RouteEntry> lookup(String method, String path) {
        RadixTree<RouteEntry> tree = trees.get(method);
        if (tree != null) {
            RouteMatch<RouteEntry> exact = tree.findStatic(path);
            if (exact != null) return exact;
        }
        LookupCache<RouteMatch<RouteEntry>> cache = this.cache;
        String key = method + ' ' + path;
        RouteMatch<RouteEntry> match = cache.get(key);
        if (match != null) return match;
        match = tree == null ? null : tree.find(path);
        if (match == null && method.equals("HEAD")) {
            RadixTree<RouteEntry> get = trees.get("GET");
            if (get != null) match = get.find(path);
        }
        if (match != null) cache.put(key, match);
        return match;
    }

    /** Whether no route was added. */
    public boolean isEmpty() {
        for (RadixTree<RouteEntry> tree : trees.values()) {
            if (!tree.isEmpty()) return false;
        }
        return true;
    }
}
