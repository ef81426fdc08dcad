package kemal.views;

import gg.jte.Content;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kemal.Env;
import kemal.Kemal;

/**
 * Kemal's view helpers: {@code render}, layouts, {@code content_for} and {@code yield_content}.
 * A route returns the rendered HTML:
 *
 * <pre>{@code
 * import static kemal.views.Views.*;
 *
 * get("/:name", env -> render("hello.jte", Map.of("name", env.params().url("name"))));
 * get("/page", env -> render("subview.jte", "layouts/layout.jte", Map.of("name", "Kemal")));
 * }</pre>
 *
 * Every template also receives {@code env}, the current request's {@link Env} (declare
 * {@code @param kemal.Env env} to use it, e.g. for session values or a CSRF token). A layout
 * receives the rendered view as {@code content} (declare {@code @param gg.jte.Content content}
 * and write {@code ${content}}). In a view, {@code ${contentFor("scripts", @`<script ...>`)}}
 * captures a block; in the layout, {@code ${yieldContent("scripts")}} writes every block captured
 * under that key by the view being rendered (nothing if none).
 *
 * <p>Templates are JTE by default: precompiled at build time in production, reloaded from
 * {@code src/main/jte} on change in development. Output is HTML-escaped unless written with
 * {@code $unsafe{...}}.
 */
public final class Views {
    private static volatile TemplateEngine engine;

    private Views() {}

    /** Uses {@code templates} for every render from now on. */
    public static void engine(TemplateEngine templates) {
        engine = templates;
    }

    /** The engine in use, chosen on first use from the environment if none was set. */
    public static TemplateEngine engine() {
        TemplateEngine current = engine;
        if (current == null) {
            synchronized (Views.class) {
                if (engine == null) engine = JteTemplates.forEnvironment(Kemal.config().isProduction());
                current = engine;
            }
        }
        return current;
    }

    /** Renders a view without parameters. */
    public static String render(String view) {
        return render(view, Map.of());
    }

    /** Renders {@code view} with {@code model} as its parameters. */
    public static String render(String view, Map<String, ?> model) {
        return ContentBlocks.within(() -> engine().render(view, params(model)));
    }

    /** Renders {@code view}, then {@code layout} with the view as {@code content}. */
    public static String render(String view, String layout) {
        return render(view, layout, Map.of());
    }

    /** Renders {@code view} with {@code model}, then {@code layout} with the same model and {@code content}. */
    public static String render(String view, String layout, Map<String, ?> model) {
        TemplateEngine templates = engine();
        return ContentBlocks.within(() -> {
            Map<String, Object> params = params(model);
            String content = templates.render(view, params);
            params.put("content", templates.trusted(content));
            return templates.render(layout, params);
        });
    }

    /**
     * A renderer for a folder of views and a default layout: the guide's {@code my_renderer}
     * macro. {@code renderer("views", "layouts/layout.jte").render("subview", model)} renders
     * {@code views/subview.jte} inside {@code views/layouts/layout.jte}.
     */
    public static Renderer renderer(String folder, String layout) {
        return new Renderer(folder, layout);
    }

    /**
     * Captures {@code block} under {@code key} for the layout; writes nothing where it is called.
     * Several captures under one key are all yielded, in order.
     */
    public static Content contentFor(String key, Content block) {
        ContentBlocks blocks = ContentBlocks.current();
        if (blocks == null) throw new IllegalStateException("contentFor can only be used while Views.render runs");
        blocks.add(key, block);
        return output -> { };
    }

    /** Writes the blocks captured under {@code key} by the view of this render (nothing if none). */
    public static Content yieldContent(String key) {
        ContentBlocks blocks = ContentBlocks.current();
        List<Object> captured = blocks == null ? List.of() : blocks.get(key);
        return output -> {
            for (Object block : captured) output.writeUserContent((Content) block);
        };
    }

    private static Map<String, Object> params(Map<String, ?> model) {
        Map<String, Object> params = new HashMap<>(model);
        Env env = Env.current();
        if (env != null) params.putIfAbsent("env", env);
        return params;
    }
}
