package kemal.internal.params;

/**
 * Strict percent-decoding for URL path segments and {@code application/x-www-form-urlencoded}
 * components.
 *
 * <p>{@code %XX} escapes (upper- or lowercase hex) are decoded as UTF-8 bytes. Characters that
 * are not escapes, including literal non-ASCII characters, are copied unchanged. Unlike lenient
 * decoders, a broken escape or a byte sequence that is not well-formed UTF-8 raises
 * {@link MalformedEncodingException} instead of being passed through, so handlers never see
 * half-decoded or replacement-character data.
 *
 * <p>This is a hot path: when nothing needs decoding the input {@code String} itself is returned,
 * and otherwise the only allocations are one {@code StringBuilder} and the result.
 */
public final class PercentDecoder {

    private PercentDecoder() {
    }

    /**
     * Decodes a URL path parameter: {@code %XX} sequences are decoded as UTF-8, while {@code '+'}
     * is kept literally (it only means space in form encoding).
     *
     * @param s the raw segment, not null
     * @return the decoded text; the same instance when {@code s} contains no {@code '%'}
     * @throws MalformedEncodingException on an invalid escape or invalid UTF-8
     */
    public static String decodePathSegment(String s) {
        return decode(s, 0, s.length(), false);
    }

    /**
     * Decodes {@code s.subSequence(start, end)} as a URL path parameter; see
     * {@link #decodePathSegment(String)}.
     *
     * @param s     the text holding the segment, not null
     * @param start index of the first character, inclusive
     * @param end   index after the last character, exclusive
     * @return the decoded text; {@code s} itself when it is a {@code String}, the range covers all
     *     of it and it contains no {@code '%'}
     * @throws MalformedEncodingException on an invalid escape or invalid UTF-8
     * @throws IndexOutOfBoundsException  if the range is outside {@code s}
     */
    public static String decodePathSegment(CharSequence s, int start, int end) {
        checkRange(s, start, end);
        return decode(s, start, end, false);
    }

    /**
     * Decodes an {@code application/x-www-form-urlencoded} key or value: {@code '+'} becomes a
     * space and {@code %XX} sequences are decoded as UTF-8.
     *
     * @param s the raw component, not null
     * @return the decoded text; the same instance when {@code s} has neither {@code '%'} nor
     *     {@code '+'}
     * @throws MalformedEncodingException on an invalid escape or invalid UTF-8
     */
    public static String decodeFormComponent(String s) {
        return decode(s, 0, s.length(), true);
    }

    /**
     * Decodes {@code s.subSequence(start, end)} as a form component; see
     * {@link #decodeFormComponent(String)}. Lets the form parser decode in place without first
     * cutting a substring.
     *
     * @param s     the text holding the component, not null
     * @param start index of the first character, inclusive
     * @param end   index after the last character, exclusive
     * @return the decoded text; {@code s} itself when it is a {@code String}, the range covers all
     *     of it and it has neither {@code '%'} nor {@code '+'}
     * @throws MalformedEncodingException on an invalid escape or invalid UTF-8
     * @throws IndexOutOfBoundsException  if the range is outside {@code s}
     */
    public static String decodeFormComponent(CharSequence s, int start, int end) {
        checkRange(s, start, end);
        return decode(s, start, end, true);
    }

    private static void checkRange(CharSequence s, int start, int end) {
        if (start < 0 || end > s.length() || start > end) {
            throw new IndexOutOfBoundsException(
                    "range [" + start + ", " + end + ") out of bounds for length " + s.length());
        }
    }

    private static String decode(CharSequence s, int start, int end, boolean plusIsSpace) {
        int first = indexOfSpecial(s, start, end, plusIsSpace);
        if (first < 0) {
            return unchanged(s, start, end);
        }
        // Decoding never makes text longer: 3 input chars yield at most 1 output char.
        StringBuilder out = new StringBuilder(end - start);
        out.append(s, start, first);
        int i = first;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '%') {
                i = Utf8Escapes.appendCodePoint(s, i, end, out);
            } else {
                out.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static int indexOfSpecial(CharSequence s, int start, int end, boolean plusIsSpace) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%' || (plusIsSpace && c == '+')) {
                return i;
            }
        }
        return -1;
    }

    private static String unchanged(CharSequence s, int start, int end) {
        if (s instanceof String str) {
            // substring(0, length()) returns the same instance, which keeps the fast path free.
            return str.substring(start, end);
        }
        return s.subSequence(start, end).toString();
    }
}
