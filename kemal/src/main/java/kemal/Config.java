package kemal;

import io.netty.bootstrap.ServerBootstrap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An application's settings, Kemal's {@code Kemal.config}. Every setter returns the config, so
 * settings chain:
 *
 * <pre>{@code
 * Kemal.config().port(8080).maxRequestBodySize(10 << 20).poweredByHeader(false);
 * }</pre>
 *
 * Values are resolved with Kemal's priority: command-line flags (given to {@code run(args)}) over
 * values set in code, over the environment ({@code KEMAL_ENV}, {@code PORT}, {@code HOST}), over
 * the defaults. They are checked when the application starts: an invalid value stops it with one
 * clear message.
 */
public final class Config {
    /** Kemal's default body limit: 8 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BODY_SIZE = 8L * 1024 * 1024;

    private App owner;
    private String appName = "Kemal";
    private String hostBinding;
    private String portText;
    private String portSource;
    private String env;
    private Long maxRequestBodySize = DEFAULT_MAX_REQUEST_BODY_SIZE;
    private int maxRouteCacheSize = 1024;
    private int maxRequestLineSize = 8192;
    private int maxHeadersSize = 16384;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private Duration writeTimeout = Duration.ofSeconds(60);
    private String poweredByHeader = "Kemal";
    private boolean alwaysRescue = true;
    private boolean logging = true;
    private BaseLogHandler logger;
    private boolean ssl;
    private String sslCertificateFile;
    private String sslKeyFile;
    private boolean shutdownMessage = true;
    private Consumer<OptionParser> extraOptions;
    private List<String> websocketAllowedOrigins = List.of();
    private int websocketMaxMessageSize = 1024 * 1024;
    private Duration websocketIdleTimeout = Duration.ofSeconds(60);
    private String publicFolder = "./public";
    private StaticOptions serveStatic = new StaticOptions();
    private StaticHeaders staticHeaders;
    private int maxRanges = 16;
    private long maxMultipartFormFieldSize = 8L * 1024 * 1024;
    private Consumer<ServerBootstrap> server;

    Config() {
        this(System.getenv());
    }

    /** Starts from the defaults, overridden by {@code KEMAL_ENV}, {@code PORT} and {@code HOST}. */
    Config(Map<String, String> environment) {
        this.hostBinding = envOr(environment, "HOST", "0.0.0.0");
        this.portText = envOr(environment, "PORT", "3000");
        this.portSource = isSet(environment, "PORT") ? "the PORT environment variable" : "the default";
        this.env = envOr(environment, "KEMAL_ENV", "development");
    }

    private static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    private static String envOr(Map<String, String> environment, String name, String fallback) {
        return isSet(environment, name) ? environment.get(name).trim() : fallback;
    }

    // ---- server -----------------------------------------------------------------------------

    /** The name used in log messages; default {@code Kemal}. */
    public String appName() {
        return appName;
    }

    public Config appName(String appName) {
        this.appName = appName;
        return this;
    }

    /** The address to listen on; default {@code 0.0.0.0} (or {@code HOST}). CLI {@code -b}. */
    public String hostBinding() {
        return hostBinding;
    }

    public Config hostBinding(String host) {
        this.hostBinding = host;
        return this;
    }

    /** The port to listen on; default 3000 (or {@code PORT}); 0 picks a free port. CLI {@code -p}. */
    public int port() {
        return parsePort();
    }

    public Config port(int port) {
        this.portText = Integer.toString(port);
        this.portSource = "the configured port";
        return this;
    }

    void portFromCli(String value) {
        this.portText = value;
        this.portSource = "--port";
    }

    /** {@code development} (default, or {@code KEMAL_ENV}), {@code production} or {@code test}. */
    public String env() {
        return env;
    }

    public Config env(String env) {
        this.env = env;
        return this;
    }

    public boolean isProduction() {
        return "production".equals(env);
    }

    public boolean isTest() {
        return "test".equals(env);
    }

    /** The largest request body accepted, in bytes, or null for no limit; default 8 MiB. Larger gets 413. */
    public Long maxRequestBodySize() {
        return maxRequestBodySize;
    }

    public Config maxRequestBodySize(Long bytes) {
        this.maxRequestBodySize = bytes;
        return this;
    }

    public Config maxRequestBodySize(long bytes) {
        return maxRequestBodySize(Long.valueOf(bytes));
    }

    /** How many recent route lookups are cached; default 1024; 0 turns the cache off. */
    public int maxRouteCacheSize() {
        return maxRouteCacheSize;
    }

    public Config maxRouteCacheSize(int size) {
        this.maxRouteCacheSize = size;
        return this;
    }

    /** The longest request line accepted, in bytes; default 8192. Longer gets 414. */
    public int maxRequestLineSize() {
        return maxRequestLineSize;
    }

    public Config maxRequestLineSize(int bytes) {
        this.maxRequestLineSize = bytes;
        return this;
    }

    /** The largest header block accepted, in bytes; default 16384. Larger gets 431. */
    public int maxHeadersSize() {
        return maxHeadersSize;
    }

    public Config maxHeadersSize(int bytes) {
        this.maxHeadersSize = bytes;
        return this;
    }

    /** How long a keep-alive connection may wait for its next request; default 60 s. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Config idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * How long a client may take none of a response before the server gives up on it and closes
     * the connection (a stalled reader must not hold a connection and a thread); default 60 s.
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    public Config writeTimeout(Duration timeout) {
        this.writeTimeout = timeout;
        return this;
    }

    /** How long a stop waits for requests in progress to finish; default 10 s. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    public Config shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = timeout;
        return this;
    }

    /** Whether stopping prints Kemal's {@code Kemal is going to take a rest!}; default true. */
    public boolean shutdownMessage() {
        return shutdownMessage;
    }

    public Config shutdownMessage(boolean print) {
        this.shutdownMessage = print;
        return this;
    }

    /**
     * Access to the underlying Netty server bootstrap before it binds, for socket options such
     * as SO_REUSEPORT (Kemal's {@code config.server}).
     */
    public Config server(Consumer<ServerBootstrap> customizer) {
        this.server = customizer;
        return this;
    }

    Consumer<ServerBootstrap> serverCustomizer() {
        return server;
    }

    // ---- headers and errors -----------------------------------------------------------------

    /** The {@code X-Powered-By} value, or null when disabled; default {@code Kemal}. */
    public String poweredByHeader() {
        return poweredByHeader;
    }

    /** {@code false} removes the {@code X-Powered-By} header; {@code true} restores {@code Kemal}. */
    public Config poweredByHeader(boolean enabled) {
        this.poweredByHeader = enabled ? "Kemal" : null;
        return this;
    }

    /** Sends {@code X-Powered-By: value}. */
    public Config poweredByHeader(String value) {
        this.poweredByHeader = value;
        return this;
    }

    /** Whether exceptions are turned into error pages; default true. When false they propagate. */
    public boolean alwaysRescue() {
        return alwaysRescue;
    }

    public Config alwaysRescue(boolean rescue) {
        this.alwaysRescue = rescue;
        return this;
    }

    // ---- logging ----------------------------------------------------------------------------

    /** Whether each request is logged; default true. */
    public boolean logging() {
        return logging;
    }

    public Config logging(boolean enabled) {
        this.logging = enabled;
        return this;
    }

    /** The request logger replacing the built-in one, or null. */
    public BaseLogHandler logger() {
        return logger;
    }

    public Config logger(BaseLogHandler logger) {
        this.logger = logger;
        return this;
    }

    // ---- TLS --------------------------------------------------------------------------------

    /** Whether to serve HTTPS; needs {@link #sslCertificateFile} and {@link #sslKeyFile}. CLI {@code -s}. */
    public boolean ssl() {
        return ssl;
    }

    public Config ssl(boolean enabled) {
        this.ssl = enabled;
        return this;
    }

    /** The PEM certificate chain file. CLI {@code --ssl-cert-file}. */
    public String sslCertificateFile() {
        return sslCertificateFile;
    }

    public Config sslCertificateFile(String path) {
        this.sslCertificateFile = path;
        return this;
    }

    /** The PEM (PKCS#8) private key file. CLI {@code --ssl-key-file}. */
    public String sslKeyFile() {
        return sslKeyFile;
    }

    public Config sslKeyFile(String path) {
        this.sslKeyFile = path;
        return this;
    }

    // ---- command line -----------------------------------------------------------------------

    /**
     * Adds application flags to the command line parsed by {@code run(args)}:
     * <pre>{@code
     * Kemal.config().extraOptions(parser -> parser.on("-c CONFIG", "--config CONFIG",
     *         "Load configuration from file", file -> loadConfig(file)));
     * }</pre>
     */
    public Config extraOptions(Consumer<OptionParser> options) {
        this.extraOptions = options;
        return this;
    }

    Consumer<OptionParser> extraOptions() {
        return extraOptions;
    }

    // ---- handlers ---------------------------------------------------------------------------

    /** {@code Kemal.config.add_handler}: the same as {@link App#addHandler(Handler)}. */
    public Config addHandler(Handler handler) {
        owner().addHandler(handler);
        return this;
    }

    /** {@code Kemal.config.add_handler handler, position}: the same as {@link App#addHandler(Handler, int)}. */
    public Config addHandler(Handler handler, int position) {
        owner().addHandler(handler, position);
        return this;
    }

    void owner(App app) {
        this.owner = app;
    }

    private App owner() {
        if (owner == null) throw new IllegalStateException("This Config belongs to no application");
        return owner;
    }

    // ---- WebSockets --------------------------------------------------------------------------

    /**
     * Which origins may open WebSockets: empty (the default) allows only the same origin as the
     * request's Host; otherwise the listed origins ({@code https://app.example.com}); {@code "*"}
     * allows any, {@code "null"} the opaque null origin. Others get 403 before the upgrade.
     */
    public List<String> websocketAllowedOrigins() {
        return websocketAllowedOrigins;
    }

    public Config websocketAllowedOrigins(List<String> origins) {
        this.websocketAllowedOrigins = origins == null ? List.of() : List.copyOf(origins);
        return this;
    }

    /** The largest WebSocket message, fragments joined, in bytes; default 1 MiB. Larger closes with 1009. */
    public int websocketMaxMessageSize() {
        return websocketMaxMessageSize;
    }

    public Config websocketMaxMessageSize(int bytes) {
        this.websocketMaxMessageSize = bytes;
        return this;
    }

    /**
     * How long a WebSocket may stay silent before the server pings it; silent for twice as long,
     * it is closed with 1001. Default 60 s; zero turns the heartbeat off.
     */
    public Duration websocketIdleTimeout() {
        return websocketIdleTimeout;
    }

    public Config websocketIdleTimeout(Duration timeout) {
        this.websocketIdleTimeout = timeout;
        return this;
    }

    // ---- static files and uploads -----------------------------------------------------------

    /** The folder served as static files; default {@code ./public} (relative to the working directory). */
    public String publicFolder() {
        return publicFolder;
    }

    public Config publicFolder(String folder) {
        this.publicFolder = folder;
        return this;
    }

    /** How static files are served, or null when they are not; default gzip on, no listing, no index. */
    public StaticOptions serveStatic() {
        return serveStatic;
    }

    /** {@code false} removes the static file handler; {@code true} restores the default options. */
    public Config serveStatic(boolean enabled) {
        this.serveStatic = enabled ? new StaticOptions() : null;
        return this;
    }

    public Config serveStatic(StaticOptions options) {
        this.serveStatic = options;
        return this;
    }

    /** Kemal's hash form: {@code serveStatic(Map.of("gzip", true, "dir_listing", false))}. */
    public Config serveStatic(Map<String, Boolean> options) {
        this.serveStatic = StaticOptions.from(options);
        return this;
    }

    /** Headers added to every static file and {@code sendFile} response. */
    public StaticHeaders staticHeaders() {
        return staticHeaders;
    }

    public Config staticHeaders(StaticHeaders headers) {
        this.staticHeaders = headers;
        return this;
    }

    /** The most parts a Range header may ask for; default 16; 0 turns ranges off ({@code Accept-Ranges: none}). */
    public int maxRanges() {
        return maxRanges;
    }

    public Config maxRanges(int ranges) {
        this.maxRanges = ranges;
        return this;
    }

    /** The largest value of a non-file field in a multipart form, in bytes; default 8 MiB. Larger gets 413. */
    public long maxMultipartFormFieldSize() {
        return maxMultipartFormFieldSize;
    }

    public Config maxMultipartFormFieldSize(long bytes) {
        this.maxMultipartFormFieldSize = bytes;
        return this;
    }

    // ---- validation -------------------------------------------------------------------------

    private int parsePort() {
        try {
            return Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Every problem with the current values, as sentences; empty when they are valid. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        int port = parsePort();
        if (port < 0 || port > 65535) {
            problems.add("port '" + portText + "' from " + portSource + " is not a port number (0-65535)");
        }
        if (hostBinding == null || hostBinding.isBlank()) problems.add("host binding is empty");
        if (env == null || env.isBlank()) problems.add("env is empty");
        if (maxRequestBodySize != null && maxRequestBodySize < 0) {
            problems.add("maxRequestBodySize must not be negative (use null for no limit), not " + maxRequestBodySize);
        }
        if (maxRouteCacheSize < 0) problems.add("maxRouteCacheSize must not be negative, not " + maxRouteCacheSize);
        if (maxRequestLineSize < 256) problems.add("maxRequestLineSize must be at least 256 bytes, not " + maxRequestLineSize);
        if (maxHeadersSize < 1024) problems.add("maxHeadersSize must be at least 1024 bytes, not " + maxHeadersSize);
        if (idleTimeout == null || idleTimeout.isNegative()) problems.add("idleTimeout must not be negative");
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) problems.add("shutdownTimeout must not be negative");
        if (ssl) {
            if (sslKeyFile == null || sslKeyFile.isBlank()) {
                problems.add("SSL key file not specified. Use --ssl-key-file FILE to specify the key file.");
            } else if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(sslKeyFile))) {
                problems.add("SSL key file '" + sslKeyFile + "' cannot be read");
            }
            if (sslCertificateFile == null || sslCertificateFile.isBlank()) {
                problems.add("SSL certificate file not specified. Use --ssl-cert-file FILE to specify the certificate file.");
            } else if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(sslCertificateFile))) {
                problems.add("SSL certificate file '" + sslCertificateFile + "' cannot be read");
            }
        }
        if (maxRanges < 0) problems.add("maxRanges must not be negative, not " + maxRanges);
        if (maxMultipartFormFieldSize < 0) {
            problems.add("maxMultipartFormFieldSize must not be negative, not " + maxMultipartFormFieldSize);
        }
        if (publicFolder == null || publicFolder.isBlank()) problems.add("publicFolder is empty");
        if (websocketMaxMessageSize < 125) {
            problems.add("websocketMaxMessageSize must be at least 125 bytes, not " + websocketMaxMessageSize);
        }
        if (websocketIdleTimeout == null || websocketIdleTimeout.isNegative()) {
            problems.add("websocketIdleTimeout must not be negative");
        }
        for (String origin : websocketAllowedOrigins) {
            if (!origin.equals("*") && !origin.equals("null") && !origin.contains("://")) {
                problems.add("websocketAllowedOrigins entry '" + origin + "' is not an origin (scheme://host[:port])");
            }
        }
        if (writeTimeout == null || writeTimeout.isNegative()) problems.add("writeTimeout must not be negative");
        if (poweredByHeader != null && (poweredByHeader.indexOf('\r') >= 0 || poweredByHeader.indexOf('\n') >= 0)) {
            problems.add("poweredByHeader must not contain CR or LF");
        }
        return problems;
    }
}
