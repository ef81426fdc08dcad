package kemal.internal.routing;

/**
 * One path pattern with the router's syntax and tolerance ({@code :param}, {@code *glob},
 * a trailing slash either way), for the filters and handler rules that match a path against a
 * single pattern. {@code *} and {@code /*} match every path.
 */
public final class PathPattern {
    private final String pattern;
    private final RadixTree<String> tree;

    private PathPattern(String pattern, RadixTree<String> tree) {
        this.pattern = pattern;
        this.tree = tree;
    }

    /**
     * @throws IllegalArgumentException when the pattern is empty, malformed, or does not start
     *     with '/' (it would never match a request path, so a guard would silently not run)
     */
    public static PathPattern of(String pattern) {
        if (pattern == null || pattern.isEmpty()) throw new IllegalArgumentException("Empty path pattern");
        if (isEverything(pattern)) return new PathPattern(pattern, null);
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("Path pattern '" + pattern + "' must start with '/', like '/" + pattern + "'");
        }
        RadixTree<String> tree = new RadixTree<>();
        tree.add(pattern, pattern);
        return new PathPattern(pattern, tree);
    }

    /** Whether {@code pattern} stands for every path ({@code *} or {@code /*}). */
    public static boolean isEverything(String pattern) {
        return pattern.equals("*") || pattern.equals("/*");
    }

    public boolean matchesEverything() {
        return tree == null;
    }

    public boolean matches(String path) {
        return tree == null || tree.find(path) != null;
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
