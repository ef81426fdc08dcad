package kemal;

/**
 * An error handler's block: receives the request and the error, returns the page to write (same
 * rules as {@link Route}).
 *
 * <pre>{@code
 * error(ValueError.class, (env, ex) -> "Something has gone wrong");
 * }</pre>
 *
 * @param <E> the exception type handled
 */
@FunctionalInterface
public interface ErrorRoute<E extends Throwable> {
    Object call(Env env, E error) throws Exception;
}
