package kemal.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import kemal.support.ResponseHead;

/**
 * HTTP/1.1 over a plain socket with the request bytes exactly as given (HTTP client libraries
 * normalise paths, which would hide what a hostile client can send), and a small binary-safe
 * parser for what comes back.
 */
final class Raw {
    private Raw() {}

    /** A parsed response. {@code body} is de-chunked when the response was chunked. */
    record Response(String statusLine, int status, List<String[]> headers, byte[] body, boolean chunked) {
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) return h[1];
            }
            return null;
        }

        List<String> headers(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) out.add(h[1]);
            }
            return out;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(statusLine);
            for (String[] h : headers) sb.append('\n').append(h[0]).append(": ").append(h[1]);
            String text = new String(body, StandardCharsets.ISO_8859_1);
            return sb.append("\n\n").append(text.length() > 300 ? text.substring(0, 300) + "..." : text).toString();
        }
    }

    /** {@code GET target} with {@code Connection: close} and any extra header lines. */
    static Response get(int port, String target, String... headerLines) {
        return request(port, "GET", target, headerLines);
    }

    static Response request(int port, String method, String target, String... headerLines) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String line : headerLines) sb.append(line).append("\r\n");
        sb.append("Connection: close\r\n\r\n");
        return parse(exchange(port, sb.toString().getBytes(StandardCharsets.ISO_8859_1)), method.equals("HEAD"));
    }

    /** Sends {@code request} and returns everything the server sends until it closes. */
    static byte[] exchange(int port, byte[] request) {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(received);
            return received.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Raw request to port " + port + " failed", e);
        }
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Parses one complete response (the connection was closed after it). */
    static Response parse(byte[] raw, boolean headRequest) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) throw new IllegalStateException("No complete response head in " + raw.length + " bytes: "
                + new String(raw, StandardCharsets.ISO_8859_1));
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = false;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("Transfer-Encoding") && h[1].toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked && !headRequest) body = dechunk(body);
        return new Response(lines[0], status, headers, body, chunked);
    }

    static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int pos = 0;
        while (true) {
            int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, pos);
            if (lineEnd < 0) throw new IllegalStateException("Truncated chunked body");
            String sizeLine = new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) return out.toByteArray();
            out.write(body, pos, size);
            pos += size + 2;
        }
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** Reads a response head (through the blank line) from {@code in}, byte by byte. */
    static String readHead(InputStream in) throws IOException {
        return ResponseHead.read(in);
    }

    /** The value of {@code name} in a raw head, or null. */
    static String headerOf(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) return line.substring(colon + 1).trim();
        }
        return null;
    }
}
