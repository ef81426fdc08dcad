package kemal.internal.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Iterator;
import java.util.List;

/**
 * The RFC 9112 message checks Netty's decoder leaves to us: the Host header and transfer codings
 * we cannot decode. (Netty itself refuses bad Content-Length values, Content-Length with
 * Transfer-Encoding, whitespace before a header colon, bare LF and bad chunk syntax.)
 */
final class RequestValidator {
    /** A refusal: the status to answer and why. */
    record Rejection(int status, String reason) {}

    private RequestValidator() {}

    /** Null when the request head is acceptable. */
    static Rejection check(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return new Rejection(505, "HTTP Version Not Supported");
        }
        HttpHeaders headers = request.headers();
        // Without allocating a list per request: most requests have exactly one Host.
        Iterator<String> hosts = headers.valueStringIterator(HttpHeaderNames.HOST);
        if (!hosts.hasNext()) {
            if (version.minorVersion() == 1) return new Rejection(400, "Bad Request: missing Host header");
        } else {
            String host = hosts.next();
            if (hosts.hasNext()) return new Rejection(400, "Bad Request: more than one Host header");
            if (!isValidHost(host)) return new Rejection(400, "Bad Request: invalid Host header");
        }
        if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if (!(codings.size() == 1 && codings.get(0).trim().equalsIgnoreCase("chunked"))) {
                // Netty checked that chunked comes last; any other coding (gzip, ...) we cannot undo.
                return new Rejection(501, "Not Implemented: unsupported transfer coding");
            }
        }
        return null;
    }

    /** uri-host [ ":" port ], with reg-name, IPv4 or a bracketed IPv6 literal (RFC 3986 §3.2.2). */
    static boolean isValidHost(String host) {
        int n = host.length();
        if (n == 0) return true; // allowed when the target has no authority
        int i = 0;
        if (host.charAt(0) == '[') {
            int close = host.indexOf(']');
            if (close < 0) return false;
            for (i = 1; i < close; i++) {
                char c = host.charAt(i);
                if (!(isHex(c) || c == ':' || c == '.')) return false;
            }
            i = close + 1;
        } else {
            for (; i < n && host.charAt(i) != ':'; i++) {
                if (!isRegNameChar(host.charAt(i))) return false;
            }
        }
        if (i == n) return true;
        if (host.charAt(i) != ':') return false;
        for (i++; i < n; i++) {
            char c = host.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isRegNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~%!$&'()*+,;=".indexOf(c) >= 0;
    }
}
