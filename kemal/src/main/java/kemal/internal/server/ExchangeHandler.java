package kemal.internal.server;

/**
 * What the server runs for each well-formed request. {@link #handle} must finish the exchange
 * (send a complete response or abort it) before returning.
 */
public interface ExchangeHandler {
    /** Handles a request, on its virtual thread or, when {@link #runsOnEventLoop} said so, on the event loop. */
    void handle(Exchange exchange);

    /**
     * Asked on the event loop for a request without a body: true to have {@link #handle} run
     * right there, for handlers known never to block. The server may still use a virtual thread.
     */
    default boolean runsOnEventLoop(Exchange exchange) {
        return false;
    }
}
