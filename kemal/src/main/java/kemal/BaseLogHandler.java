package kemal;

/**
 * The base of request loggers, Kemal's {@code Kemal::BaseLogHandler}. Subclass it and register
 * the instance with {@code Kemal.config().logger(...)} to replace the built-in request log.
 *
 * <pre>{@code
 * class MyCustomLogger extends BaseLogHandler {
 *     public void call(Env env) throws Exception {
 *         System.out.println("Custom logger is in action.");
 *         callNext(env);
 *     }
 *     public void write(String message) {}
 * }
 * }</pre>
 */
public abstract class BaseLogHandler extends Handler {
    /** Writes one log message. */
    public abstract void write(String message);
}
