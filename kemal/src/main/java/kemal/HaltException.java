package kemal;

/**
 * Thrown by {@link Kemal#halt(Env, int, Object)} to stop the current route, filter or handler
 * after the response was written and closed. The framework catches it; if you catch broad
 * exceptions around code that may halt, rethrow this one.
 */
public final class HaltException extends RuntimeException {
    static final HaltException INSTANCE = new HaltException();

    private HaltException() {
        super("halt", null, false, false);
    }
}
