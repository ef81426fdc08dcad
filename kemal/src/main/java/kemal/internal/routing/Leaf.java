package kemal.internal.routing;

/**
 * What a route stores at the node where its pattern ends. Immutable, so publishing it through a
 * volatile field is enough for concurrent readers.
 */
final class Leaf<T> {
    final T payload;
    final String pattern;
    final String[] paramNames;
    /** Shared result for routes without parameters, so matching them allocates nothing. */
    final RouteMatch<T> staticMatch;

    Leaf(T payload, RoutePattern pattern) {
        this.payload = payload;
        this.pattern = pattern.source();
        this.paramNames = pattern.paramNames();
        this.staticMatch = paramNames.length == 0
                ? new RouteMatch<>(payload, this.pattern, paramNames, paramNames)
                : null;
    }
}
