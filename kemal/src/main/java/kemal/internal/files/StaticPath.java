package kemal.internal.files;

import kemal.internal.params.MalformedEncodingException;
import kemal.internal.params.PercentDecoder;

/** What a request path means for the public folder, decided before touching the file system. */
sealed interface StaticPath {
    /** A bad request outright (400). */
    record Refused(String reason) implements StaticPath {}

    /** Not a file we would serve: let the routes decide. */
    record NotServed() implements StaticPath {}

    /** The same path without repeated slashes. */
    record Redirect(String location) implements StaticPath {}

    /** A safe path relative to the public folder (no leading slash). */
    record Relative(String path, boolean trailingSlash) implements StaticPath {}

    NotServed NOT_SERVED = new NotServed();

    static StaticPath parse(String rawPath) {
        if (isPlain(rawPath)) return new Relative(rawPath.substring(1), rawPath.endsWith("/"));
        String lower = rawPath.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%00")) return new Refused("NUL byte in the path");
        // An encoded separator never names a file in a folder.
        if (lower.contains("%2f") || lower.contains("%5c") || rawPath.indexOf('\\') >= 0) return NOT_SERVED;
        String decoded;
        try {
            decoded = PercentDecoder.decodePathSegment(rawPath);
        } catch (MalformedEncodingException e) {
            return NOT_SERVED;
        }
        if (!decoded.startsWith("/")) return NOT_SERVED;
        if (decoded.indexOf('\0') >= 0) return new Refused("NUL byte in the path");
        if (decoded.indexOf('\\') >= 0) return NOT_SERVED;
        String[] segments = decoded.substring(1).split("/", -1);
        boolean repeatedSlash = false;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) return new Refused("dot segments in the path");
            if (segment.isEmpty() && i < segments.length - 1) repeatedSlash = true;
            if (segment.startsWith(".") && !segment.equals(".well-known")) return NOT_SERVED;
        }
        if (repeatedSlash && !rawPath.startsWith("//")) return new Redirect(collapseSlashes(rawPath));
        if (repeatedSlash) return NOT_SERVED;
        return new Relative(decoded.substring(1), decoded.endsWith("/"));
    }

    /**
     * The common case, in one scan: starts with '/', nothing encoded, no backslash, no segment
     * starting with a dot, no empty segment. Such a path is its own safe relative path.
     */
    private static boolean isPlain(String rawPath) {
        int n = rawPath.length();
        if (n == 0 || rawPath.charAt(0) != '/') return false;
        char previous = '/';
        for (int i = 1; i < n; i++) {
            char c = rawPath.charAt(i);
            if (c == '%' || c == '\\' || (previous == '/' && (c == '.' || c == '/'))) return false;
            previous = c;
        }
        return true;
    }

    private static String collapseSlashes(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') continue;
            sb.append(c);
        }
        return sb.toString();
    }
}
