package kemal.views;

import java.util.Map;

/**
 * Renders views from one folder inside one layout, so routes name only the view: the guide's
 * {@code my_renderer} macro, as an object.
 *
 * <pre>{@code
 * Renderer page = Views.renderer("pages", "layouts/layout.jte");
 * get("/:name", env -> page.render("subview", Map.of("name", env.params().url("name"))));
 * }</pre>
 */
public final class Renderer {
    private final String folder;
    private final String layout;

    Renderer(String folder, String layout) {
        this.folder = folder == null || folder.isEmpty() || folder.endsWith("/") ? nullToEmpty(folder) : folder + "/";
        this.layout = layout;
    }

    /** Renders {@code <folder>/<name>.jte} (the extension may be given) inside the layout. */
    public String render(String name, Map<String, ?> model) {
        return Views.render(path(name), folder + layout, model);
    }

    public String render(String name) {
        return render(name, Map.of());
    }

    private String path(String name) {
        return folder + (name.endsWith(".jte") ? name : name + ".jte");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
