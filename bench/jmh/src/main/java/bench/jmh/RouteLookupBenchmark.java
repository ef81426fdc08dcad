package bench.jmh;

import java.util.concurrent.TimeUnit;
import kemal.Route;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;
import kemal.internal.routing.RouteTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Route lookup in a 200-route table shaped like a REST application: 20 resources with 10
 * routes each (static, one and two parameters, a glob, three methods). Each benchmark cycles
 * through 64 different request paths of one kind, so the JIT cannot fold the lookup away and
 * branch prediction sees some variety.
 *
 * <p>{@code routeCacheSize} 1024 is Kemal's default, where the {@code LookupCache} answers every
 * request after its first (all 64 paths fit); 0 turns the cache off, so each lookup walks the
 * radix tree. Static routes never reach the cache: they are answered by an exact map first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteLookupBenchmark {
    static final String[] RESOURCES = {
        "users", "posts", "comments", "orders", "products", "invoices", "customers", "carts",
        "reviews", "tags", "categories", "payments", "shipments", "refunds", "coupons",
        "sessions", "teams", "projects", "tasks", "webhooks",
    };
    private static final int PATHS = 64; // a power of two, for the index mask
    private static final Route NOTHING = env -> null;

    @Param({"1024", "0"})
    public int routeCacheSize;

    private RouteTable table;
    private String[] staticPaths;
    private String[] paramPaths;
    private String[] globPaths;
    private int next;

    @Setup
    public void setUp() {
        table = new RouteTable(routeCacheSize);
        for (String resource : RESOURCES) {
            String base = "/api/v1/" + resource;
            table.add("GET", base, NOTHING);
            table.add("GET", base + "/new", NOTHING);
            table.add("GET", base + "/search", NOTHING);
            table.add("GET", base + "/:id", NOTHING);
            table.add("GET", base + "/:id/edit", NOTHING);
            table.add("GET", base + "/:id/comments", NOTHING);
            table.add("GET", base + "/:id/comments/:comment_id", NOTHING);
            table.add("GET", "/files/" + resource + "/*path", NOTHING);
            table.add("POST", base, NOTHING);
            table.add("DELETE", base + "/:id", NOTHING);
        }
        staticPaths = new String[PATHS];
        paramPaths = new String[PATHS];
        globPaths = new String[PATHS];
        for (int i = 0; i < PATHS; i++) {
            String resource = RESOURCES[i % RESOURCES.length];
            staticPaths[i] = "/api/v1/" + resource + "/search";
            paramPaths[i] = "/api/v1/" + resource + "/" + (1000 + i) + "/comments/" + (7 * i);
            globPaths[i] = "/files/" + resource + "/2026/11/report-" + i + ".pdf";
        }
        for (String[] paths : new String[][] {staticPaths, paramPaths, globPaths}) {
            for (String path : paths) {
                if (table.lookup("GET", path) == null) throw new IllegalStateException("no route for " + path);
            }
        }
    }

    @Benchmark
    public RouteMatch<RouteEntry> staticRoute() {
        return table.lookup("GET", staticPaths[next++ & (PATHS - 1)]);
    }

    @Benchmark
    public RouteMatch<RouteEntry> paramRoute() {
        return table.lookup("GET", paramPaths[next++ & (PATHS - 1)]);
    }

    @Benchmark
    public RouteMatch<RouteEntry> globRoute() {
        return table.lookup("GET", globPaths[next++ & (PATHS - 1)]);
    }
}
