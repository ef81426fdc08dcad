package kemal.internal.files;

import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition} values for downloads (RFC 6266, with RFC 8187 for non-ASCII names). */
public final class ContentDisposition {
    private ContentDisposition() {}

    /**
     * {@code attachment; filename="report.pdf"}, adding {@code filename*=UTF-8''...} when the name
     * is not plain ASCII. Directory parts of {@code filename} are dropped.
     *
     * @param disposition {@code attachment} or {@code inline} (null means attachment)
     */
    public static String format(String disposition, String filename) {
        String type = disposition == null || disposition.isBlank() ? "attachment" : disposition.trim();
        if (!type.equalsIgnoreCase("attachment") && !type.equalsIgnoreCase("inline")) {
            throw new IllegalArgumentException("Content-Disposition must be attachment or inline, not '" + type + "'");
        }
        String name = basename(filename);
        StringBuilder ascii = new StringBuilder(name.length());
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                ascii.append('_');
                plain = false;
            } else {
                ascii.append(c);
            }
        }
        String header = type + "; filename=\"" + ascii + "\"";
        return plain ? header : header + "; filename*=UTF-8''" + encode(name);
    }

    static String basename(String filename) {
        int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        return slash >= 0 ? filename.substring(slash + 1) : filename;
    }

    /** RFC 8187 attr-char percent-encoding of UTF-8 bytes. */
    private static String encode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) sb.append((char) c);
            else sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
        }
        return sb.toString();
    }
}
