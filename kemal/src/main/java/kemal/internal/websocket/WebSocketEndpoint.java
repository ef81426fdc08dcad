package kemal.internal.websocket;

import kemal.WebSocketRoute;

/**
 * A {@code ws} route as the upgrade handler finds it.
 *
 * @param route the route's block
 * @param callbacksOnEventLoop declared non-blocking: the socket's callbacks run on the event loop
 */
public record WebSocketEndpoint(WebSocketRoute route, boolean callbacksOnEventLoop) {}
