package kemal.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.CharsetUtil;
import java.nio.charset.StandardCharsets;

/**
 * Writes a response's status line and header block straight into a buffer. The framing headers
 * (Content-Length, Transfer-Encoding, Connection, Date) are always ours, whatever a handler set,
 * so a handler can never desynchronise the connection.
 */
public final class HeadEncoder {
    /** Length marker: the body is sent with chunked transfer coding. */
    public static final long CHUNKED = -1;
    /**
     * Length marker: no length header. For a status without a body (1xx, 204, 304), or an
     * HTTP/1.0 stream that ends when the connection closes.
     */
    public static final long NO_LENGTH = -2;

    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CHUNKED_LINE = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] UPGRADE = ascii("Connection: Upgrade\r\n");
    private static final byte[] COLON_SPACE = ascii(": ");
    private static final short CRLF = ('\r' << 8) | '\n';

    private HeadEncoder() {}

    /**
     * @param contentLength the body length, {@link #CHUNKED} or {@link #NO_LENGTH}
     * @param keepAliveHeader whether to announce keep-alive (false announces close)
     */
    public static void encode(ByteBuf out, int status, ResponseHeaders headers, long contentLength,
                              boolean keepAliveHeader) {
        out.writeBytes(StatusLines.line(status));
        out.writeBytes(status == 101 ? UPGRADE : keepAliveHeader ? KEEP_ALIVE : CLOSE);
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.nameAt(i);
            if (isFramingHeader(name)) continue;
            out.writeCharSequence(name, StandardCharsets.US_ASCII);
            out.writeBytes(COLON_SPACE);
            out.writeCharSequence(headers.valueAt(i), CharsetUtil.ISO_8859_1);
            out.writeShort(CRLF);
        }
        out.writeBytes(DateHeader.line());
        if (contentLength >= 0) {
            out.writeBytes(CONTENT_LENGTH);
            writeDecimal(out, contentLength);
            out.writeShort(CRLF);
        } else if (contentLength == CHUNKED) {
            out.writeBytes(CHUNKED_LINE);
        }
        out.writeShort(CRLF);
    }

    /** An estimate of the encoded size, to size the buffer in one allocation. */
    public static int estimateSize(ResponseHeaders headers) {
        int size = 128;
        for (int i = 0, n = headers.size(); i < n; i++) {
            size += headers.nameAt(i).length() + headers.valueAt(i).length() + 4;
        }
        return size;
    }

    static boolean isFramingHeader(String name) {
        int len = name.length();
        return (len == 14 && name.equalsIgnoreCase("Content-Length"))
                || (len == 17 && name.equalsIgnoreCase("Transfer-Encoding"))
                || (len == 10 && name.equalsIgnoreCase("Connection"))
                || (len == 4 && name.equalsIgnoreCase("Date"));
    }

    public static void writeDecimal(ByteBuf out, long value) {
        if (value < 10) {
            out.writeByte((int) ('0' + value));
            return;
        }
        byte[] digits = new byte[20];
        int pos = digits.length;
        while (value > 0) {
            digits[--pos] = (byte) ('0' + value % 10);
            value /= 10;
        }
        out.writeBytes(digits, pos, digits.length - pos);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
