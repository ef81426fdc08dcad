package kemal.internal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import kemal.Env;
import kemal.Handler;
import kemal.HttpException;
import kemal.Response;
import kemal.internal.http.HttpDate;

/**
 * Serves the public folder (Kemal's StaticFileHandler), before custom handlers, filters and
 * routes. Only GET and HEAD; anything it does not serve falls through to the next handler.
 *
 * <p>Safety, whatever the encoding of the request path: a NUL byte or a {@code .}/{@code ..}
 * segment is a 400; encoded slashes or backslashes, backslashes, and hidden names (a segment
 * starting with a dot, except {@code .well-known}) are never served. Symbolic links are followed
 * only when their target is inside the public folder.
 *
 * <p>Most GETs are for routes: a path whose first segment names nothing directly in the public
 * folder falls through without touching the file system. The folder's names are listed again at
 * most once a second, so a file added at the top level is served within a second, deeper ones at
 * once.
 */
public final class StaticFileHandler extends Handler {
    private final Path root;
    private final TopLevelNames topLevel;
    private final boolean dirListing;
    private final boolean dirIndex;
    private final boolean gzip;
    private final FileSender sender;

    /**
     * @param root the public folder; when it does not exist nothing is served
     */
    public StaticFileHandler(Path root, boolean gzip, boolean dirListing, boolean dirIndex, FileSender sender) {
        this.root = realRoot(root);
        this.topLevel = new TopLevelNames(this.root == null ? root : this.root);
        this.gzip = gzip;
        this.dirListing = dirListing;
        this.dirIndex = dirIndex;
        this.sender = sender;
    }

    private static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException missing) {
            return null;
        }
    }

    @Override
    public void call(Env env) throws Exception {
        String method = env.request().method();
        if (root == null || !(method.equals("GET") || method.equals("HEAD"))) {
            callNext(env);
            return;
        }
        StaticPath path = StaticPath.parse(env.request().path());
        switch (path) {
            case StaticPath.Refused refused -> throw new HttpException(400, "Bad Request: " + refused.reason());
            case StaticPath.NotServed notServed -> callNext(env);
            case StaticPath.Redirect redirect -> redirect(env, redirect.location());
            case StaticPath.Relative relative -> serve(env, relative);
        }
    }

    private void serve(Env env, StaticPath.Relative relative) throws Exception {
        if (!topLevel.mayExist(relative.path())) {
            callNext(env);
            return;
        }
        Path file = resolveInside(relative.path());
        BasicFileAttributes info = file == null ? null : attributes(file);
        if (info == null) {
            callNext(env);
            return;
        }
        if (info.isDirectory()) {
            serveDirectory(env, file, relative);
        } else if (info.isRegularFile() && !relative.trailingSlash()) {
            // "notes.txt/" names a directory; serving the file there would also break its relative links.
            serveFile(env, file, info);
        } else {
            callNext(env);
        }
    }

    private void serveDirectory(Env env, Path dir, StaticPath.Relative relative) throws Exception {
        if (!relative.trailingSlash()) {
            // As Kemal: a directory is addressed with its trailing slash.
            redirect(env, env.request().path() + "/");
            return;
        }
        if (dirIndex) {
            Path index = dir.resolve("index.html");
            BasicFileAttributes info = attributes(index);
            if (info != null && info.isRegularFile() && resolveInside(relative.path() + "index.html") != null) {
                serveFile(env, index, info);
                return;
            }
        }
        if (dirListing) {
            env.response().contentType("text/html; charset=utf-8")
                    .print(DirectoryListing.render(env.request().path(), dir, this::isInside));
            return;
        }
        callNext(env);
    }

    private void serveFile(Env env, Path file, BasicFileAttributes info) throws IOException {
        Response response = env.response();
        String name = file.getFileName().toString();
        // The representation is chosen first: a precompressed one has its own validator.
        boolean compressible = gzip && Compressible.byName(name);
        Representation chosen = null;
        if (compressible && env.request().header("Range") == null) {
            String accepted = env.request().header("Accept-Encoding");
            for (Coding coding : PRECOMPRESSED) {
                chosen = precompressed(file, info, accepted, coding);
                if (chosen != null) break;
            }
        }
        if (chosen == null) chosen = new Representation(file, info, null);
        String etag = etag(chosen.info(), chosen.precompressed() == null ? "" : "-" + chosen.precompressed().coding());
        Instant modified = info.lastModifiedTime().toInstant();
        response.header("ETag", etag).header("Last-Modified", HttpDate.format(modified));
        if (notModified(env, etag, modified)) {
            response.status(304).headers().remove("Content-Type");
            // RFC 9110 §15.4.5: the Vary the full response would carry.
            if (compressible) response.headers().add("Vary", "Accept-Encoding");
            return;
        }
        sender.send(env, chosen.file(), chosen.info(), new FileSender.Options(null, null, null, etag),
                chosen.precompressed());
    }

    /** The file whose bytes answer the request, and the original it stands for if precompressed. */
    private record Representation(Path file, BasicFileAttributes info, FileSender.Precompressed precompressed) {}

    /** A content coding and the suffix of the sibling file that holds it. */
    private record Coding(String name, String suffix) {}

    /** Precompressed siblings, in order of preference. */
    private static final List<Coding> PRECOMPRESSED = List.of(new Coding("br", ".br"), new Coding("gzip", ".gz"));

    /**
     * {@code app.js.br} or {@code app.js.gz} for {@code app.js}, when the client takes that coding
     * and the sibling is a regular file inside the folder, at least as new; else null.
     */
    private Representation precompressed(Path file, BasicFileAttributes info, String accepted, Coding coding) {
        if (!AcceptEncoding.accepts(accepted, coding.name())) return null;
        Path sibling = file.resolveSibling(file.getFileName() + coding.suffix());
        BasicFileAttributes siblingInfo = attributes(sibling);
        if (siblingInfo == null || !siblingInfo.isRegularFile() || !isInside(sibling)) return null;
        if (siblingInfo.lastModifiedTime().compareTo(info.lastModifiedTime()) < 0) return null;
        return new Representation(sibling, siblingInfo, new FileSender.Precompressed(file, info, coding.name()));
    }

    /** RFC 9110 §13.1.2/§13.1.3: If-None-Match (weak comparison) wins over If-Modified-Since. */
    private static boolean notModified(Env env, String etag, Instant modified) {
        String ifNoneMatch = env.request().header("If-None-Match");
        if (ifNoneMatch != null) {
            String opaque = etag.substring(2); // without W/
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag) || t.equals(opaque) || t.equals("W/" + opaque)) return true;
            }
            return false;
        }
        Instant since = HttpDate.parse(env.request().header("If-Modified-Since"));
        return since != null && modified.getEpochSecond() <= since.getEpochSecond();
    }

    private static String etag(BasicFileAttributes info, String variant) {
        return "W/\"" + Long.toHexString(info.size()) + "-" + Long.toHexString(info.lastModifiedTime().toMillis())
                + variant + "\"";
    }

    private static void redirect(Env env, String location) {
        String query = env.request().queryString();
        env.redirect(query == null ? location : location + "?" + query);
    }

    /** The file for a relative path, or null when it (or a link on the way) leads outside the root. */
    private Path resolveInside(String relative) {
        Path candidate = root.resolve(relative).normalize();
        // Most GETs are for routes, not files: test existence without an exception (Files.exists
        // does not throw internally) before resolving links, which throws for a missing file.
        if (!candidate.startsWith(root) || !Files.exists(candidate)) return null;
        return isInside(candidate) ? candidate : null;
    }

    /** Whether the real location of {@code path} (links followed) is inside the root; true when missing. */
    private boolean isInside(Path path) {
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException missing) {
            return !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException missing) {
            return null;
        }
    }
}
