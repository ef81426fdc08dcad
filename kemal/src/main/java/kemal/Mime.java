package kemal;

import kemal.internal.http.MimeTypes;

/**
 * MIME types by file extension, used by static files and {@code sendFile}: a built-in table,
 * overridden by the OS database ({@code /etc/mime.types}) where present, overridden by
 * {@link #register}. Kemal's {@code MIME}.
 *
 * <pre>{@code
 * Mime.register(".cr", "text/crystal");
 * }</pre>
 */
public final class Mime {
    private Mime() {}

    /** Maps {@code extension} (with or without the dot) to {@code type}, for the whole process. */
    public static void register(String extension, String type) {
        MimeTypes.register(extension, type);
    }

    /** The type for a file name by its extension, or {@code application/octet-stream}. */
    public static String forName(String fileName) {
        return MimeTypes.forName(fileName);
    }
}
