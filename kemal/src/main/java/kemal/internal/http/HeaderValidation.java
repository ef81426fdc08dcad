package kemal.internal.http;

/** Checks that keep user-supplied header names and values from splitting a response. */
public final class HeaderValidation {
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TOKEN[c] = true;
    }

    private HeaderValidation() {}

    /** Whether {@code s} is a non-empty HTTP token (RFC 9110 §5.6.2). */
    public static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TOKEN[c]) return false;
        }
        return true;
    }

    public static String checkName(String name) {
        if (name == null || !isToken(name)) {
            throw new IllegalArgumentException("Invalid header name: '" + name + "'");
        }
        return name;
    }

    public static String checkValue(String name, String value) {
        if (value == null) throw new IllegalArgumentException("Header " + name + " has a null value");
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("Invalid value for header " + name + ": it contains CR, LF or NUL");
            }
        }
        return value;
    }
}
