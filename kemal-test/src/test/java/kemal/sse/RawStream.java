package kemal.sse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kemal.support.ResponseHead;

/**
 * An HTTP/1.1 client over a plain socket that reads a chunked response one chunk at a time, so a
 * test sees exactly when each event leaves the server.
 */
final class RawStream implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    String head;
    int status;
    /** Response headers, names in lower case. */
    final Map<String, String> headers = new LinkedHashMap<>();

    private RawStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends {@code GET path} with the given extra header lines and reads the response head. */
    static RawStream get(int port, String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) request.append(header).append("\r\n");
        return open(port, request.append("\r\n").toString());
    }

    /** Sends {@code request} as is and reads the response head. */
    static RawStream open(int port, String request) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        RawStream stream = new RawStream(socket);
        try {
            stream.send(request);
            stream.readHead();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return stream;
    }

    void send(String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads the next response head (after a previous response on the same connection ended). */
    void readHead() throws IOException {
        head = ResponseHead.readWithoutBlankLine(in);
        status = Integer.parseInt(head.substring(9, 12));
        headers.clear();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) throw new EOFException("connection closed in a chunk header");
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** The next chunk's data, or null for the last chunk (the response is complete). */
    String readChunk() throws IOException {
        int size = Integer.parseInt(readLine().trim(), 16);
        if (size == 0) {
            String trailer = readLine();
            if (!trailer.isEmpty()) throw new IOException("unexpected trailer: " + trailer);
            return null;
        }
        byte[] data = in.readNBytes(size);
        if (data.length != size) throw new EOFException("connection closed in a chunk");
        if (!readLine().isEmpty()) throw new IOException("chunk not followed by CRLF");
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Reads chunks until the response ends; returns their data joined. */
    String readAllChunks() throws IOException {
        StringBuilder all = new StringBuilder();
        String chunk;
        while ((chunk = readChunk()) != null) all.append(chunk);
        return all.toString();
    }

    /** Whether the server closed the connection (end of stream) within the read timeout. */
    boolean serverClosedConnection() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    RawStream readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
