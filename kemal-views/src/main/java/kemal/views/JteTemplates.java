package kemal.views;

import gg.jte.CodeResolver;
import gg.jte.Content;
import gg.jte.ContentType;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * JTE as the {@link TemplateEngine}: HTML-escaped output by default ({@code $unsafe{...}} for
 * raw), templates compiled to Java.
 * <ul>
 *   <li>{@link #precompiled()}: templates compiled at build time by the jte-maven-plugin and
 *       loaded from the class path: no compiler and no file reads at run time (production).</li>
 *   <li>{@link #hotReload(Path)}: templates read from their source folder and recompiled when
 *       they change, so an edit shows on the next request (development; needs a JDK).</li>
 * </ul>
 */
public final class JteTemplates implements TemplateEngine {
    /** The source folder of the Maven convention, used in development when it exists. */
    public static final Path DEFAULT_SOURCE = Path.of("src", "main", "jte");

    private final gg.jte.TemplateEngine jte;
    private final String description;

    private JteTemplates(gg.jte.TemplateEngine jte, String description) {
        this.jte = jte;
        this.description = description;
    }

    /** Templates precompiled into the application's classes. */
    public static JteTemplates precompiled() {
        return new JteTemplates(gg.jte.TemplateEngine.createPrecompiled(ContentType.Html), "precompiled JTE templates");
    }

    /** Templates compiled from {@code sourceFolder} on demand, and again whenever they change. */
    public static JteTemplates hotReload(Path sourceFolder) {
        if (!Files.isDirectory(sourceFolder)) {
            throw new IllegalArgumentException("Template folder " + sourceFolder.toAbsolutePath() + " does not exist");
        }
        CodeResolver resolver = new DirectoryCodeResolver(sourceFolder);
        Path classes = Path.of(System.getProperty("java.io.tmpdir"), "kemal-jte-" + ProcessHandle.current().pid());
        return new JteTemplates(gg.jte.TemplateEngine.create(resolver, classes, ContentType.Html),
                "JTE templates from " + sourceFolder + ", reloaded on change");
    }

    /**
     * The default: hot reload from {@code src/main/jte} when that folder exists and the
     * application does not run in production; precompiled templates otherwise.
     */
    public static JteTemplates forEnvironment(boolean production) {
        return !production && Files.isDirectory(DEFAULT_SOURCE) ? hotReload(DEFAULT_SOURCE) : precompiled();
    }

    @Override
    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        jte.render(template, params, out);
        return out.toString();
    }

    @Override
    public Object trusted(String html) {
        return (Content) output -> output.writeContent(html);
    }

    @Override
    public String toString() {
        return description;
    }
}
