package kemal;

import java.util.Map;

/**
 * How the public folder is served, Kemal's {@code serve_static} hash.
 *
 * <pre>{@code
 * Kemal.config().serveStatic(new StaticOptions().gzip(true).dirListing(false));
 * Kemal.config().serveStatic(Map.of("gzip", true, "dir_listing", false));   // the guide's form
 * }</pre>
 */
public final class StaticOptions {
    private boolean gzip = true;
    private boolean dirListing;
    private boolean dirIndex;

    /** Compress text-like files on the fly and serve precompressed {@code .br}/{@code .gz} siblings; default on. */
    public boolean gzip() {
        return gzip;
    }

    public StaticOptions gzip(boolean gzip) {
        this.gzip = gzip;
        return this;
    }

    /** List a directory's files when it has no index; default off. */
    public boolean dirListing() {
        return dirListing;
    }

    public StaticOptions dirListing(boolean dirListing) {
        this.dirListing = dirListing;
        return this;
    }

    /** Serve a directory's {@code index.html} for the directory; default off. */
    public boolean dirIndex() {
        return dirIndex;
    }

    public StaticOptions dirIndex(boolean dirIndex) {
        this.dirIndex = dirIndex;
        return this;
    }

    /** From Kemal's hash form: keys {@code gzip}, {@code dir_listing}, {@code dir_index}. */
    public static StaticOptions from(Map<String, Boolean> options) {
        StaticOptions result = new StaticOptions();
        for (Map.Entry<String, Boolean> e : options.entrySet()) {
            boolean on = Boolean.TRUE.equals(e.getValue());
            switch (e.getKey()) {
                case "gzip" -> result.gzip(on);
                case "dir_listing", "dirListing" -> result.dirListing(on);
                case "dir_index", "dirIndex" -> result.dirIndex(on);
                default -> throw new IllegalArgumentException("Unknown serve_static option '" + e.getKey()
                        + "' (known: gzip, dir_listing, dir_index)");
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "{gzip=" + gzip + ", dir_listing=" + dirListing + ", dir_index=" + dirIndex + "}";
    }
}
