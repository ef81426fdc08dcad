package guide;

import static kemal.Kemal.*;
import static kemal.views.Views.*;

import java.util.Map;

/**
 * Guide section "Views / Templates": JTE templates under src/main/jte, compiled into the jar at
 * build time and reloaded from source on change when the app runs from examples/guide in
 * development.
 */
final class ViewsSection {
    private ViewsSection() {}

    static void define() {
        get("/views/:name", env -> {
            String name = env.params().url("name");
            return render("hello.jte", Map.of("name", name));
        });

        // Using layouts: the layout gets the rendered view as `content`.
        get("/layout/:name", env -> render("subview.jte", "layouts/layout.jte",
                Map.of("name", env.params().url("name"))));

        // content_for / yield_content: the view adds a script to the layout's <head>.
        get("/content-for", env -> render("content_for.jte", "layouts/layout.jte", Map.of("name", "Kemal")));
    }
}
