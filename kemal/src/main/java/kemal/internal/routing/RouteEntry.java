package kemal.internal.routing;

import kemal.Route;

/**
 * A declared route: its method, its path pattern, the block that answers it, and whether the
 * block was declared non-blocking (run on the event loop instead of a virtual thread).
 */
public record RouteEntry(String method, String path, Route handler, boolean onEventLoop) {}
