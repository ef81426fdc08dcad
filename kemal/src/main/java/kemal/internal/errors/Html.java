package kemal.internal.errors;

/**
 * HTML escaping for text content and quoted attribute values.
 *
 * <p>Escapes the five characters that can end a text run or a quoted attribute:
 * {@code & < > " '}. That is sufficient for element content and for attribute values written in
 * double or single quotes; it is not meant for unquoted attributes, URLs, scripts or CSS, which the
 * built-in pages never fill with untrusted data.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code s} for HTML.
     *
     * @param s the text, may be null
     * @return the escaped text; {@code ""} for null; the same instance when nothing needs escaping
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        int first = indexOfSpecial(s);
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        out.append(s, 0, first);
        appendEscaped(out, s, first);
        return out.toString();
    }

    /**
     * Appends {@code s} to {@code out}, escaped for HTML; appends nothing for null. Lets page
     * builders escape without an intermediate string per value.
     *
     * @param out the builder to append to
     * @param s   the text, may be null
     * @return {@code out}
     */
    public static StringBuilder appendEscaped(StringBuilder out, String s) {
        if (s != null) {
            appendEscaped(out, s, 0);
        }
        return out;
    }

    private static void appendEscaped(StringBuilder out, String s, int from) {
        int length = s.length();
        for (int i = from; i < length; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                // &#39; rather than &apos;, which HTML 4 browsers do not know.
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    private static int indexOfSpecial(String s) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return i;
            }
        }
        return -1;
    }
}
