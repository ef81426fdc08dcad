package kemal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kemal.internal.files.ContentDisposition;
import kemal.internal.files.FileSender;
import kemal.internal.http.MimeTypes;

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


    /** {@code sse "/events" do |stream, env| ... end}: a server-sent events route. */
    public static void sse(String path, EventStreamRoute route) {
        app().sse(path, route);
    }

    /** {@code ws "/chat/:room" do |socket, env| ... end}: a WebSocket route. */
    public static void ws(String path, WebSocketRoute route) {
        app().ws(path, route);
    }

    // ---- filters ----------------------------------------------------------------------------

    /** Before every every method request. */
    public static void beforeAll(Action filter) {
        app().beforeAll(filter);
    }

    /** Before every method requests to {@code path} ({@code *} for every path). */
    public static void beforeAll(String path, Action filter) {
        app().beforeAll(path, filter);
    }

    public static void beforeAll(List<String> paths, Action filter) {
        app().beforeAll(paths, filter);
    }

    /** Before every GET (and HEAD answered by GET) request. */
    public static void beforeGet(Action filter) {
        app().beforeGet(filter);
    }

    /** Before GET (and HEAD answered by GET) requests to {@code path} ({@code *} for every path). */
    public static void beforeGet(String path, Action filter) {
        app().beforeGet(path, filter);
    }

    public static void beforeGet(List<String> paths, Action filter) {
        app().beforeGet(paths, filter);
    }

    /** Before every POST request. */
    public static void beforePost(Action filter) {
        app().beforePost(filter);
    }

    /** Before POST requests to {@code path} ({@code *} for every path). */
    public static void beforePost(String path, Action filter) {
        app().beforePost(path, filter);
    }

    public static void beforePost(List<String> paths, Action filter) {
        app().beforePost(paths, filter);
    }

    /** Before every PUT request. */
    public static void beforePut(Action filter) {
        app().beforePut(filter);
    }

    /** Before PUT requests to {@code path} ({@code *} for every path). */
    public static void beforePut(String path, Action filter) {
        app().beforePut(path, filter);
    }

    public static void beforePut(List<String> paths, Action filter) {
        app().beforePut(paths, filter);
    }

    /** Before every PATCH request. */
    public static void beforePatch(Action filter) {
        app().beforePatch(filter);
    }

    /** Before PATCH requests to {@code path} ({@code *} for every path). */
    public static void beforePatch(String path, Action filter) {
        app().beforePatch(path, filter);
    }

    public static void beforePatch(List<String> paths, Action filter) {
        app().beforePatch(paths, filter);
    }

    /** Before every DELETE request. */
    public static void beforeDelete(Action filter) {
        app().beforeDelete(filter);
    }

    /** Before DELETE requests to {@code path} ({@code *} for every path). */
    public static void beforeDelete(String path, Action filter) {
        app().beforeDelete(path, filter);
    }

    public static void beforeDelete(List<String> paths, Action filter) {
        app().beforeDelete(paths, filter);
    }

    /** Before every OPTIONS request. */
    public static void beforeOptions(Action filter) {
        app().beforeOptions(filter);
    }

    /** Before OPTIONS requests to {@code path} ({@code *} for every path). */
    public static void beforeOptions(String path, Action filter) {
        app().beforeOptions(path, filter);
    }

    public static void beforeOptions(List<String> paths, Action filter) {
        app().beforeOptions(paths, filter);
    }

    /** Before every QUERY request. */
    public static void beforeQuery(Action filter) {
        app().beforeQuery(filter);
    }

    /** Before QUERY requests to {@code path} ({@code *} for every path). */
    public static void beforeQuery(String path, Action filter) {
        app().beforeQuery(path, filter);
    }

    public static void beforeQuery(List<String> paths, Action filter) {
        app().beforeQuery(paths, filter);
    }

    /** After every every method request. */
    public static void afterAll(Action filter) {
        app().afterAll(filter);
    }

    /** After every method requests to {@code path} ({@code *} for every path). */
    public static void afterAll(String path, Action filter) {
        app().afterAll(path, filter);
    }

    public static void afterAll(List<String> paths, Action filter) {
        app().afterAll(paths, filter);
    }

    /** After every GET (and HEAD answered by GET) request. */
    public static void afterGet(Action filter) {
        app().afterGet(filter);
    }

    /** After GET (and HEAD answered by GET) requests to {@code path} ({@code *} for every path). */
    public static void afterGet(String path, Action filter) {
        app().afterGet(path, filter);
    }

    public static void afterGet(List<String> paths, Action filter) {
        app().afterGet(paths, filter);
    }

    /** After every POST request. */
    public static void afterPost(Action filter) {
        app().afterPost(filter);
    }

    /** After POST requests to {@code path} ({@code *} for every path). */
    public static void afterPost(String path, Action filter) {
        app().afterPost(path, filter);
    }

    public static void afterPost(List<String> paths, Action filter) {
        app().afterPost(paths, filter);
    }

    /** After every PUT request. */
    public static void afterPut(Action filter) {
        app().afterPut(filter);
    }

    /** After PUT requests to {@code path} ({@code *} for every path). */
    public static void afterPut(String path, Action filter) {
        app().afterPut(path, filter);
    }

    public static void afterPut(List<String> paths, Action filter) {
        app().afterPut(paths, filter);
    }

    /** After every PATCH request. */
    public static void afterPatch(Action filter) {
        app().afterPatch(filter);
    }

    /** After PATCH requests to {@code path} ({@code *} for every path). */
    public static void afterPatch(String path, Action filter) {
        app().afterPatch(path, filter);
    }

    public static void afterPatch(List<String> paths, Action filter) {
        app().afterPatch(paths, filter);
    }

    /** After every DELETE request. */
    public static void afterDelete(Action filter) {
        app().afterDelete(filter);
    }

    /** After DELETE requests to {@code path} ({@code *} for every path). */
    public static void afterDelete(String path, Action filter) {
        app().afterDelete(path, filter);
    }

    public static void afterDelete(List<String> paths, Action filter) {
        app().afterDelete(paths, filter);
    }

    /** After every OPTIONS request. */
    public static void afterOptions(Action filter) {
        app().afterOptions(filter);
    }

    /** After OPTIONS requests to {@code path} ({@code *} for every path). */
    public static void afterOptions(String path, Action filter) {
        app().afterOptions(path, filter);
    }

    public static void afterOptions(List<String> paths, Action filter) {
        app().afterOptions(paths, filter);
    }

    /** After every QUERY request. */
    public static void afterQuery(Action filter) {
        app().afterQuery(filter);
    }

    /** After QUERY requests to {@code path} ({@code *} for every path). */
    public static void afterQuery(String path, Action filter) {
        app().afterQuery(path, filter);
    }

    public static void afterQuery(List<String> paths, Action filter) {
        app().afterQuery(paths, filter);
    }

    // ---- modular routers --------------------------------------------------------------------

    /** Registers every route and filter of {@code router} under {@code prefix}. */
    public static void mount(String prefix, Router router) {
        app().mount(prefix, router);
    }

    /** Registers every route and filter of {@code router} at its own prefix. */
    public static void mount(Router router) {
        app().mount(router);
    }

    /**
     * A route that never blocks, run on the event loop: {@code get("/", nonBlocking(env -> "Hi"))}.
     * See {@link Route#nonBlocking(Route)} for what its block, filters and handlers must not do.
     */
    public static Route nonBlocking(Route route) {
        return Route.nonBlocking(route);
    }

    /**
     * A {@code ws} route whose callbacks never block, run on the event loop:
     * {@code ws("/echo", nonBlocking((socket, env) -> socket.onMessage(socket::send)))}. See
     * {@link WebSocketRoute#nonBlocking(WebSocketRoute)} for what its callbacks must not do.
     */
    public static WebSocketRoute nonBlocking(WebSocketRoute route) {
        return WebSocketRoute.nonBlocking(route);
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

    // ---- files ------------------------------------------------------------------------------

    /**
     * Sends a file as the response, its type from the extension ({@code application/octet-stream}
     * when unknown), with byte ranges for GET and gzip for text-like files when the client
     * accepts it: {@code send_file env, "./path/to/file.jpg"}. A missing file is a 404. Never pass
     * an unchecked path from the request: see the guide's security notice.
     *
     * <p>The file is opened here and may still be going out after the route returns: deleting
     * it then is fine (the open file stays readable), rewriting it in place is not.
     */
    public static Env sendFile(Env env, String path) {
        return sendFile(env, Path.of(path), null, null, null);
    }

    /** Sends a file with {@code mimeType} instead of the one its extension implies. */
    public static Env sendFile(Env env, String path, String mimeType) {
        return sendFile(env, Path.of(path), mimeType, null, null);
    }

    public static Env sendFile(Env env, Path path) {
        return sendFile(env, path, null, null, null);
    }

    public static Env sendFile(Env env, Path path, String mimeType) {
        return sendFile(env, path, mimeType, null, null);
    }

    /**
     * Sends a file as a download: {@code Content-Disposition: <disposition>; filename="<filename>"}
     * (RFC 6266; directory parts of the name are dropped).
     *
     * @param mimeType the type, or null for the one the extension implies
     * @param filename the name the client should save, or null for no Content-Disposition
     * @param disposition {@code attachment} (the default when null) or {@code inline}
     */
    public static Env sendFile(Env env, Path path, String mimeType, String filename, String disposition) {
        try {
            env.app().files().send(env, path, new FileSender.Options(mimeType, filename, disposition, null));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send " + path, e);
        }
        return env;
    }

    /**
     * Sends {@code data} as the response, with an optional download name: Kemal's
     * {@code send_file env, bytes, filename: ...}. No ranges, no compression.
     */
    public static Env sendFile(Env env, byte[] data, String mimeType, String filename, String disposition) {
        Response response = env.response();
        response.contentType(mimeType != null ? mimeType : MimeTypes.DEFAULT);
        if (filename != null) response.header("Content-Disposition", ContentDisposition.format(disposition, filename));
        response.write(data);
        return env;
    }

    /** {@code public_folder "./assets"}: the folder served as static files. */
    public static void publicFolder(String folder) {
        config().publicFolder(folder);
    }

    /** {@code serve_static false}: turns static files off (or back on with the default options). */
    public static void serveStatic(boolean enabled) {
        config().serveStatic(enabled);
    }

    /** {@code serve_static({"gzip" => true, "dir_listing" => false})}. */
    public static void serveStatic(Map<String, Boolean> options) {
        config().serveStatic(options);
    }

    /** {@code static_headers do |response, filepath, filestat| ... end}. */
    public static void staticHeaders(StaticHeaders headers) {
        config().staticHeaders(headers);
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
