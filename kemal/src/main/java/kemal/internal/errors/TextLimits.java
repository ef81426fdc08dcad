package kemal.internal.errors;

/** Caps the length of untrusted text so a hostile request cannot make an error page huge. */
final class TextLimits {

    /** Longest value, in chars, shown on the exception page before it is cut. */
    static final int MAX_VALUE_CHARS = 4096;

    private TextLimits() {
    }

    /**
     * Returns {@code s} unchanged when it has at most {@code max} chars, else its first
     * {@code max} chars (never splitting a surrogate pair) followed by a marker saying how many
     * were dropped. Null stays null. Truncate before escaping so no entity is cut in half.
     */
    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int cut = max;
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + " ... [truncated " + (s.length() - cut) + " more chars]";
    }

    static String truncate(String s) {
        return truncate(s, MAX_VALUE_CHARS);
    }

    /** The first line of {@code s}, for titles; {@code s} itself when it has a single line. */
    static String firstLine(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                return s.substring(0, i);
            }
        }
        return s;
    }
}
