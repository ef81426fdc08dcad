package guide;

import static kemal.Kemal.*;

import java.util.List;

/** Guide sections "Routes" and "HTTP Parameters". */
final class RoutesSection {
    private RoutesSection() {}

    static void define() {
        get("/", env -> "Hello World!");

        // One route per verb, each answering with its method name.
        get("/verbs", env -> env.request().method());
        post("/verbs", env -> env.request().method());
        put("/verbs", env -> env.request().method());
        patch("/verbs", env -> env.request().method());
        delete("/verbs", env -> env.request().method());
        options("/verbs", env -> env.request().method());
        query("/verbs", env -> env.request().method());

        // URL parameters
        get("/hello/:name", env -> {
            String name = env.params().url("name");
            return "Hello back to " + name;
        });
        get("/users/:id", env -> {
            String id = env.params().url("id");
            return "Found user " + id;
        });
        get("/dir/*all", env -> {
            String all = env.params().url("all");
            return "Found path " + all;
        });

        // Query parameters
        get("/resize", env -> {
            String width = env.params().query("width");
            String height = env.params().query("height");
            return width + " x " + height;
        });

        // JSON body: {"name": "Serdar", "likes": ["Ruby", "Crystal"]}
        post("/json_params", env -> {
            String name = (String) env.params().json().get("name");
            List<?> likes = (List<?>) env.params().json().get("likes");
            return name + " likes " + join(likes);
        });

        // Form body: name=Serdar&likes=Ruby&likes=Crystal
        post("/body_params", env -> {
            String name = env.params().body("name");
            List<String> likes = env.params().body().all("likes");
            return name + " likes " + String.join(",", likes);
        });

        // Square brackets are part of the name: likes[]=ruby&likes[]=crystal
        post("/body_params_brackets", env -> String.join(",", env.params().body().all("likes[]")));
    }

    private static String join(List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (Object value : values) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(value);
        }
        return sb.toString();
    }
}
