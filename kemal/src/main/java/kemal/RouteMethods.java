package kemal;

/**
 * The route-declaring verbs shared by {@link App} and routers: {@code get}, {@code post},
 * {@code put}, {@code patch}, {@code delete}, {@code options}, {@code head} and {@code query},
 * each taking a {@link Route}.
 *
 * @param <T> the declaring type, returned for chaining
 */
abstract class RouteMethods<T extends RouteMethods<T>> {

    /** Declares a route for {@code method} (upper case) at {@code path}. */
    abstract void addRoute(String method, String path, Route route);

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

}
