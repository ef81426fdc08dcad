package kemal.internal.http;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import kemal.Headers;

/**
 * Response headers in two parallel arrays. A response has a handful of headers, so a linear,
 * case-insensitive scan beats hashing and keeps the order they were set in for the wire.
 */
public final class ResponseHeaders implements Headers {
    private String[] names = new String[8];
    private String[] values = new String[8];
    private int size;

    @Override
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) return values[i];
        }
        return null;
    }

    @Override
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) out.add(values[i]);
        }
        return out;
    }

    @Override
    public boolean has(String name) {
        return indexOf(name, 0) >= 0;
    }

    @Override
    public Set<String> names() {
        Set<String> seen = new LinkedHashSet<>();
        outer:
        for (int i = 0; i < size; i++) {
            for (String s : seen) {
                if (s.equalsIgnoreCase(names[i])) continue outer;
            }
            seen.add(names[i]);
        }
        return seen;
    }

    @Override
    public ResponseHeaders set(String name, String value) {
        HeaderValidation.checkName(name);
        HeaderValidation.checkValue(name, value);
        int i = indexOf(name, 0);
        if (i < 0) {
            append(name, value);
            return this;
        }
        names[i] = name;
        values[i] = value;
        removeFrom(name, i + 1);
        return this;
    }

    @Override
    public ResponseHeaders add(String name, String value) {
        HeaderValidation.checkName(name);
        HeaderValidation.checkValue(name, value);
        append(name, value);
        return this;
    }

    /** Adds a header the framework knows to be valid (checked once, not per response). */
    public void addTrusted(String name, String value) {
        append(name, value);
    }

    @Override
    public ResponseHeaders remove(String name) {
        removeFrom(name, 0);
        return this;
    }

    @Override
    public int size() {
        return size;
    }

    /** Drops every header (used when an error page replaces a half-built response). */
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    public String nameAt(int i) {
        return names[i];
    }

    public String valueAt(int i) {
        return values[i];
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (next >= size) throw new NoSuchElementException();
                int i = next++;
                return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
            }
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) sb.append(", ");
            sb.append(names[i]).append(": ").append(values[i]);
        }
        return sb.append('}').toString();
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private void append(String name, String value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    private void removeFrom(String name, int from) {
        int w = from;
        for (int r = from; r < size; r++) {
            if (!names[r].equalsIgnoreCase(name)) {
                names[w] = names[r];
                values[w] = values[r];
                w++;
            }
        }
        Arrays.fill(names, w, size, null);
        Arrays.fill(values, w, size, null);
        size = w;
    }
}
