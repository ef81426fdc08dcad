package kemal.internal.websocket;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which {@code Origin} may open a WebSocket (current Kemal's {@code websocket_allowed_origins}):
 * an empty list means same origin only (the Origin's host and port must be the request's Host),
 * otherwise the listed origins; {@code *} allows any origin (even none), {@code null} the opaque
 * {@code null} origin. Origins compare by scheme, host and port, case-insensitively, with the
 * scheme's default port implied. This stops other sites' pages from using a visitor's cookies on
 * our sockets (cross-site WebSocket hijacking).
 */
final class OriginPolicy {
    private final List<String> allowed;
    private final boolean anyOrigin;
    private final boolean nullOrigin;

    OriginPolicy(List<String> allowedOrigins) {
        this.anyOrigin = allowedOrigins.contains("*");
        this.nullOrigin = allowedOrigins.contains("null");
        this.allowed = allowedOrigins.stream()
                .filter(o -> !o.equals("*") && !o.equals("null"))
                .map(OriginPolicy::normalise)
                .filter(o -> o != null)
                .toList();
        for (String origin : allowedOrigins) {
            if (!origin.equals("*") && !origin.equals("null") && normalise(origin) == null) {
                throw new IllegalArgumentException("Invalid WebSocket origin '" + origin
                        + "' (expected scheme://host[:port], '*' or 'null')");
            }
        }
    }

    boolean allows(String origin, String host) {
        if (anyOrigin) return true;
        if (origin == null || origin.isBlank()) return false;
        if (origin.equals("null")) return nullOrigin;
        String normalised = normalise(origin);
        if (normalised == null) return false;
        if (allowed.isEmpty() && !nullOrigin) return sameOrigin(normalised, host);
        return allowed.contains(normalised);
    }

    /** The Origin names the server the request came to (the Host header). */
    private static boolean sameOrigin(String normalisedOrigin, String host) {
        if (host == null || host.isBlank()) return false;
        String scheme = normalisedOrigin.substring(0, normalisedOrigin.indexOf("://"));
        String candidate = normalise(scheme + "://" + host.trim());
        return normalisedOrigin.equals(candidate);
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or null if malformed. */
    static String normalise(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null) return null;
            String path = uri.getRawPath();
            if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) return null;
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1
                    || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                    || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
