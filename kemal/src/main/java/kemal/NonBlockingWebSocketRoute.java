package kemal;

/**
 * A {@code ws} route declared with {@link WebSocketRoute#nonBlocking}: the application unwraps
 * it when the route is added and marks the route's sockets to run their callbacks on the event loop.
 */
record NonBlockingWebSocketRoute(WebSocketRoute route) implements WebSocketRoute {
    NonBlockingWebSocketRoute {
        if (route == null) throw new IllegalArgumentException("WebSocket route block is null");
    }

    @Override
    public void call(WebSocket socket, Env env) throws Exception {
        route.call(socket, env);
    }
}
