package kemal;

/**
 * A route declared with {@link Route#nonBlocking}: the application unwraps it when the route is
 * added and marks the route to run on the event loop.
 */
record NonBlockingRoute(Route route) implements Route {
    NonBlockingRoute {
        if (route == null) throw new IllegalArgumentException("Route block is null");
    }

    @Override
    public Object call(Env env) throws Exception {
        return route.call(env);
    }
}
