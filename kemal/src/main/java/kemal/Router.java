package kemal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kemal.internal.chain.FilterTable.Phase;
import kemal.internal.routing.PathPattern;

/**
 * A group of routes and filters, mounted into an application under a prefix: Kemal's modular
 * {@code Kemal::Router}.
 *
 * <pre>{@code
 * Router api = new Router();
 * api.before(env -> env.response().contentType("application/json"));
 * api.get("/users", env -> users.all());
 * api.namespace("/admin", admin -> {
 *     admin.before(env -> requireAdmin(env));
 *     admin.get("/stats", env -> stats());
 * });
 * mount("/api/v1", api);      // GET /api/v1/users, GET /api/v1/admin/stats
 * }</pre>
 *
 * A router's filters are not global: they guard only that router's routes (a namespace's
 * filters only the namespace's routes). Paths are joined with one slash between the parts;
 * a leading slash is optional, and an empty path is the prefix itself. Mounting registers
 * everything at once: routes added to a router after it was mounted are not seen.
 */
public final class Router extends RouteMethods<Router> {
    private record RouteDef(String method, String path, Route route) {}

    private record WebSocketDef(String path, WebSocketRoute route) {}

    private record FilterDef(Phase phase, String verb, String path, Action filter) {}

    private record Child(String prefix, Router router) {}

    /** A route with its full path, as registered in the application. */
    private record Registered(String method, String path) {}

    private final String prefix;
    private final List<RouteDef> routes = new ArrayList<>();
    private final List<WebSocketDef> webSockets = new ArrayList<>();
    private final List<FilterDef> filters = new ArrayList<>();
    private final List<Child> children = new ArrayList<>();

    /** A router without a prefix of its own. */
    public Router() {
        this("");
    }

    /** A router whose routes all start with {@code prefix}. */
    public Router(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    void addRoute(String method, String path, Route route) {
        if (route == null) throw new IllegalArgumentException("route is null");
        routes.add(new RouteDef(method, path == null ? "" : path, route));
    }

    @Override
    void addWebSocket(String path, WebSocketRoute route) {
        webSockets.add(new WebSocketDef(path == null ? "" : path, route));
    }

    @Override
    void addFilter(Phase phase, String verb, String path, Action filter) {
        // Refuses a malformed pattern now rather than at mount time; like route paths, a
        // router's filter path needs no leading slash.
        PathPattern.of(join("", path));
        filters.add(new FilterDef(phase, verb, path, filter));
    }

    /** A filter before every route of this router, whatever the method. */
    public Router before(Action filter) {
        return beforeAll(filter);
    }

    /** A filter before this router's routes under {@code path} ({@code /admin/*} for a subtree). */
    public Router before(String path, Action filter) {
        return beforeAll(path, filter);
    }

    /** A filter after every route of this router, whatever the method. */
    public Router after(Action filter) {
        return afterAll(filter);
    }

    public Router after(String path, Action filter) {
        return afterAll(path, filter);
    }

    /** Routes and filters under {@code prefix}, declared in {@code body}; its filters stay inside it. */
    public Router namespace(String prefix, Consumer<Router> body) {
        Router child = new Router(prefix);
        body.accept(child);
        children.add(new Child("", child));
        return this;
    }

    /** Includes {@code router} under {@code prefix} inside this router. */
    public Router mount(String prefix, Router router) {
        if (router == null) throw new IllegalArgumentException("router is null");
        if (router == this) throw new IllegalArgumentException("A router cannot mount itself");
        children.add(new Child(prefix == null ? "" : prefix, router));
        return this;
    }

    /** Includes {@code router} at its own prefix inside this router. */
    public Router mount(Router router) {
        return mount("", router);
    }

    /** Registers every route and filter into {@code app} under {@code mountPrefix}. */
    void registerInto(App app, String mountPrefix) {
        String base = join(mountPrefix, prefix);
        // This router's filters first, so they run before its namespaces' own (as in Kemal).
        List<Registered> covered = new ArrayList<>();
        collectRoutes(base, covered);
        for (FilterDef filter : filters) {
            for (Registered route : covered) {
                boolean verbMatches = filter.verb().equals("ALL") || filter.verb().equals(route.method());
                if (verbMatches && covers(filter.path(), base, route.path())) {
                    app.addRouteFilter(filter.phase(), filter.verb(), route.method(), route.path(), filter.filter());
                }
            }
        }
        for (RouteDef def : routes) {
            app.addRoute(def.method(), join(base, def.path()), def.route());
        }
        for (WebSocketDef def : webSockets) {
            app.addWebSocket(join(base, def.path()), def.route());
        }
        for (Child child : children) {
            child.router().registerInto(app, join(base, child.prefix()));
        }
    }

    /** The full paths of the routes of this router and of every router below it. */
    private void collectRoutes(String base, List<Registered> into) {
        for (RouteDef def : routes) into.add(new Registered(def.method(), join(base, def.path())));
        for (Child child : children) {
            Router router = child.router();
            router.collectRoutes(join(join(base, child.prefix()), router.prefix), into);
        }
    }

    /** Whether a router filter declared for {@code filterPath} guards the route at {@code routePath}. */
    private static boolean covers(String filterPath, String base, String routePath) {
        if (PathPattern.isEverything(filterPath)) return true;
        if (filterPath.endsWith("/*")) {
            String root = join(base, filterPath.substring(0, filterPath.length() - 2));
            return routePath.equals(root) || routePath.startsWith(root.endsWith("/") ? root : root + "/");
        }
        return routePath.equals(join(base, filterPath));
    }

    /** Joins two path parts with exactly one slash; an empty part adds nothing. */
    static String join(String prefix, String path) {
        String head = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String tail = path.startsWith("/") ? path.substring(1) : path;
        if (tail.isEmpty()) return head.isEmpty() ? "/" : head;
        return head + "/" + tail;
    }
}
