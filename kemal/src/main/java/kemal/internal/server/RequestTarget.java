package kemal.internal.server;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * The request-target split into its raw path and query (RFC 9112 §3.2). Accepts origin-form
 * ({@code /a?b}), absolute-form ({@code http://host/a?b}) and asterisk-form ({@code *}); the
 * path stays percent-encoded, as Kemal matches routes on the raw path.
 *
 * @param authority the host (and port) of an absolute-form target, else null
 */
record RequestTarget(String path, String query, String authority) {
    RequestTarget(String path, String query) {
        this(path, query, null);
    }

    /** Parses {@code uri}; null when it is not a valid request-target. */
    static RequestTarget parse(String uri) {
        int n = uri.length();
        if (n == 0) return null;
        boolean highChars = false;
        for (int i = 0; i < n; i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c == 0x7F) return null;
            if (c >= 0x80) highChars = true;
        }
        if (highChars) {
            // Netty decodes the request line as ISO-8859-1; clients that send raw UTF-8 mean UTF-8.
            uri = redecodeUtf8(uri);
            if (uri == null) return null;
            n = uri.length();
        }
        int start;
        String authority = null;
        char first = uri.charAt(0);
        if (first == '/') {
            start = 0;
        } else if (first == '*' && n == 1) {
            return new RequestTarget("*", null);
        } else {
            start = absoluteFormPathStart(uri);
            if (start < 0) return null;
            authority = authority(uri, start);
            if (!RequestValidator.isValidHost(authority)) return null;
            if (start == n || uri.charAt(start) != '/') {
                // http://host or http://host?q: the path is "/".
                int q = start < n && uri.charAt(start) == '?' ? start : -1;
                return new RequestTarget("/", q < 0 ? null : stripFragment(uri.substring(q + 1)), authority);
            }
        }
        int end = uri.indexOf('#', start);
        if (end < 0) end = n;
        int q = uri.indexOf('?', start);
        if (q < 0 || q > end) {
            return new RequestTarget(start == 0 && end == n ? uri : uri.substring(start, end), null, authority);
        }
        return new RequestTarget(uri.substring(start, q), uri.substring(q + 1, end), authority);
    }

    /** The host[:port] of an absolute-form target, without any userinfo. */
    private static String authority(String uri, int pathStart) {
        int begin = uri.indexOf("://") + 3;
        int at = uri.lastIndexOf('@', pathStart - 1);
        return uri.substring(at >= begin ? at + 1 : begin, pathStart);
    }

    private static int absoluteFormPathStart(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd <= 0) return -1;
        String scheme = uri.substring(0, schemeEnd);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) return -1;
        int i = schemeEnd + 3;
        int n = uri.length();
        while (i < n && uri.charAt(i) != '/' && uri.charAt(i) != '?' && uri.charAt(i) != '#') i++;
        if (i == schemeEnd + 3) return -1; // empty authority
        return i;
    }

    private static String stripFragment(String s) {
        int h = s.indexOf('#');
        return h < 0 ? s : s.substring(0, h);
    }

    private static String redecodeUtf8(String latin1) {
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
