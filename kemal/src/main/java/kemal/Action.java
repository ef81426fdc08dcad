package kemal;

/**
 * A block that acts on the request and returns nothing: a filter.
 *
 * <pre>{@code
 * beforeGet("/foo", env -> env.response().contentType("application/json"));
 * }</pre>
 */
@FunctionalInterface
public interface Action {
    void call(Env env) throws Exception;
}
