package kemal.internal.chain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import kemal.Action;
import kemal.Env;
import kemal.internal.routing.PathPattern;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;

/**
 * The before and after filters of an application, by verb ({@code ALL}, {@code GET}, ...).
 * For one verb, the global filters ({@code *}) run first, then every path filter whose pattern
 * matches, each group in definition order. Kemal runs only the single best path match; running
 * all of them is a deliberate improvement (DESIGN §7).
 */
public final class FilterTable {
    /** When a filter runs relative to the route. */
    public enum Phase { BEFORE, AFTER }

    /**
     * A filter guarding requests whose path matches {@code pattern}, or, for a router's filter,
     * requests answered by the route declared for {@code routeMethod} at {@code routePattern}.
     */
    private record Filter(PathPattern pattern, String routeMethod, String routePattern, Action block) {
        boolean applies(String path, RouteMatch<RouteEntry> route) {
            if (routePattern == null) return pattern.matches(path);
            return route != null && route.payload().path().equals(routePattern)
                    && route.payload().method().equals(routeMethod);
        }
    }

    /** The filters of one phase and verb. */
    private record VerbFilters(List<Filter> global, List<Filter> byPath) {
        VerbFilters() {
            this(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        }
    }

    private final Map<String, VerbFilters> before = new ConcurrentHashMap<>();
    private final Map<String, VerbFilters> after = new ConcurrentHashMap<>();
    /** Waits for the first filter; null once it ran (or when nobody waits). */
    private Runnable onFirstFilter;

    /**
     * Adds a filter.
     *
     * @param verb {@code ALL} or an HTTP method
     * @param path {@code *} (or {@code /*}) for every path, else a route-style pattern
     */
    public synchronized void add(Phase phase, String verb, String path, Action block) {
        if (block == null) throw new IllegalArgumentException("filter block is null");
        PathPattern pattern = PathPattern.of(path);
        VerbFilters filters = filters(phase, verb);
        (pattern.matchesEverything() ? filters.global() : filters.byPath()).add(new Filter(pattern, null, null, block));
        added();
    }

    /**
     * Adds a filter that guards only the route declared for {@code routeMethod} at
     * {@code routePattern}: how a router's filters stay inside the router, even when a route
     * outside it has a matching path, or the same path under another method.
     */
    public synchronized void addForRoute(Phase phase, String verb, String routeMethod, String routePattern,
            Action block) {
        filters(phase, verb).byPath().add(new Filter(null, routeMethod, routePattern, block));
        added();
    }

    public boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }

    /**
     * Runs {@code action} once there is a filter: now if there is one already, else when the
     * first is added. The chain uses it to add its filter step only when filters exist, even
     * when the first one is declared after the application started.
     */
    public synchronized void onFirstFilter(Runnable action) {
        if (isEmpty()) {
            onFirstFilter = action;
        } else {
            action.run();
        }
    }

    private VerbFilters filters(Phase phase, String verb) {
        Map<String, VerbFilters> table = phase == Phase.BEFORE ? before : after;
        return table.computeIfAbsent(verb.toUpperCase(Locale.ROOT), v -> new VerbFilters());
    }

    private void added() {
        Runnable action = onFirstFilter;
        onFirstFilter = null;
        if (action != null) action.run();
    }

    /** Runs the {@code phase} filters registered for {@code verb} that match the request path. */
    public void run(Phase phase, String verb, Env env, RouteMatch<RouteEntry> route) throws Exception {
        VerbFilters filters = (phase == Phase.BEFORE ? before : after).get(verb);
        if (filters == null) return;
        for (Filter filter : filters.global()) filter.block().call(env);
        if (filters.byPath().isEmpty()) return;
        String path = env.request().path();
        for (Filter filter : filters.byPath()) {
            if (filter.applies(path, route)) filter.block().call(env);
        }
    }
}
