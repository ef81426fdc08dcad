package kemal;

import java.nio.file.attribute.BasicFileAttributes;

/**
 * Adds headers to every file served by the static file handler or {@code sendFile}, Kemal's
 * {@code static_headers}.
 *
 * <pre>{@code
 * Kemal.config().staticHeaders((response, filePath, fileInfo) -> {
 *     if (filePath.endsWith(".html")) response.headers().add("Access-Control-Allow-Origin", "*");
 *     response.headers().add("Content-Size", String.valueOf(fileInfo.size()));
 * });
 * }</pre>
 */
@FunctionalInterface
public interface StaticHeaders {
    /**
     * @param response the response about to carry the file
     * @param filePath the file's absolute path (for a precompressed {@code app.js.gz} served in
     *     place of {@code app.js}, that of {@code app.js}, whose attributes are given too)
     * @param fileInfo its size, modification time and type
     */
    void apply(Response response, String filePath, BasicFileAttributes fileInfo);
}
