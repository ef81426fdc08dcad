package kemal.internal.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, RFC 2046 §5.1) part by part from a stream,
 * holding at most one buffer of it in memory. Call {@link #nextPart()}, then read the part's
 * content with {@link #read(byte[], int, int)} until it returns -1.
 */
final class MultipartReader {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    /** {@code CRLF--boundary}: what ends every part's content. */
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean inPart;
    private boolean finished;
    private boolean started;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(BUFFER_SIZE, delimiter.length * 4)];
    }

    /**
     * Moves to the next part and returns its header lines, or null after the closing delimiter.
     * Any unread content of the current part is skipped.
     */
    List<String> nextPart() {
        if (finished) return null;
        if (inPart) {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discard
            }
        }
        if (!started) {
            skipPreamble();
            started = true;
        }
        // After a delimiter: "--" closes the body; otherwise optional whitespace, then CRLF.
        fill(2);
        if (available() >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        skipLinearWhitespace();
        expectCrlf("after a boundary");
        List<String> headers = readHeaderLines();
        inPart = true;
        return headers;
    }

    /** Reads content of the current part; -1 at its end. */
    int read(byte[] b, int off, int len) {
        if (!inPart) return -1;
        fill(delimiter.length);
        int found = indexOf(delimiter, pos, limit);
        if (found == pos) {
            // End of this part: consume the delimiter.
            pos += delimiter.length;
            inPart = false;
            return -1;
        }
        int safeEnd;
        if (found >= 0) {
            safeEnd = found;
        } else if (eof) {
            throw new MultipartException("truncated multipart body: a part is not closed by its boundary");
        } else {
            // The tail may hold the start of the delimiter: keep it for the next read.
            safeEnd = Math.max(pos, limit - delimiter.length + 1);
            if (safeEnd == pos) {
                compactAndRead();
                return read(b, off, len);
            }
        }
        int n = Math.min(len, safeEnd - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private void skipPreamble() {
        // The first boundary may come without the leading CRLF.
        byte[] first = new byte[delimiter.length - 2];
        System.arraycopy(delimiter, 2, first, 0, first.length);
        fill(first.length);
        if (available() >= first.length && regionEquals(first, pos)) {
            pos += first.length;
            return;
        }
        while (true) {
            fill(delimiter.length);
            int found = indexOf(delimiter, pos, limit);
            if (found >= 0) {
                pos = found + delimiter.length;
                return;
            }
            if (eof) throw new MultipartException("no multipart boundary found in the body");
            pos = Math.max(pos, limit - delimiter.length + 1);
            compactAndRead();
        }
    }

    private List<String> readHeaderLines() {
        List<String> lines = new ArrayList<>(4);
        int total = 0;
        while (true) {
            int end = lineEnd();
            String line = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
            total += end - pos + 2;
            if (total > MAX_HEADER_BYTES) throw new MultipartException("multipart part headers are too large");
            pos = end + 2;
            if (line.isEmpty()) return lines;
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new MultipartException("folded multipart header lines are not allowed");
            }
            lines.add(line);
        }
    }

    /** The index of the next CRLF at or after pos, reading more as needed. */
    private int lineEnd() {
        int scanned = 0; // bytes after pos known to start no CRLF
        while (true) {
            for (int i = pos + scanned; i + 1 < limit; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') return i;
            }
            scanned = Math.max(0, limit - pos - 1);
            if (eof) throw new MultipartException("truncated multipart body: part headers are not complete");
            if (limit - pos >= MAX_HEADER_BYTES) throw new MultipartException("multipart part headers are too large");
            compactAndRead();
        }
    }

    private void skipLinearWhitespace() {
        while (true) {
            fill(1);
            if (available() == 0) return;
            byte c = buf[pos];
            if (c != ' ' && c != '\t') return;
            pos++;
        }
    }

    private void expectCrlf(String where) {
        fill(2);
        if (available() < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MultipartException(eof && available() < 2
                    ? "truncated multipart body: the closing boundary is missing"
                    : "malformed multipart body: expected a line break " + where);
        }
        pos += 2;
    }

    private int available() {
        return limit - pos;
    }

    /** Reads until at least {@code wanted} bytes are buffered or the stream ends. */
    private void fill(int wanted) {
        while (available() < wanted && !eof) compactAndRead();
    }

    private void compactAndRead() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) throw new MultipartException("multipart line is too long");
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (IOException e) {
            throw new MultipartException("the multipart body could not be read", e);
        }
        if (n < 0) eof = true;
        else limit += n;
    }

    private boolean regionEquals(byte[] pattern, int at) {
        for (int i = 0; i < pattern.length; i++) {
            if (buf[at + i] != pattern[i]) return false;
        }
        return true;
    }

    /** First index of {@code pattern} in buf[from, to), or -1. Boundaries are short: a plain scan is fine. */
    private int indexOf(byte[] pattern, int from, int to) {
        byte first = pattern[0];
        int last = to - pattern.length;
        for (int i = from; i <= last; i++) {
            if (buf[i] == first && regionEquals(pattern, i)) return i;
        }
        return -1;
    }
}
