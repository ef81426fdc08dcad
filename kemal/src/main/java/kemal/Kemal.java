package kemal;

/**
 * Kemal's DSL for a default application. Import it statically and write routes as in the guide:
 *
 * <pre>{@code
 * import static kemal.Kemal.*;
 *
 * public class HelloWorld {
 *     public static void main(String[] args) {
 *         get("/", env -> "Hello World!");
 *         Kemal.run(args);
 *     }
 * }
 * }</pre>
 *
 * Everything here acts on {@link #app()}; {@link #create()} makes independent applications with
 * the same methods.
 */
public final class Kemal {
    private Kemal() {}

    private static final class Default {
        static final App APP = new App();
    }

    /** The default application that the static DSL drives. */
    public static App app() {
        return Default.APP;
    }

    /** A new, independent application. */
    public static App create() {
        return new App();
    }

    /** The default application's settings ({@code Kemal.config} in the guide). */
    public static Config config() {
        return app().config();
    }

    // ---- routes -----------------------------------------------------------------------------

    public static void get(String path, Route route) {
        app().get(path, route);
    }


    public static void post(String path, Route route) {
        app().post(path, route);
    }


    public static void put(String path, Route route) {
        app().put(path, route);
    }


    public static void patch(String path, Route route) {
        app().patch(path, route);
    }


    public static void delete(String path, Route route) {
        app().delete(path, route);
    }


    public static void options(String path, Route route) {
        app().options(path, route);
    }


    public static void head(String path, Route route) {
        app().head(path, route);
    }


    public static void query(String path, Route route) {
        app().query(path, route);
    }


    // ---- errors and halting -----------------------------------------------------------------

    /** {@code error 404 do ... end}: the page for a status. */
    public static void error(int status, Route handler) {
        app().error(status, handler);
    }

    /** The page for a status, with the error that led to it. */
    public static void error(int status, ErrorRoute<Throwable> handler) {
        app().error(status, handler);
    }

    /** {@code error ValueError do ... end}: the page for an exception class. */
    public static <E extends Throwable> void error(Class<E> type, ErrorRoute<? super E> handler) {
        app().error(type, handler);
    }

    /** Ends the request now with an empty 200. */
    public static <T> T halt(Env env) {
        return halt(env, 200, null);
    }

    /** Ends the request now with {@code status} and an empty body. */
    public static <T> T halt(Env env, int status) {
        return halt(env, status, null);
    }

    /**
     * Ends the request now: sets {@code status}, writes {@code body}, closes the response and
     * leaves the route, filter or handler ({@code halt env, status_code: 403, response: "Forbidden"}).
     * It never returns; the type parameter only lets a route be written
     * {@code env -> halt(env, 403, "Forbidden")}.
     */
    public static <T> T halt(Env env, int status, Object body) {
        Response response = env.response();
        response.status(status);
        if (body != null) response.print(body);
        response.close();
        throw HaltException.INSTANCE;
    }

    // ---- middleware and settings ------------------------------------------------------------

    public static void addHandler(Handler handler) {
        app().addHandler(handler);
    }

    public static void addHandler(Handler handler, int position) {
        app().addHandler(handler, position);
    }

    /** {@code logging false}: turns the request log on or off. */
    public static void logging(boolean enabled) {
        config().logging(enabled);
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /** Starts the default application and serves until stopped. */
    public static void run() {
        app().run();
    }

    public static void run(int port) {
        app().run(port);
    }

    /** Applies the command-line flags, starts the default application and serves until stopped. */
    public static void run(String... args) {
        app().run(args);
    }

    /** Stops the default application; an error if it is not running. */
    public static void stop() {
        app().stop();
    }
}
