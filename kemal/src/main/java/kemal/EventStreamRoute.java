package kemal;

/** An {@code sse} route's block: sends events on {@code stream}; the stream ends when it returns. */
@FunctionalInterface
public interface EventStreamRoute {
    void call(EventStream stream, Env env) throws Exception;
}
