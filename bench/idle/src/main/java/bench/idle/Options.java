package bench.idle;

import bench.ToolArgs;
import java.net.URI;

/**
 * The command line of {@code idle}; see {@link #USAGE}. Mistakes are reported as an
 * {@link IllegalArgumentException} whose message is meant for the user.
 */
record Options(URI url, int connections, int opening, int holdSeconds, int refreshSeconds, int reportSeconds) {

    static final String USAGE = """
            Usage: java -jar idle.jar --url http://HOST:PORT/PATH [options]

            Opens CONNECTIONS keep-alive HTTP/1.1 connections to URL on one Netty event loop, sends
            one GET on each and reads its 200, then holds them all open and idle. Prints, on stdout:
              idle-ready connections=N open=K failed=F seconds=S        once every connection was tried
              idle-status seconds=T open=K closed=C refreshed=R errors=E  every REPORT seconds
              idle-result connections=N open=K failed=F closed=C refreshed=R errors=E held_seconds=T
            at the end of the hold (or when killed with SIGTERM). open: connections served and still
            open; closed: connections the server closed while they were held; errors: refreshes
            that got no 200. Exit status 0 when all CONNECTIONS were open to the end, else 1.

            Options:
              --url URL            the GET sent on each connection (http:// only)
              --connections N      connections to open (default 10000)
              --opening N          connections being opened at once (default 200): a burst of
                                   thousands would overflow the server's accept backlog
              --hold SECS          how long to hold them once open, 0 until killed (default 0)
              --refresh SECS       send one more GET on each connection every SECS, spread
                                   evenly, so a server's idle timeout longer than SECS does not
                                   close them; 0 never: they stay silent (default 0)
              --report SECS        seconds between idle-status lines (default 5)
              -h, --help           this help
            """;

    static Options parse(String... args) {
        URI url = null;
        int connections = 10_000;
        int opening = 200;
        int hold = 0;
        int refresh = 0;
        int report = 5;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help")) throw new ToolArgs.HelpRequested();
            if (i + 1 == args.length) throw new IllegalArgumentException(name + " needs a value");
            String value = args[++i];
            switch (name) {
                case "--url" -> url = ToolArgs.url(value, "http");
                case "--connections" -> connections = ToolArgs.count(name, value, 1);
                case "--opening" -> opening = ToolArgs.count(name, value, 1);
                case "--hold" -> hold = ToolArgs.count(name, value, 0);
                case "--refresh" -> refresh = ToolArgs.count(name, value, 0);
                case "--report" -> report = ToolArgs.count(name, value, 1);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (url == null) throw new IllegalArgumentException("--url is required");
        return new Options(url, connections, opening, hold, refresh, report);
    }

    int port() {
        return ToolArgs.port(url);
    }

    /** The request target: the URL's path and query, {@code /} when it has none. */
    String target() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The Host header: host, and the port when it is not 80. */
    String hostHeader() {
        return url.getPort() == -1 || url.getPort() == 80 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }
}
