package kemal.internal.chain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>A router's filters are indexed by the path of the route they guard, so a request only
 * looks at the filters of its own route, however many routes the routers have.
 */
public final class FilterTable {
    /** When a filter runs relative to the route. */
    public enum Phase { BEFORE, AFTER }

    private static final Filter[] NONE = {};

    /**
     * A filter guarding requests whose path matches {@code pattern}, or, for a router's filter
     * ({@code pattern} null), requests answered by its route: the route declared for
     * {@code routeMethod} at the path it is indexed under.
     */
    private record Filter(PathPattern pattern, String routeMethod, Action block) {
        boolean applies(String path, RouteMatch<RouteEntry> route) {
            if (pattern != null) return pattern.matches(path);
            return route.payload().method().equals(routeMethod);
        }
    }

    /**
     * The filters of one phase and verb. Arrays are replaced, never changed, so requests read
     * them without locks while filters are added under the table's lock.
     */
    private static final class VerbFilters {
        volatile Filter[] global = NONE;
        /** The path filters, in definition order: the candidates for routes without router filters. */
        volatile Filter[] byPattern = NONE;
        /** For each route path with router filters: the path filters and its router filters, in definition order. */
        final Map<String, Filter[]> byRoutePath = new ConcurrentHashMap<>();

        void addGlobal(Filter filter) {
            global = append(global, filter);
        }

        void addPattern(Filter filter) {
            byPattern = append(byPattern, filter);
            byRoutePath.replaceAll((path, filters) -> append(filters, filter));
        }

        void addForRoute(String routePath, Filter filter) {
            byRoutePath.compute(routePath, (path, filters) -> append(filters == null ? byPattern : filters, filter));
        }

        /** The path filters that may apply to a request answered by {@code route} (null: none). */
        Filter[] candidates(RouteMatch<RouteEntry> route) {
            if (route != null && !byRoutePath.isEmpty()) {
                Filter[] filters = byRoutePath.get(route.payload().path());
                if (filters != null) return filters;
            }
            return byPattern;
        }

        private static Filter[] append(Filter[] filters, Filter filter) {
            Filter[] longer = Arrays.copyOf(filters, filters.length + 1);
            longer[filters.length] = filter;
            return longer;
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
        if (pattern.matchesEverything()) {
            filters.addGlobal(new Filter(pattern, null, block));
        } else {
            filters.addPattern(new Filter(pattern, null, block));
        }
        added();
    }

    /**
     * Adds a filter that guards only the route declared for {@code routeMethod} at
     * {@code routePattern}: how a router's filters stay inside the router, even when a route
     * outside it has a matching path, or the same path under another method.
     */
    public synchronized void addForRoute(Phase phase, String verb, String routeMethod, String routePattern,
            Action block) {
        if (block == null) throw new IllegalArgumentException("filter block is null");
        filters(phase, verb).addForRoute(routePattern, new Filter(null, routeMethod, block));
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
        for (Filter filter : filters.global) filter.block().call(env);
        Filter[] candidates = filters.candidates(route);
        if (candidates.length == 0) return;
        String path = env.request().path();
        for (Filter filter : candidates) {
            if (filter.applies(path, route)) filter.block().call(env);
        }
    }
}
