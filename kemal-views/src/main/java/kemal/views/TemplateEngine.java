package kemal.views;

import java.util.Map;

/**
 * What renders templates for {@link Views}. JTE ({@link JteTemplates}) is the default and the
 * engine shipped; another engine (Pebble, Mustache, ...) plugs in by implementing this and
 * calling {@link Views#engine(TemplateEngine)}.
 */
public interface TemplateEngine {
    /**
     * Renders {@code template} (a name relative to the template root, e.g. {@code hello.jte} or
     * {@code layouts/layout.jte}) with {@code params}.
     */
    String render(String template, Map<String, Object> params);

    /**
     * Wraps already-rendered HTML so the engine writes it as it is, not escaped: how a layout
     * receives its {@code content}. Engines without such a type may return the string.
     */
    default Object trusted(String html) {
        return html;
    }
}
