package kemal;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query or form parameters: each name maps to one or more values, in the order received.
 * {@code likes=A&likes=B} gives two values under {@code likes}; {@code likes[]=A} is kept under
 * the literal name {@code likes[]}, as in Kemal.
 *
 * <pre>{@code
 * String width = env.params().query().get("width");
 * List<String> likes = env.params().body().all("likes");
 * }</pre>
 */
public final class ParamMap implements Iterable<Map.Entry<String, List<String>>> {
    static final ParamMap EMPTY = new ParamMap(new LinkedHashMap<>());

    private final Map<String, List<String>> values;

    ParamMap(LinkedHashMap<String, List<String>> values) {
        this.values = values;
    }

    /** The first value of {@code name}, or {@code null} when absent. */
    public String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /**
     * The first value of {@code name}.
     *
     * @throws HttpException 400 when the parameter is missing
     */
    public String require(String name) {
        String value = get(name);
        if (value == null) throw new HttpException(400, "Bad Request: missing parameter '" + name + "'");
        return value;
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A read-only view of every name and its values. */
    public Map<String, List<String>> toMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public Iterator<Map.Entry<String, List<String>>> iterator() {
        return toMap().entrySet().iterator();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
