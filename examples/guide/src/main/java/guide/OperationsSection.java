package guide;

import static kemal.Kemal.*;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import kemal.Log;

/** Guide section "Deployment / Production Best Practices": health checks and logging. */
final class OperationsSection {
    private OperationsSection() {}

    static void define() {
        get("/health", env -> {
            env.response().contentType("application/json");
            Map<String, Object> checks = new LinkedHashMap<>();
            checks.put("server", "up");
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("status", "healthy");
            health.put("timestamp", Instant.now().toString());
            health.put("checks", checks);
            return health;
        });

        // Readiness and liveness checks (for Kubernetes)
        get("/ready", env -> {
            env.response().contentType("application/json");
            return Map.of("status", "ready");
        });
        get("/live", env -> {
            env.response().contentType("application/json");
            return Map.of("status", "alive");
        });

        // A deliberately slow request, to watch a graceful shutdown finish it: /slow?ms=2000
        get("/slow", env -> {
            String ms = env.params().query("ms");
            long millis = ms == null ? 1000 : Math.min(Long.parseLong(ms), 30_000);
            Log.info("Slow request sleeping {} ms", millis);
            Thread.sleep(millis);
            return "slept " + millis + " ms";
        });
    }
}
