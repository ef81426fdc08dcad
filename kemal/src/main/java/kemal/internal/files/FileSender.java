package kemal.internal.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import kemal.Env;
import kemal.HttpException;
import kemal.Response;
import kemal.StaticHeaders;
import kemal.internal.KemalInternals;
import kemal.internal.http.HttpDate;
import kemal.internal.http.MimeTypes;
import kemal.internal.server.FileSegment;

/**
 * Sends a file as the response, Kemal's {@code send_file}: the type from the extension (or the
 * one given), {@code X-Content-Type-Options: nosniff}, an optional Content-Disposition, byte
 * ranges for GET (RFC 9110, see {@link ByteRanges}), and gzip or deflate on the fly for text-like
 * files when the client accepts it. A plain file body goes out without passing through memory.
 */
public final class FileSender {
    /** A compressed body up to this size is built in memory and sent with Content-Length. */
    private static final int BUFFERED_COMPRESSION_LIMIT = 1 << 20;

    private final int maxRanges;
    private final boolean compress;
    private final StaticHeaders staticHeaders;
    private final KemalInternals internals = KemalInternals.get();

    public FileSender(int maxRanges, boolean compress, StaticHeaders staticHeaders) {
        this.maxRanges = maxRanges;
        this.compress = compress;
        this.staticHeaders = staticHeaders;
    }

    /** What else the caller knows about the response. */
    public record Options(String mimeType, String filename, String disposition, String etag) {
        public static final Options NONE = new Options(null, null, null, null);
    }

    /**
     * Sends {@code file}.
     *
     * @throws HttpException 404 when it is missing or not a regular file
     */
    public void send(Env env, Path file, Options options) throws IOException {
        BasicFileAttributes info;
        try {
            info = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new HttpException(404, "Not Found");
        }
        if (!info.isRegularFile()) throw new HttpException(404, "Not Found");
        send(env, file, info, options, null);
    }

    /**
     * A precompressed sibling ({@code app.js.gz}) sent as the representation of {@code original}
     * ({@code app.js}) in content coding {@code coding}.
     */
    record Precompressed(Path original, BasicFileAttributes originalInfo, String coding) {}

    /**
     * Sends {@code file} whose attributes are known: itself, or a precompressed sibling standing
     * for {@code precompressed.original()} (its type, its static headers; no ranges, no compression
     * on top).
     */
    void send(Env env, Path file, BasicFileAttributes info, Options options, Precompressed precompressed)
            throws IOException {
        Response response = env.response();
        long size = info.size();
        Path resource = precompressed != null ? precompressed.original() : file;
        String name = resource.getFileName().toString();
        String type = options.mimeType() != null ? options.mimeType() : MimeTypes.forName(name);
        response.contentType(type);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Accept-Ranges", maxRanges > 0 ? "bytes" : "none");
        if (options.filename() != null) {
            response.header("Content-Disposition", ContentDisposition.format(options.disposition(), options.filename()));
        }
        if (staticHeaders != null) {
            staticHeaders.apply(response, resource.toAbsolutePath().toString(),
                    precompressed != null ? precompressed.originalInfo() : info);
        }
        if (precompressed != null) {
            response.header("Content-Encoding", precompressed.coding());
            response.headers().add("Vary", "Accept-Encoding");
            internals.sendFileBody(response, size, List.of(new FileSegment(file, 0, size)));
            return;
        }

        String method = env.request().method();
        String range = env.request().header("Range");
        if (method.equals("GET") && range != null && maxRanges > 0 && ifRangeHolds(env, options.etag(), info)) {
            ByteRanges.Outcome outcome = ByteRanges.parse(range, size, maxRanges);
            if (outcome instanceof ByteRanges.Unsatisfiable) {
                response.status(416).header("Content-Range", "bytes */" + size);
                internals.sendFileBody(response, 0, List.of());
                return;
            }
            if (outcome instanceof ByteRanges.Satisfiable ranges) {
                sendRanges(response, file, size, type, ranges.ranges());
                return;
            }
        }
        boolean varies = varies(name);
        if (varies) response.headers().add("Vary", "Accept-Encoding");
        String coding = varies && size > Compressible.MIN_SIZE ? coding(env) : null;
        if (coding != null) {
            response.header("Content-Encoding", coding);
            sendCompressed(response, file, coding, size);
        } else {
            internals.sendFileBody(response, size, List.of(new FileSegment(file, 0, size)));
        }
    }

    /** Whether the response for a file of this name depends on Accept-Encoding (it may be compressed). */
    private boolean varies(String fileName) {
        return compress && Compressible.byName(fileName);
    }

    private static String coding(Env env) {
        String accepted = env.request().header("Accept-Encoding");
        if (AcceptEncoding.accepts(accepted, "gzip")) return "gzip";
        if (AcceptEncoding.accepts(accepted, "deflate")) return "deflate";
        return null;
    }

    /**
     * If-Range (RFC 9110 §13.1.5): ranges only when the client's copy is current, named by the
     * entity tag it was given or by the exact Last-Modified date.
     */
    private static boolean ifRangeHolds(Env env, String etag, BasicFileAttributes info) {
        String ifRange = env.request().header("If-Range");
        if (ifRange == null) return true;
        String value = ifRange.trim();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            // A strong comparison is required, and our validators are weak: only the exact tag passes.
            return value.equals(etag);
        }
        Instant date = HttpDate.parse(value);
        return date != null && date.getEpochSecond() == info.lastModifiedTime().toInstant().getEpochSecond();
    }

    private void sendRanges(Response response, Path file, long size, String type, List<ByteRanges.Range> ranges)
            throws IOException {
        response.status(206);
        if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.get(0);
            response.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size);
            internals.sendFileBody(response, r.length(), List.of(new FileSegment(file, r.first(), r.length())));
            return;
        }
        String boundary = "kemal-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        response.contentType("multipart/byteranges; boundary=" + boundary);
        List<Object> parts = new ArrayList<>(ranges.size() * 2 + 1);
        long length = 0;
        for (ByteRanges.Range r : ranges) {
            byte[] head = ("--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes "
                    + r.first() + "-" + r.last() + "/" + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            parts.add(head);
            parts.add(new FileSegment(file, r.first(), r.length()));
            parts.add(CRLF);
            length += head.length + r.length() + CRLF.length;
        }
        byte[] closing = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        parts.add(closing);
        length += closing.length;
        internals.sendFileBody(response, length, parts);
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Small results are buffered (Content-Length); large ones stream chunked. */
    private void sendCompressed(Response response, Path file, String coding, long size) throws IOException {
        OutputStream sink = size <= BUFFERED_COMPRESSION_LIMIT
                ? response.outputStream()
                : internals.streamingOutput(response, 64 * 1024);
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = coding.equals("gzip") ? new GZIPOutputStream(sink, 16 * 1024)
                     : new DeflaterOutputStream(sink)) {
            in.transferTo(out);
        }
        // Like a plain file body, the response is complete: what a route or filter writes next
        // must not land after the compressed stream.
        response.close();
    }
}
