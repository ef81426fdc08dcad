package kemal;

import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import kemal.internal.http.RequestHeaders;
import kemal.internal.server.Exchange;

/**
 * The HTTP request of an {@link Env}: method, headers, body, version, path, resource, cookies.
 *
 * <pre>{@code
 * get("/docs/context", env -> env.request().method() + " " + env.request().resource());
 * }</pre>
 */
public final class Request {
    private final Exchange exchange;
    private final RequestHeaders headers;
    private String method;
    private Map<String, Cookie> cookies;
    private byte[] body;

    Request(Exchange exchange) {
        this.exchange = exchange;
        this.headers = new RequestHeaders(exchange.headers());
        this.method = exchange.method();
    }

    /** The method, e.g. {@code GET} (after a {@code _method} override, the new one). */
    public String method() {
        return method;
    }

    void overrideMethod(String method) {
        this.method = method;
    }

    public Headers headers() {
        return headers;
    }

    /** The first value of a request header, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The HTTP version: {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String version() {
        return exchange.version();
    }

    /** The path, still percent-encoded: {@code /docs/context} for {@code /docs/context?lang=cr}. */
    public String path() {
        return exchange.path();
    }

    /** The path and query: {@code /docs/context?lang=cr}. */
    public String resource() {
        String query = exchange.query();
        return query == null ? exchange.path() : exchange.path() + "?" + query;
    }

    /** The raw query string without {@code ?}, or {@code null} when there is none. */
    public String queryString() {
        return exchange.query();
    }

    /**
     * The host the request is for: the {@code Host} header, or {@code null}. For an absolute-form
     * target ({@code GET http://example.org/a}) its host, which overrides the header (RFC 9112 §3.2.2).
     */
    public String host() {
        String authority = exchange.targetAuthority();
        return authority != null ? authority : headers.get("Host");
    }

    /** Whether the request came over TLS. */
    public boolean isSecure() {
        return exchange.isSecure();
    }

    /** The client's address (loopback for in-process test requests). */
    public InetSocketAddress remoteAddress() {
        return exchange.remoteAddress();
    }

    /** The {@code Content-Type} header, or {@code null}. */
    public String contentType() {
        return headers.get("Content-Type");
    }

    /** The declared {@code Content-Length}, or -1 when none (no body, or chunked). */
    public long contentLength() {
        String value = headers.get("Content-Length");
        return value == null ? -1 : Long.parseLong(value.trim());
    }

    /** Request cookies by name (the first one wins when a name repeats). */
    public Map<String, Cookie> cookies() {
        if (cookies == null) cookies = parseCookies();
        return cookies;
    }

    /** The request cookie called {@code name}, or {@code null}. */
    public Cookie cookie(String name) {
        return cookies().get(name);
    }

    /** The whole body decoded with the charset of its Content-Type (UTF-8 by default). */
    public String body() {
        return new String(bodyBytes(), charset());
    }

    /**
     * The whole body as bytes, read once and kept. Bounded by {@code maxRequestBodySize}: a larger
     * body ends the request with 413.
     */
    public byte[] bodyBytes() {
        if (body == null) body = exchange.body().readAll();
        return body;
    }

    /** The body as a stream, for large bodies; read it once, and not together with {@link #body()}. */
    public InputStream bodyStream() {
        return body != null ? new java.io.ByteArrayInputStream(body) : exchange.body();
    }

    Exchange exchange() {
        return exchange;
    }

    private Charset charset() {
        String type = contentType();
        if (type != null) {
            int i = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                String name = type.substring(i + 8).trim();
                int end = name.indexOf(';');
                if (end >= 0) name = name.substring(0, end).trim();
                name = name.replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new HttpException(400, "Bad Request: unsupported charset '" + name + "'");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private Map<String, Cookie> parseCookies() {
        java.util.List<String> headerValues = headers.all("Cookie");
        if (headerValues.isEmpty()) return Collections.emptyMap();
        Map<String, Cookie> out = new LinkedHashMap<>();
        for (String value : headerValues) {
            for (io.netty.handler.codec.http.cookie.Cookie c : ServerCookieDecoder.LAX.decodeAll(value)) {
                try {
                    out.putIfAbsent(c.name(), new Cookie(c.name(), c.value()));
                } catch (IllegalArgumentException ignored) {
                    // A cookie we could not represent safely is skipped, as browsers skip bad ones.
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return method + " " + resource();
    }
}
