package kemal.internal.params;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Parses query strings and {@code application/x-www-form-urlencoded} bodies.
 *
 * <p>Pairs are separated by {@code '&'} or {@code ';'}; empty pairs are skipped. Only the first
 * {@code '='} splits a pair, a pair without {@code '='} has the value {@code ""}, and an empty key
 * is kept. Keys and values are decoded with {@link PercentDecoder#decodeFormComponent}. Repeated
 * keys keep every value in order; bracket suffixes such as {@code likes[]} are not interpreted.
 */
public final class FormDecoder {

    private FormDecoder() {
    }

    /**
     * Parses {@code s} into an insertion-ordered multi-map.
     *
     * @param s the query string (without the leading {@code '?'}) or form body; null or empty
     *     yields an empty map
     * @return a new, mutable map from decoded key to its decoded values, in input order
     * @throws MalformedEncodingException if a key or value has an invalid escape or invalid UTF-8
     */
    public static LinkedHashMap<String, List<String>> parse(String s) {
        LinkedHashMap<String, List<String>> params = new LinkedHashMap<>();
        if (s == null) {
            return params;
        }
        int length = s.length();
        int pairStart = 0;
        while (pairStart < length) {
            int pairEnd = indexOfSeparator(s, pairStart, length);
            if (pairEnd > pairStart) {
                addPair(s, pairStart, pairEnd, params);
            }
            pairStart = pairEnd + 1;
        }
        return params;
    }

    private static void addPair(String s, int start, int end,
                                LinkedHashMap<String, List<String>> params) {
        int equals = s.indexOf('=', start, end);
        String key;
        String value;
        if (equals < 0) {
            key = PercentDecoder.decodeFormComponent(s, start, end);
            value = "";
        } else {
            key = PercentDecoder.decodeFormComponent(s, start, equals);
            value = PercentDecoder.decodeFormComponent(s, equals + 1, end);
        }
        // Most keys occur once, so start each list at capacity 1.
        params.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
    }

    private static int indexOfSeparator(String s, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == '&' || c == ';') {
                return i;
            }
        }
        return end;
    }
}
