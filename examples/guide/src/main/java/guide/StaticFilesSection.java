package guide;

import static kemal.Kemal.*;

import java.util.Map;

/**
 * Guide sections "Static Files" and "Static Files Configuration": {@code examples/guide/public}
 * served without routes, with the guide's {@code serve_static} options and {@code static_headers}.
 */
final class StaticFilesSection {
    private StaticFilesSection() {}

    static void define() {
        // public_folder "./public", wherever the app was started from (see GuideFolders).
        publicFolder(GuideFolders.publicFolder().toString());

        // serve_static({"gzip" => true, "dir_listing" => false})
        serveStatic(Map.of("gzip", true, "dir_listing", false));

        // static_headers: CORS for HTML files, and every file's size.
        staticHeaders((response, filepath, filestat) -> {
            if (filepath.matches(".*\\.html$")) {
                response.headers().add("Access-Control-Allow-Origin", "*");
            }
            response.headers().add("Content-Size", String.valueOf(filestat.size()));
        });
    }
}
