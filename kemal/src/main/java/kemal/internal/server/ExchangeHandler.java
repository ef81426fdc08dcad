package kemal.internal.server;

/**
 * What the server runs for each well-formed request, on the request's virtual thread. It must
 * finish the exchange (send a complete response or abort it) before returning.
 */
@FunctionalInterface
public interface ExchangeHandler {
    void handle(Exchange exchange);
}
