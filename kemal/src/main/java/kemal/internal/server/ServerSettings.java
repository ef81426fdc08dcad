package kemal.internal.server;

/**
 * The limits and hooks the HTTP engine needs, fixed when the server starts.
 *
 * @param maxRequestLineSize longest request line accepted; longer gets 414
 * @param maxHeadersSize largest header block accepted; larger gets 431
 * @param maxRequestBodySize largest body accepted, or -1 for no limit; larger gets 413
 * @param idleTimeoutMillis how long a connection may wait for its next request (or stall a body)
 * @param writeTimeoutMillis how long a client may take nothing of a response before it is closed
 * @param handler runs each request
 */
public record ServerSettings(int maxRequestLineSize, int maxHeadersSize, long maxRequestBodySize,
                             long idleTimeoutMillis, long writeTimeoutMillis, ExchangeHandler handler) {}
