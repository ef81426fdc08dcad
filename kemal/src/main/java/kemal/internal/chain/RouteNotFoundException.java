package kemal.internal.chain;

/** No route answers the request: becomes the 404 page. Stackless, as 404s can come in floods. */
public final class RouteNotFoundException extends RuntimeException {
    public RouteNotFoundException(String method, String path) {
        super("Requested path: '" + method + ":" + path + "' was not found.", null, false, false);
    }
}
