package guide;

import static kemal.Kemal.*;

/** Guide section "Filters". */
final class FiltersSection {
    private FiltersSection() {}

    static void define() {
        // Simple before_get example
        beforeGet("/foo", env -> env.response().contentType("application/json"));
        get("/foo", env -> "{\"name\":\"Kemal\"}");

        // Simple before_all example: PUT and POST get the content type too
        beforeAll("/foo", env -> env.response().contentType("application/json"));
        put("/foo", env -> "{\"name\":\"Kemal\"}");
        post("/foo", env -> "{\"name\":\"Kemal\"}");

        // before_all -> before_x -> X -> after_x -> after_all, each step recorded in X-Order
        beforeAll("/filters/order", env -> step(env, "before_all"));
        beforeGet("/filters/order", env -> step(env, "before_get"));
        get("/filters/order", env -> {
            step(env, "route");
            return "order";
        });
        afterGet("/filters/order", env -> step(env, "after_get"));
        afterAll("/filters/order", env -> step(env, "after_all"));
    }

    private static void step(kemal.Env env, String name) {
        String order = env.response().headers().get("X-Order");
        env.response().headers().set("X-Order", order == null ? name : order + "," + name);
    }
}
