package kemal.internal.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MIME types by file extension: a built-in table, overridden by the OS database
 * ({@code /etc/mime.types}) where present, overridden by registrations in code.
 */
public final class MimeTypes {
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> TYPES = new ConcurrentHashMap<>();

    static {
        String[][] builtIn = {
            {"html", "text/html"}, {"htm", "text/html"}, {"css", "text/css"}, {"js", "text/javascript"},
            {"mjs", "text/javascript"}, {"json", "application/json"}, {"map", "application/json"},
            {"txt", "text/plain"}, {"text", "text/plain"}, {"csv", "text/csv"}, {"md", "text/markdown"},
            {"xml", "application/xml"}, {"rss", "application/rss+xml"}, {"atom", "application/atom+xml"},
            {"svg", "image/svg+xml"}, {"png", "image/png"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"},
            {"gif", "image/gif"}, {"webp", "image/webp"}, {"avif", "image/avif"}, {"ico", "image/vnd.microsoft.icon"},
            {"bmp", "image/bmp"}, {"tif", "image/tiff"}, {"tiff", "image/tiff"},
            {"woff", "font/woff"}, {"woff2", "font/woff2"}, {"ttf", "font/ttf"}, {"otf", "font/otf"},
            {"eot", "application/vnd.ms-fontobject"},
            {"pdf", "application/pdf"}, {"zip", "application/zip"}, {"gz", "application/gzip"},
            {"tar", "application/x-tar"}, {"bz2", "application/x-bzip2"}, {"7z", "application/x-7z-compressed"},
            {"wasm", "application/wasm"}, {"webmanifest", "application/manifest+json"},
            {"mp3", "audio/mpeg"}, {"ogg", "audio/ogg"}, {"wav", "audio/wav"}, {"flac", "audio/flac"},
            {"mp4", "video/mp4"}, {"webm", "video/webm"}, {"ogv", "video/ogg"}, {"mov", "video/quicktime"},
            {"exe", "application/octet-stream"}, {"bin", "application/octet-stream"},
        };
        for (String[] entry : builtIn) TYPES.put(entry[0], entry[1]);
        loadSystemTable(Path.of("/etc/mime.types"));
    }

    private MimeTypes() {}

    /** The type for a file name or path by its extension, or {@link #DEFAULT}. */
    public static String forName(String fileName) {
        String type = lookup(fileName);
        return type == null ? DEFAULT : type;
    }

    /** The type registered for the extension of {@code fileName}, or null. */
    public static String lookup(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        int dot = fileName.lastIndexOf('.');
        if (dot <= slash || dot == fileName.length() - 1) return null;
        return TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Registers {@code type} for {@code extension} (with or without the leading dot). */
    public static void register(String extension, String type) {
        String ext = extension.startsWith(".") ? extension.substring(1) : extension;
        if (ext.isEmpty()) throw new IllegalArgumentException("Empty file extension");
        HeaderValidation.checkValue("Content-Type", type);
        TYPES.put(ext.toLowerCase(Locale.ROOT), type);
    }

    private static void loadSystemTable(Path file) {
        if (!Files.isReadable(file)) return;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                if (hash >= 0) line = line.substring(0, hash);
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 2 || fields[0].isEmpty()) continue;
                for (int i = 1; i < fields.length; i++) TYPES.put(fields[i].toLowerCase(Locale.ROOT), fields[0]);
            }
        } catch (IOException | RuntimeException e) {
            // The built-in table stays in use.
        }
    }
}
