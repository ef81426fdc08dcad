package kemal;

import java.io.InputStream;
import java.nio.file.Path;
import kemal.internal.files.FileSender;
import kemal.internal.json.Json;

/**
 * Writes what a route (or error handler) returns: text, bytes, a stream, a file, or JSON for any
 * other object. See {@link Route}.
 */
final class ResultWriter {
    /** A streamed result buffered up to this size is sent with Content-Length; beyond, chunked. */
    static final int STREAM_BUFFER = 64 * 1024;

    private ResultWriter() {}

    static void write(Env env, Object result) throws Exception {
        if (result == null || result instanceof Env || result instanceof Response || result instanceof Request) {
            return;
        }
        Response response = env.response();
        if (response.isClosed()) return;
        if (result instanceof CharSequence text) {
            response.print(text);
        } else if (result instanceof byte[] bytes) {
            response.writeOwned(bytes);
        } else if (result instanceof InputStream in) {
            try (in) {
                response.stream(in, STREAM_BUFFER);
            }
        } else if (result instanceof Path file) {
            // A type the route set itself wins over the one the extension implies.
            String type = response.hasDefaultContentType() ? null : response.contentType();
            env.app().files().send(env, file, new FileSender.Options(type, null, null, null));
        } else {
            if (response.hasDefaultContentType()) response.contentType("application/json");
            response.writeOwned(Json.toBytes(result));
        }
    }
}
