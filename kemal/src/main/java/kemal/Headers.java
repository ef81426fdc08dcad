package kemal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HTTP header fields of a request or a response. Names are case-insensitive; a name may carry
 * several values, kept in the order they were added.
 *
 * <pre>{@code
 * String type = env.request().headers().get("Content-Type");
 * env.response().headers().set("Accept-Language", "tr");
 * }</pre>
 *
 * Response headers refuse names that are not HTTP tokens and values containing CR, LF or NUL,
 * so a header can never be used to split a response.
 */
public interface Headers extends Iterable<Map.Entry<String, String>> {

    /** The first value of {@code name}, or {@code null} when absent. */
    String get(String name);

    /** Every value of {@code name}, in order; empty when absent. */
    List<String> all(String name);

    /** Whether at least one value of {@code name} is present. */
    boolean has(String name);

    /** The distinct names present, in first-seen order. */
    Set<String> names();

    /** Replaces every value of {@code name} with {@code value}. */
    Headers set(String name, String value);

    /** Adds a value to {@code name}, keeping the existing ones. */
    Headers add(String name, String value);

    /** Removes every value of {@code name}. */
    Headers remove(String name);

    /** The number of name/value pairs. */
    int size();
}
