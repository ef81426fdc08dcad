package kemal;

/**
 * A middleware in the request chain, Kemal's {@code Kemal::Handler}. Override {@link #call} and
 * pass the request on with {@link #callNext}; a handler that does neither writes nor calls next
 * ends the request with what it wrote (an empty 200 if nothing).
 *
 * <pre>{@code
 * class CustomHandler extends Handler {
 *     public void call(Env env) throws Exception {
 *         env.response().header("X-Custom", "1");
 *         callNext(env);
 *     }
 * }
 * addHandler(new CustomHandler());
 * }</pre>
 *
 * A handler instance belongs to one application's chain.
 */
public abstract class Handler {
    private Handler next;

    /** Handles the request; call {@link #callNext} to continue down the chain. */
    public abstract void call(Env env) throws Exception;

    /** Runs the rest of the chain. */
    public final void callNext(Env env) throws Exception {
        Handler n = next;
        if (n != null) n.call(env);
    }

    final void next(Handler next) {
        this.next = next;
    }
}
