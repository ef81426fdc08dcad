package kemal.internal.params;

/**
 * Decodes one UTF-8 character written as consecutive {@code %XX} escapes, validating as it goes.
 *
 * <p>Hand-written rather than a {@code CharsetDecoder} so the hot path needs no byte buffer and
 * no decoder object, and so the rules are explicit: no overlong forms, no encoded surrogates, no
 * code points above U+10FFFF, no lone continuation bytes, no truncated sequences.
 */
final class Utf8Escapes {

    static final String INVALID_UTF8 = "percent-encoded bytes are not valid UTF-8";

    private Utf8Escapes() {
    }

    /**
     * Decodes the character whose first escape starts at {@code s.charAt(i) == '%'} and appends it.
     *
     * @return the index just after the last escape consumed
     */
    static int appendCodePoint(CharSequence s, int i, int end, StringBuilder out) {
        int lead = escapedByte(s, i, end);
        i += 3;
        if (lead < 0x80) {
            out.append((char) lead);
            return i;
        }
        int continuations;
        int codePoint;
        // The allowed range of the second byte is what rules out overlong forms, surrogates
        // (ED A0..BF) and values above U+10FFFF (F4 90..).
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuations = 1;
            codePoint = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuations = 2;
            codePoint = lead & 0x0F;
            if (lead == 0xE0) {
                secondMin = 0xA0;
            } else if (lead == 0xED) {
                secondMax = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuations = 3;
            codePoint = lead & 0x07;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            // 0x80..0xC1 (lone continuation or overlong 2-byte lead) and 0xF5..0xFF.
            throw new MalformedEncodingException(INVALID_UTF8);
        }
        for (int n = 0; n < continuations; n++) {
            if (i >= end || s.charAt(i) != '%') {
                throw new MalformedEncodingException(INVALID_UTF8); // truncated sequence
            }
            int b = escapedByte(s, i, end);
            int min = n == 0 ? secondMin : 0x80;
            int max = n == 0 ? secondMax : 0xBF;
            if (b < min || b > max) {
                throw new MalformedEncodingException(INVALID_UTF8);
            }
            codePoint = (codePoint << 6) | (b & 0x3F);
            i += 3;
        }
        out.appendCodePoint(codePoint);
        return i;
    }

    /** Reads the byte of the escape at {@code i} ({@code s.charAt(i) == '%'}). */
    private static int escapedByte(CharSequence s, int i, int end) {
        int hi = i + 1 < end ? hexValue(s.charAt(i + 1)) : -1;
        int lo = i + 2 < end ? hexValue(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
            throw invalidEscape(s, i, end);
        }
        return (hi << 4) | lo;
    }

    private static MalformedEncodingException invalidEscape(CharSequence s, int i, int end) {
        int stop = Math.min(end, i + 3);
        return new MalformedEncodingException(
                "invalid percent-encoding '" + s.subSequence(i, stop) + "'");
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
