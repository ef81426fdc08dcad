package kemal.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads an HTTP response head off a raw socket, byte by byte, so nothing after it is consumed. */
public final class ResponseHead {
    private ResponseHead() {}

    /** The head through its blank line ({@code \r\n\r\n} included), as ISO-8859-1 text. */
    public static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new EOFException("connection closed inside the response head: " + head.toString(StandardCharsets.ISO_8859_1));
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** {@link #read} without the blank line at its end. */
    public static String readWithoutBlankLine(InputStream in) throws IOException {
        String head = read(in);
        return head.substring(0, head.length() - 4);
    }
}
