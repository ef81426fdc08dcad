package kemal;

import java.time.Instant;
import java.util.Objects;
import kemal.internal.http.HeaderValidation;
import kemal.internal.http.HttpDate;

/**
 * An HTTP cookie, as read from a request or sent with a response.
 *
 * <pre>{@code
 * String theme = env.request().cookie("theme").value();
 * env.response().cookie(new Cookie("theme", "dark").path("/").httpOnly(true).sameSite("Lax"));
 * }</pre>
 *
 * Names must be HTTP tokens and values RFC 6265 cookie octets (no spaces, quotes, commas,
 * semicolons or backslashes); anything else is refused when the cookie is made, so a cookie can
 * never inject attributes or headers.
 */
public final class Cookie {
    private final String name;
    private final String value;
    private String path;
    private String domain;
    private Long maxAge;
    private Instant expires;
    private boolean secure;
    private boolean httpOnly;
    private String sameSite;

    /** A cookie with the given name and value and no attributes. */
    public Cookie(String name, String value) {
        if (name == null || !HeaderValidation.isToken(name)) {
            throw new IllegalArgumentException("Invalid cookie name: '" + name + "'");
        }
        Objects.requireNonNull(value, "cookie value");
        for (int i = 0; i < value.length(); i++) {
            if (!isCookieOctet(value.charAt(i))) {
                throw new IllegalArgumentException("Invalid character in the value of cookie " + name
                        + " (spaces, quotes, commas, semicolons, backslashes and control characters are not allowed)");
            }
        }
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public String path() {
        return path;
    }

    public Cookie path(String path) {
        this.path = checkAttribute("Path", path);
        return this;
    }

    public String domain() {
        return domain;
    }

    public Cookie domain(String domain) {
        this.domain = checkAttribute("Domain", domain);
        return this;
    }

    /** Max-Age in seconds, or null when not set. */
    public Long maxAge() {
        return maxAge;
    }

    public Cookie maxAge(long seconds) {
        this.maxAge = seconds;
        return this;
    }

    public Instant expires() {
        return expires;
    }

    public Cookie expires(Instant expires) {
        this.expires = expires;
        return this;
    }

    public boolean secure() {
        return secure;
    }

    public Cookie secure(boolean secure) {
        this.secure = secure;
        return this;
    }

    public boolean httpOnly() {
        return httpOnly;
    }

    public Cookie httpOnly(boolean httpOnly) {
        this.httpOnly = httpOnly;
        return this;
    }

    /** {@code Strict}, {@code Lax}, {@code None}, or null to omit the attribute. */
    public String sameSite() {
        return sameSite;
    }

    public Cookie sameSite(String sameSite) {
        if (sameSite != null && !sameSite.equalsIgnoreCase("Strict") && !sameSite.equalsIgnoreCase("Lax")
                && !sameSite.equalsIgnoreCase("None")) {
            throw new IllegalArgumentException("SameSite must be Strict, Lax or None, not '" + sameSite + "'");
        }
        this.sameSite = sameSite;
        return this;
    }

    /** The value of a {@code Set-Cookie} header for this cookie. */
    public String toSetCookieHeader() {
        StringBuilder sb = new StringBuilder(64).append(name).append('=').append(value);
        if (path != null) sb.append("; Path=").append(path);
        if (domain != null) sb.append("; Domain=").append(domain);
        if (expires != null) sb.append("; Expires=").append(HttpDate.format(expires));
        if (maxAge != null) sb.append("; Max-Age=").append(maxAge);
        if (secure) sb.append("; Secure");
        if (httpOnly) sb.append("; HttpOnly");
        if (sameSite != null) sb.append("; SameSite=").append(sameSite);
        return sb.toString();
    }

    @Override
    public String toString() {
        return toSetCookieHeader();
    }

    private static boolean isCookieOctet(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A)
                || (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    }

    private static String checkAttribute(String attribute, String value) {
        if (value == null) return null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || c == ';') {
                throw new IllegalArgumentException("Invalid character in cookie " + attribute + ": '" + value + "'");
            }
        }
        return value;
    }
}
