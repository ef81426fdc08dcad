package bench;

import java.net.URI;
import java.util.Locale;
import java.util.function.Function;

/**
 * The command-line pieces the bench's load tools ({@code bench/wsload}, {@code bench/idle})
 * share. A mistake is an {@link IllegalArgumentException} whose message is meant for the user.
 */
public final class ToolArgs {
    private ToolArgs() {}

    /** A tool's work once its options are parsed: returns the exit status. */
    @FunctionalInterface
    public interface Tool<T> {
        int run(T options) throws Exception;
    }

    /** Thrown by a parser for {@code --help}: the usage is printed and the tool exits 0. */
    public static final class HelpRequested extends RuntimeException {
        public HelpRequested() {
            super(null, null, false, false);
        }
    }

    /**
     * A tool's {@code main}: parses {@code args}, prints {@code usage} for {@code --help} (exit 0)
     * or after a mistake (exit 2), else runs the tool and exits with its status.
     */
    public static <T> void main(String name, String usage, String[] args, Function<String[], T> parse, Tool<T> tool)
            throws Exception {
        T options;
        try {
            options = parse.apply(args);
        } catch (HelpRequested help) {
            System.out.print(usage);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage() + "\n\n" + usage);
            System.exit(2);
            return;
        }
        System.exit(tool.run(options));
    }

    /** {@code --url VALUE}: a URL with {@code scheme} (e.g. {@code ws}) and a host. */
    public static URI url(String value, String scheme) {
        URI url;
        try {
            url = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url " + value + " is not a URL");
        }
        String given = url.getScheme() == null ? null : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(given) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be " + scheme + "://HOST[:PORT]/PATH, not " + value);
        }
        return url;
    }

    /** The URL's port, 80 when it names none. */
    public static int port(URI url) {
        return url.getPort() == -1 ? 80 : url.getPort();
    }

    /** {@code NAME VALUE}: a whole number of at least {@code min}. */
    public static int count(String name, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes a whole number of at least " + min + ", not '" + value + "'");
    }
}
