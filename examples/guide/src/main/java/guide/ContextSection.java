package guide;

import static kemal.Kemal.*;

import java.util.LinkedHashMap;
import java.util.Map;

/** Guide section "HTTP Request / Response Context", with context storage and request properties. */
final class ContextSection {
    private ContextSection() {}

    /** A custom type kept in the context (Kemal's add_context_storage_type is not needed in Java). */
    record User(String name) {}

    static void define() {
        // Set the content type and return JSON
        get("/user.json", env -> {
            String user = "{\"name\":\"Kemal\",\"language\":\"Crystal\"}";
            env.response().contentType("application/json");
            return user;
        });

        // Add headers to the response
        get("/headers", env -> {
            env.response().headers().set("Accept-Language", "tr");
            env.response().headers().set("Authorization", "Token 12345");
            return null;
        });

        // Set the status code: the error 404 handler (HelpersSection) then renders the page
        get("/status-code", env -> env.response().status(404));

        // Context storage, shared between a filter and the route
        beforeGet("/context", env -> env.set("is_kemal_cool", true));
        get("/context", env -> {
            Object isKemalCool = env.get("is_kemal_cool");
            return "Kemal cool = " + isKemalCool;
        });

        get("/context-missing", env -> {
            Object missing = env.getOrNull("non_existent_key");
            return "missing = " + missing;
        });

        beforeGet("/context-user", env -> env.set("user", new User("dummy-user")));
        get("/context-user", env -> {
            User user = env.get("user");
            return user.name();
        });

        // Request properties
        get("/request-info", env -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("method", env.request().method());
            info.put("path", env.request().path());
            info.put("resource", env.request().resource());
            info.put("version", env.request().version());
            info.put("x_test", env.request().header("X-Test"));
            return info;
        });
    }
}
