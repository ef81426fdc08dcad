package bench.wsload;

import bench.ToolArgs;
import java.net.URI;

/**
 * The command line of {@code wsload}; see {@link #USAGE}. Mistakes are reported as an
 * {@link IllegalArgumentException} whose message is meant for the user.
 */
record Options(URI url, String origin, int connections, int window, String message,
               int warmupSeconds, int durationSeconds, int runs, long serverPid) {

    static final String USAGE = """
            Usage: java -jar wsload.jar --url ws://HOST:PORT/PATH [options]

            Opens CONNECTIONS WebSockets to URL on one Netty event loop, keeps WINDOW text messages
            in flight on each (the next is sent when an echo arrives), checks every echo, and after
            the warm-up prints one line per measured run:
              wsload-result run=N messages=M duration_us=D p50_us=P p99_us=Q errors=E mismatches=X [cpu_ticks=T]

            Options:
              --url URL            the echo endpoint (ws:// only)
              --connections N      WebSockets (default 64)
              --window N           messages in flight per connection (default 1)
              --message TEXT       the text sent (default "Hello, World!", 13 bytes)
              --origin ORIGIN      the Origin header (default http://HOST:PORT of the URL: same origin)
              --warmup SECS        load before the first measured run, not reported (default 5)
              --duration SECS      length of each measured run (default 10)
              --runs N             measured runs, back to back on the same connections (default 1)
              --server-pid PID     also report the CPU time (user + system, clock ticks) that
                                   process used during each run, from /proc/PID/stat
              -h, --help           this help
            """;

    static Options parse(String... args) {
        URI url = null;
        String origin = null;
        int connections = 64;
        int window = 1;
        String message = "Hello, World!";
        int warmup = 5;
        int duration = 10;
        int runs = 1;
        long serverPid = -1;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-h") || name.equals("--help")) throw new ToolArgs.HelpRequested();
            if (i + 1 == args.length) throw new IllegalArgumentException(name + " needs a value");
            String value = args[++i];
            switch (name) {
                case "--url" -> url = ToolArgs.url(value, "ws");
                case "--origin" -> origin = value;
                case "--connections" -> connections = ToolArgs.count(name, value, 1);
                case "--window" -> window = ToolArgs.count(name, value, 1);
                case "--message" -> message = value;
                case "--warmup" -> warmup = ToolArgs.count(name, value, 0);
                case "--duration" -> duration = ToolArgs.count(name, value, 1);
                case "--runs" -> runs = ToolArgs.count(name, value, 1);
                case "--server-pid" -> serverPid = ToolArgs.count(name, value, 1);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (url == null) throw new IllegalArgumentException("--url is required");
        if (origin == null) origin = "http://" + url.getHost() + ":" + ToolArgs.port(url);
        return new Options(url, origin, connections, window, message, warmup, duration, runs, serverPid);
    }
}
