package kemal.internal.files;

import java.util.Locale;
import java.util.Set;

/** Which files are worth compressing on the fly: Kemal's text-like extensions, above its size threshold. */
final class Compressible {
    /** Kemal skips files this small: the gzip header would eat the gain. (Unlike Kemal, woff and
     * woff2 are left out: they are compressed already.) */
    static final long MIN_SIZE = 860;

    private static final Set<String> EXTENSIONS = Set.of(
            "htm", "html", "txt", "css", "js", "mjs", "svg", "json", "xml", "otf", "ttf", "map",
            "csv", "md");

    private Compressible() {}

    static boolean byName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
