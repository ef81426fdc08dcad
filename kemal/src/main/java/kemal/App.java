package kemal;

import io.netty.channel.local.LocalAddress;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import kemal.internal.KemalInternals;
import kemal.internal.NettyDefaults;
import kemal.internal.chain.ErrorHandlers;
import kemal.internal.files.FileSender;
import kemal.internal.files.StaticFileHandler;
import kemal.internal.chain.ExceptionHandler;
import kemal.internal.chain.FilterHandler;
import kemal.internal.chain.FilterTable;
import kemal.internal.chain.HeadRequestHandler;
import kemal.internal.chain.InitHandler;
import kemal.internal.chain.RouteHandler;
import kemal.internal.log.LogWriter;
import kemal.internal.log.RequestLogHandler;
import kemal.internal.routing.RadixTree;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;
import kemal.internal.routing.RouteTable;
import kemal.internal.websocket.WebSocketEndpoint;
import kemal.internal.websocket.WebSocketSettings;
import kemal.internal.websocket.WebSocketUpgradeHandler;
import kemal.internal.server.ClientGoneException;
import kemal.internal.server.Exchange;
import kemal.internal.server.ExchangeHandler;
import kemal.internal.server.HttpServer;
import kemal.internal.server.TlsContexts;
import kemal.internal.server.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kemal application: its routes, error handlers, middleware, configuration and server.
 * The static {@link Kemal} DSL drives a default instance; {@link Kemal#create()} makes
 * independent ones, for tests or several applications in one process.
 *
 * <pre>{@code
 * App app = Kemal.create();
 * app.get("/", env -> "Hello World!");
 * app.config().port(8080);
 * app.run(args);
 * }</pre>
 */
public final class App extends RouteMethods<App> {
    static {
        KemalInternals.install(new InternalBridge());
        // Before any Netty class reads its properties: the server starts from here.
        NettyDefaults.apply();
    }

    private static final Logger log = LoggerFactory.getLogger("kemal");

    private record CustomHandler(Handler handler, int position) {}

    private final Config config = new Config();
    private final RouteTable routes = new RouteTable(config.maxRouteCacheSize());
    private final ErrorHandlers errors = new ErrorHandlers();
    private final FilterTable filters = new FilterTable();
    private final RadixTree<WebSocketEndpoint> webSockets = new RadixTree<>();
    private final List<CustomHandler> customHandlers = new ArrayList<>();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile Handler chain;
    private volatile FileSender files;
    private volatile HttpServer server;
    private volatile InetSocketAddress address;
    private volatile CountDownLatch stopped;
    private volatile Consumer<Throwable> unhandledListener;

    App() {
        config.owner(this);
    }

    /** This application's settings. */
    public Config config() {
        return config;
    }

    // ---- routes and errors ------------------------------------------------------------------

    @Override
    void addRoute(String method, String path, Route route) {
        if (route instanceof NonBlockingRoute marked) routes.add(method, path, marked.route(), true);
        else routes.add(method, path, route);
    }

    @Override
    void addWebSocket(String path, WebSocketRoute route) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Route declaration ws \"" + path
                    + "\" needs to start with '/', should be ws \"/" + path + "\"");
        }
        try {
            webSockets.add(path, route instanceof NonBlockingWebSocketRoute marked
                    ? new WebSocketEndpoint(marked.route(), true) : new WebSocketEndpoint(route, false));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ws " + e.getMessage(), e);
        }
    }

    @Override
    void addFilter(FilterTable.Phase phase, String verb, String path, Action filter) {
        filters.add(phase, verb, path, filter);
    }

    /** A router's filter: guards only the route declared for {@code routeMethod} at {@code routePath}. */
    void addRouteFilter(FilterTable.Phase phase, String verb, String routeMethod, String routePath, Action filter) {
        filters.addForRoute(phase, verb, routeMethod, routePath, filter);
    }

    /**
     * Registers every route and filter of {@code router} (and its namespaces and mounted
     * routers) under {@code prefix}: {@code mount("/api/v1", api)}.
     */
    public App mount(String prefix, Router router) {
        router.registerInto(this, prefix == null ? "" : prefix);
        return this;
    }

    /** Registers every route and filter of {@code router} at its own prefix. */
    public App mount(Router router) {
        return mount("", router);
    }

    /** Declares a route for any method, e.g. {@code route("PROPFIND", "/dav", ...)}. */
    public App route(String method, String path, Route route) {
        if (method == null || !kemal.internal.http.HeaderValidation.isToken(method)) {
            throw new IllegalArgumentException("Invalid HTTP method: '" + method + "'");
        }
        routes.add(method.toUpperCase(java.util.Locale.ROOT), path, route);
        return this;
    }

    /**
     * The page for a status: used for unknown routes (404), when a route or filter leaves that
     * status, and for framework errors such as 400 and 413.
     */
    public App error(int status, Route handler) {
        if (handler == null) throw new IllegalArgumentException("error handler for " + status + " is null");
        errors.onStatus(status, (env, ex) -> handler.call(env));
        return this;
    }

    /** The page for a status, with the error that led to it. */
    public App error(int status, ErrorRoute<Throwable> handler) {
        errors.onStatus(status, handler);
        return this;
    }

    /**
     * The page for an exception class (and its subclasses). Handlers are tried in declaration
     * order; the first that matches wins, even over a more specific one declared later.
     */
    public <E extends Throwable> App error(Class<E> type, ErrorRoute<? super E> handler) {
        errors.onException(type, handler);
        return this;
    }

    // ---- middleware -------------------------------------------------------------------------

    /** Adds a handler after the built-in ones (after static files, before filters and routes). */
    public App addHandler(Handler handler) {
        return addHandler(handler, -1);
    }

    /**
     * Adds a handler at {@code position} in the chain: 0 puts it before everything, ahead of
     * Kemal's InitHandler. Takes effect when the application starts.
     *
     * @throws IllegalStateException once the application has started (its chain is built once)
     * @throws IllegalArgumentException when the handler is null or was already added
     */
    public App addHandler(Handler handler, int position) {
        if (handler == null) throw new IllegalArgumentException("handler is null");
        lifecycle.lock();
        try {
            // A handler added later would silently never run: say so instead.
            if (chain != null) {
                throw new IllegalStateException("Cannot add " + handler.getClass().getName() + ": " + config.appName()
                        + " has started. Add handlers before the application starts.");
            }
            for (CustomHandler custom : customHandlers) {
                if (custom.handler() == handler) {
                    throw new IllegalArgumentException(handler.getClass().getName() + " was already added");
                }
            }
            customHandlers.add(new CustomHandler(handler, position));
        } finally {
            lifecycle.unlock();
        }
        return this;
    }

    // ---- lifecycle --------------------------------------------------------------------------

    /** Parses no flags, then serves until stopped (see {@link #run(String...)}). */
    public void run() {
        run((String[]) null);
    }

    /** Serves on {@code port}, which overrides the configured one. */
    public void run(int port) {
        config.port(port);
        run((String[]) null);
    }

    /**
     * Applies the command-line flags in {@code args} ({@code -b}, {@code -p}, {@code -s},
     * {@code --ssl-key-file}, {@code --ssl-cert-file}, {@code -h}, and the extra options), starts
     * the server and blocks until it stops. SIGINT and SIGTERM stop it gracefully and exit with
     * status 0. In the {@code test} environment nothing is bound, as in Kemal. Bad flags print
     * the usage and exit with status 2; an invalid configuration prints why and exits with 1.
     */
    public void run(String... args) {
        if (args != null) {
            CommandLine.Outcome outcome = CommandLine.parse(args, config);
            if (outcome instanceof CommandLine.Exit exit) {
                (exit.code() == 0 ? System.out : System.err).print(exit.text());
                System.exit(exit.code());
                return;
            }
        }
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            // One line per problem, each a sentence of its own.
            for (String problem : problems) System.err.println(config.appName() + " cannot start: " + problem);
            System.exit(1);
            return;
        }
        if (config.isTest()) {
            setup();
            System.out.println("[test] " + config.appName() + " is running in test mode. Server not listening");
            return;
        }
        // Trap the signals before the startup line is printed: a supervisor that sends TERM as
        // soon as it reads that line must get the graceful stop, not the JVM's exit 143.
        Signals.stopOn(this);
        try {
            start();
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        awaitStop();
    }

    /**
     * Starts serving and returns at once (for tests and embedding).
     *
     * @throws IllegalStateException when already running, the configuration is invalid, or the
     *     address cannot be bound
     */
    public App start() {
        lifecycle.lock();
        try {
            if (address != null) throw new IllegalStateException(config.appName() + " is already running");
            List<String> problems = config.problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException(config.appName() + " cannot start: " + String.join("; ", problems));
            }
            setup();
            SslContext ssl = sslContext();
            HttpServer http = server();
            try {
                address = http.bind(config.hostBinding(), config.port(), config.serverCustomizer(), ssl);
            } catch (Exception e) {
                server = null;
                http.stop(0);
                throw new IllegalStateException(config.appName() + " cannot listen on " + config.hostBinding() + ":"
                        + config.port() + ": " + bindFailure(e), e);
            }
            stopped = new CountDownLatch(1);
            String scheme = ssl != null ? "https" : "http";
            System.out.println("[" + config.env() + "] " + config.appName() + " is ready to lead at " + scheme + "://"
                    + config.hostBinding() + ":" + address.getPort());
            // As in Kemal, nothing is served before the startup line is out (early connections wait
            // in the kernel's queue); otherwise a quick client's request log line could come first.
            http.startAccepting();
            return this;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Why binding failed, in words: the first message in the cause chain. */
    private String bindFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "cannot resolve the host name '" + config.hostBinding() + "'";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
        }
        return failure.getClass().getSimpleName();
    }

    /** Blocks until {@link #stop()} completes. */
    public void awaitStop() {
        CountDownLatch latch = stopped;
        if (latch == null) return;
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting connections, lets requests in progress finish (up to
     * {@code shutdownTimeout}), then closes the rest.
     *
     * @throws IllegalStateException when not running
     */
    public void stop() {
        HttpServer http;
        CountDownLatch latch;
        lifecycle.lock();
        try {
            if (server == null) {
                throw new IllegalStateException(config.appName()
                        + " is already stopped. Cannot stop an already stopped server.");
            }
            http = server;
            latch = stopped;
            server = null;
            address = null;
        } finally {
            lifecycle.unlock();
        }
        http.stop(config.shutdownTimeout().toMillis());
        if (latch != null) latch.countDown();
    }

    /** Whether the server is listening. */
    public boolean isRunning() {
        return address != null;
    }

    /** The port the server listens on (the real one when configured with 0), or -1 when stopped. */
    public int port() {
        InetSocketAddress a = address;
        return a == null ? -1 : a.getPort();
    }

    // ---- internals --------------------------------------------------------------------------

    RouteTable routes() {
        return routes;
    }

    /** Serves on an in-process address for the test kit. */
    LocalAddress startInProcess() {
        lifecycle.lock();
        try {
            setup();
            try {
                return server().bindLocal();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting", e);
            }
        } finally {
            lifecycle.unlock();
        }
    }

    void onUnhandledException(Consumer<Throwable> listener) {
        this.unhandledListener = listener;
    }

    private HttpServer server() {
        if (server == null) {
            Long limit = config.maxRequestBodySize();
            ServerSettings settings = new ServerSettings(config.maxRequestLineSize(), config.maxHeadersSize(),
                    limit == null ? -1 : limit, config.idleTimeout().toMillis(),
                    config.writeTimeout().toMillis(), new ExchangeHandler() {
                        @Override
                        public void handle(Exchange exchange) {
                            App.this.handle(exchange);
                        }

                        @Override
                        public boolean runsOnEventLoop(Exchange exchange) {
                            return App.this.runsOnEventLoop(exchange);
                        }
                    });
            server = new HttpServer(settings);
        }
        return server;
    }

    private SslContext sslContext() {
        if (!config.ssl()) return null;
        try {
            return TlsContexts.forServer(Path.of(config.sslCertificateFile()), Path.of(config.sslKeyFile()));
        } catch (Exception e) {
            throw new IllegalStateException("SSL configuration error: cannot load the certificate '"
                    + config.sslCertificateFile() + "' and key '" + config.sslKeyFile() + "': " + e.getMessage(), e);
        }
    }

    /** Builds the handler chain once, in Kemal's order. Later configuration changes do not alter it. */
    private void setup() {
        if (chain != null) return;
        routes.cacheSize(config.maxRouteCacheSize());
        List<Handler> list = new ArrayList<>();
        list.add(new InitHandler(config.poweredByHeader()));
        if (config.logging()) {
            list.add(config.logger() != null ? config.logger() : new RequestLogHandler(LogWriter.stdout()::write));
        }
        list.add(new HeadRequestHandler());
        if (config.alwaysRescue()) list.add(new ExceptionHandler(errors, config));
        StaticOptions statics = config.serveStatic();
        files = new FileSender(config.maxRanges(), statics != null && statics.gzip(), config.staticHeaders());
        if (statics != null) {
            list.add(new StaticFileHandler(Path.of(config.publicFolder()), statics.gzip(), statics.dirListing(),
                    statics.dirIndex(), files));
        }
        int index = list.size();
        for (CustomHandler custom : customHandlers) {
            int at = custom.position() >= 0 ? Math.min(custom.position(), list.size()) : Math.min(index, list.size());
            list.add(at, custom.handler());
            index++;
        }
        Handler beforeRoutes = list.get(list.size() - 1);
        list.add(new WebSocketUpgradeHandler(webSockets, new WebSocketSettings(config.websocketMaxMessageSize(),
                config.websocketIdleTimeout().toMillis(), config.websocketAllowedOrigins())));
        list.add(new RouteHandler(errors));
        Handler.link(list);
        // Like Kemal, the filter step exists only once a filter is declared. A first filter
        // declared after the start is spliced in too, rather than silently never running.
        filters.onFirstFilter(() -> Handler.insertAfter(beforeRoutes, new FilterHandler(filters, errors)));
        chain = list.get(0);
    }

    /**
     * Whether a request (one without a body) is for a route declared non-blocking, so the server
     * may run it on the event loop. The match is kept on the exchange for the chain to reuse.
     */
    private boolean runsOnEventLoop(Exchange exchange) {
        if (!routes.hasEventLoopRoutes()) return false;
        RouteMatch<RouteEntry> match = routes.lookup(exchange.method(), exchange.path());
        if (match == null || !match.payload().onEventLoop()) return false;
        exchange.attach(match);
        return true;
    }

    /** Runs one request through the chain, on its virtual thread or, for a non-blocking route, the event loop. */
    private void handle(Exchange exchange) {
        Env env = new Env(this, exchange);
        Response response = env.response();
        env.enter();
        try {
            chain.call(env);
        } catch (HaltException halted) {
            // Written and closed by halt.
        } catch (Throwable error) {
            unhandled(env, error);
        } finally {
            if (!response.isClosed()) {
                try {
                    response.close();
                } catch (ClientGoneException gone) {
                    // Nobody left to answer.
                }
            }
            // Uploads live as long as their request, whatever happened to it.
            env.deleteTempFiles();
            env.leave();
        }
    }

    /** Sends files for this application (static files and {@code sendFile}). */
    FileSender files() {
        return files;
    }

    /** With {@code alwaysRescue(false)}, an exception reaches here: a bare 500, as Crystal's server sends. */
    private void unhandled(Env env, Throwable error) {
        Response response = env.response();
        if (error instanceof ClientGoneException) {
            response.abort();
            return;
        }
        log.error("Unhandled exception on {} {}", env.request().method(), env.request().resource(), error);
        Consumer<Throwable> listener = unhandledListener;
        if (listener != null) listener.accept(error);
        if (response.isClosed()) return;
        if (response.isCommitted() || !response.resetBody()) {
            response.abort();
            return;
        }
        response.resetHeaders();
        response.status(500).contentType("text/plain").print("500 Internal Server Error\n");
    }
}
