package kemal.internal.chain;

/**
 * A route or filter left a status that has an {@code error} handler: unwinds to the exception
 * handler, which renders that handler instead of the route's output (Kemal's CustomException).
 */
public final class StatusHandlerException extends RuntimeException {
    private final int status;

    public StatusHandlerException(int status) {
        super("Rendered error with " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
