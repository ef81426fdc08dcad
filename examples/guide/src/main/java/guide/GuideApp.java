package guide;

import kemal.Kemal;

/**
 * Every section of the Kemal guide, in Java, at the fixed paths of the guide-app contract
 * (shared/guide-app.md). Each section lives in its own class, written with the static DSL as
 * the guide writes it.
 *
 * <pre>
 * java -jar examples/guide/target/guide.jar --port 3000
 * </pre>
 *
 * It serves {@code examples/guide/public} and saves uploads in {@code examples/guide/uploads}
 * whether started from the repository root or from {@code examples/guide} (see GuideFolders).
 */
public final class GuideApp {
    private static boolean defined;

    private GuideApp() {}

    public static void main(String[] args) {
        defineRoutes();
        Kemal.run(args);
    }

    /** Declares every section on the default application, once (tests call it too). */
    public static synchronized void defineRoutes() {
        if (defined) return;
        defined = true;
        RoutesSection.define();
        ContextSection.define();
        ViewsSection.define();
        HelpersSection.define();
        FiltersSection.define();
        MiddlewareSection.define();
        FileUploadSection.define();
        StaticFilesSection.define();
        WebSocketsSection.define();
        OperationsSection.define();
        ConfigurationSection.define();
    }
}
