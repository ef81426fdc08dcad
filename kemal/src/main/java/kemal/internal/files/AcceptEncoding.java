package kemal.internal.files;

import java.util.Locale;

/** Reads {@code Accept-Encoding} (RFC 9110 §12.5.3): which content codings the client takes. */
public final class AcceptEncoding {
    private AcceptEncoding() {}

    /**
     * Whether {@code coding} (e.g. {@code gzip}) is acceptable: listed, or covered by {@code *},
     * with a quality above zero.
     */
    public static boolean accepts(String header, String coding) {
        if (header == null || header.isBlank()) return false;
        double explicit = -1;
        double wildcard = -1;
        for (String element : header.split(",")) {
            String[] parts = element.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (name.equals(coding)) explicit = q;
            else if (name.equals("*")) wildcard = q;
        }
        if (explicit >= 0) return explicit > 0;
        return wildcard > 0;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
