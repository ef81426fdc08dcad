package kemal.internal.routing;

import kemal.Route;

/** A declared route: its method, its path pattern and the block that answers it. */
public record RouteEntry(String method, String path, Route handler) {}
