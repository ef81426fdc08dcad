package kemal.internal.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of {@link RadixTree#find}: the payload of the matched route, its pattern, and the
 * parameter values taken from the path.
 *
 * <p>Values are raw: exactly the characters of the path, still percent-encoded, because decoding
 * is the caller's job. Parameters keep pattern order; a glob counts as a parameter (a bare
 * {@code *} has the name {@code ""}). Instances are immutable and may be shared between threads.
 *
 * @param <T> the payload type
 */
public final class RouteMatch<T> {
    private final T payload;
    private final String pattern;
    private final String[] names;
    private final String[] values;

    /** Takes ownership of both arrays; {@code names} may be shared with other matches. */
    RouteMatch(T payload, String pattern, String[] names, String[] values) {
        this.payload = payload;
        this.pattern = pattern;
        this.names = names;
        this.values = values;
    }

    public T payload() {
        return payload;
    }

    /** The pattern the payload was added with, e.g. {@code /users/:id}. */
    public String pattern() {
        return pattern;
    }

    public int paramCount() {
        return values.length;
    }

    /** @throws IndexOutOfBoundsException unless {@code 0 <= i < paramCount()} */
    public String paramName(int i) {
        return names[i];
    }

    /**
     * The raw value of the {@code i}-th parameter, as it appears in the path.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < paramCount()}
     */
    public String paramValue(int i) {
        return values[i];
    }

    /**
     * The raw value of the parameter called {@code name}, or null if the pattern has none. If a
     * pattern repeats a name, the last occurrence wins, as in {@link #params()}.
     */
    public String param(String name) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (names[i].equals(name)) return values[i];
        }
        return null;
    }

    /** A new, modifiable map of parameter names to raw values, in pattern order. */
    public Map<String, String> params() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) map.put(names[i], values[i]);
        return map;
    }

    @Override
    public String toString() {
        return "RouteMatch[" + pattern + " " + params() + "]";
    }
}
