package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain TCP client that writes raw request bytes and parses responses byte by byte, so tests
 * see exactly what the server put on the wire: status line, header names as sent, framing and
 * every chunk. Reads time out, so a server that never answers fails the test instead of hanging.
 */
final class RawClient implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 5000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    static RawClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return new RawClient(socket);
    }

    Socket socket() {
        return socket;
    }

    /** Writes {@code text} as ISO-8859-1 bytes (so every char is one byte) in a single write. */
    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response to a request that was not HEAD. */
    RawResponse read() throws IOException {
        return read(false);
    }

    /** Reads one response to a HEAD request: the head only, whatever its framing headers say. */
    RawResponse readHead() throws IOException {
        return read(true);
    }

    /** Reads responses until a final (non-1xx) one, returning every one read. */
    List<RawResponse> readThroughInterim() throws IOException {
        List<RawResponse> all = new ArrayList<>();
        RawResponse r;
        do {
            r = read();
            all.add(r);
        } while (r.status() < 200);
        return all;
    }

    private RawResponse read(boolean headRequest) throws IOException {
        String statusLine = readLine();
        if (statusLine == null) throw new EOFException("The server closed the connection before a response");
        String[] parts = statusLine.split(" ", 3);
        assertThat(parts.length).as("status line '%s'", statusLine).isGreaterThanOrEqualTo(2);
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = readFields();
        RawResponse head = new RawResponse(statusLine, status, headers, null, List.of(), List.of());
        if (headRequest || status < 200 || status == 204 || status == 304) {
            return head;
        }
        String te = head.header("Transfer-Encoding");
        if (te != null) {
            assertThat(te).isEqualToIgnoringCase("chunked");
            return readChunked(head);
        }
        String cl = head.header("Content-Length");
        if (cl != null) {
            byte[] body = in.readNBytes(Integer.parseInt(cl));
            if (body.length < Integer.parseInt(cl)) {
                throw new EOFException("Body shorter than its Content-Length " + cl + ": " + body.length);
            }
            return head.withBody(body, List.of(), List.of());
        }
        // No length: the body ends when the server closes the connection.
        return head.withBody(readToEnd(), List.of(), List.of());
    }

    private RawResponse readChunked(RawResponse head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) throw new EOFException("Connection closed inside a chunked body");
            assertThat(sizeLine).as("chunk size line").matches("[0-9a-fA-F]+");
            int size = Integer.parseInt(sizeLine, 16);
            sizes.add(size);
            if (size == 0) break;
            byte[] data = in.readNBytes(size);
            if (data.length < size) throw new EOFException("Connection closed inside a chunk");
            body.write(data);
            assertThat(readLine()).as("CRLF after chunk data").isEmpty();
        }
        List<String[]> trailers = readFields();
        return head.withBody(body.toByteArray(), sizes, trailers);
    }

    private List<String[]> readFields() throws IOException {
        List<String[]> fields = new ArrayList<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            assertThat(colon).as("header line '%s'", line).isPositive();
            fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
        }
        return fields;
    }

    /** One CRLF-terminated line without its CRLF; fails on a bare LF; null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') fail("Bare LF in the response after '%s'", line.toString(StandardCharsets.ISO_8859_1));
            if (b == '\r') {
                int next = in.read();
                if (next != '\n') fail("CR not followed by LF after '%s'", line.toString(StandardCharsets.ISO_8859_1));
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        if (line.size() == 0) return null;
        throw new EOFException("Connection closed mid-line: " + line.toString(StandardCharsets.ISO_8859_1));
    }

    /** Everything until the server closes the connection. */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        try {
            while ((n = in.read(buf)) != -1) all.write(buf, 0, n);
        } catch (SocketException reset) {
            // A reset after the data also ends it.
        }
        return all.toByteArray();
    }

    /**
     * Whether the server closed the connection: the next read sees end of stream (or a reset)
     * within the read timeout, and no stray bytes came first. A read timeout fails the test.
     */
    boolean isClosedByServer() throws IOException {
        try {
            int b = in.read();
            if (b != -1) {
                byte[] rest = in.readNBytes(Math.min(in.available(), 200));
                fail("Expected the connection to be closed, got more bytes: %s",
                        (char) b + new String(rest, StandardCharsets.ISO_8859_1));
            }
            return true;
        } catch (SocketTimeoutException timeout) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Asserts the server closes the connection without sending anything more. */
    void assertClosed() throws IOException {
        assertThat(isClosedByServer()).as("the server closed the connection").isTrue();
    }

    /** Asserts nothing arrives and the connection stays open for {@code millis}. */
    void assertOpenAndQuiet(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int b = in.read();
            fail(b == -1 ? "The server closed the connection" : "Unexpected byte from the server: " + (char) b);
        } catch (SocketTimeoutException expected) {
            // open and quiet
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
