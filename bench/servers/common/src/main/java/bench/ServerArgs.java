package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a peer bench server: {@code --port PORT} (default 3000),
 * {@code --public DIR} (the folder whose {@code static/} files are served under {@code /static/};
 * none when not given) plus the switches that server declares. {@code bench/run.sh} and the
 * smoke test start every server the same way, so they all parse it here; the Kemal server uses
 * Kemal's own flags instead.
 */
public record ServerArgs(int port, Path publicFolder, Set<String> switches) {
    public static final int DEFAULT_PORT = 3000;

    /** The URL prefix and subfolder of the static files: {@code GET /static/100k.txt}. */
    public static final String STATIC = "static";

    /** {@code DIR/static} of {@code --public DIR}, or null when there was no {@code --public}. */
    public Path staticFolder() {
        return publicFolder == null ? null : publicFolder.resolve(STATIC);
    }

    /** Whether {@code name} (e.g. {@code --virtual}) was given. */
    public boolean has(String name) {
        return switches.contains(name);
    }

    /**
     * Parses {@code args}; prints usage and exits (0 for {@code --help}, 2 for a mistake) rather
     * than throwing, because a bench script reads the exit status, not a stack trace.
     */
    public static ServerArgs parse(String server, String[] args, String... allowedSwitches) {
        List<String> allowed = Arrays.asList(allowedSwitches);
        int port = DEFAULT_PORT;
        Path publicFolder = null;
        Set<String> switches = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                exit(0, usage(server, allowed));
            } else if (arg.equals("--port") || arg.equals("-p")) {
                if (i + 1 == args.length) exit(2, "Error: " + arg + " needs a value\n" + usage(server, allowed));
                port = parsePort(args[++i], server, allowed);
            } else if (arg.equals("--public")) {
                if (i + 1 == args.length) exit(2, "Error: " + arg + " needs a value\n" + usage(server, allowed));
                publicFolder = Path.of(args[++i]).toAbsolutePath().normalize();
                if (!Files.isDirectory(publicFolder)) {
                    exit(2, "Error: --public " + args[i] + " is not a folder\n" + usage(server, allowed));
                }
            } else if (allowed.contains(arg)) {
                switches.add(arg);
            } else {
                exit(2, "Error: unknown argument '" + arg + "'\n" + usage(server, allowed));
            }
        }
        return new ServerArgs(port, publicFolder, Set.copyOf(switches));
    }

    private static int parsePort(String text, String server, List<String> allowed) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        exit(2, "Error: '" + text + "' is not a port number (0-65535)\n" + usage(server, allowed));
        return -1;
    }

    private static String usage(String server, List<String> allowed) {
        StringBuilder usage = new StringBuilder("Usage: java -jar " + server + ".jar [--port PORT] [--public DIR]");
        for (String flag : allowed) usage.append(" [").append(flag).append(']');
        return usage.toString();
    }

    private static void exit(int status, String message) {
        (status == 0 ? System.out : System.err).println(message);
        System.exit(status);
    }
}
