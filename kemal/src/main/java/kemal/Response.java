package kemal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import kemal.internal.http.HeadEncoder;
import kemal.internal.http.ResponseHeaders;
import kemal.internal.server.Exchange;

/**
 * The HTTP response of an {@link Env}: status, headers, cookies and body.
 *
 * <pre>{@code
 * env.response().status(201).contentType("application/json");
 * env.response().headers().set("Accept-Language", "tr");
 * env.response().print("streamed part");
 * env.response().flush();            // sends what was printed so far (chunked)
 * }</pre>
 *
 * What a handler prints is buffered and sent with a {@code Content-Length} when the request
 * ends; after {@link #flush()} the response streams with chunked transfer coding instead. After
 * {@link #close()} (also done by {@code redirect} and {@code halt}) further writes are ignored.
 */
public final class Response {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Kemal's InitHandler default. */
    static final String DEFAULT_TYPE = "text/html";

    private final Exchange exchange;
    private final ResponseHeaders headers = new ResponseHeaders();
    private int status = 200;
    private boolean headRequest;
    /** A HEAD whose GET streams without end: its head announces chunked, not a length. */
    private boolean headStreamed;
    private boolean defaultContentType;
    /** A single String or byte[] written so far, kept unencoded so the common case copies once. */
    private Object single;
    private ByteBuf body;
    private long headBodyLength;
    private boolean committed;
    private boolean chunked;
    private boolean keepAlive;
    private boolean closed;

    Response(Exchange exchange) {
        this.exchange = exchange;
    }

    // ---- status and headers -----------------------------------------------------------------

    public int status() {
        return status;
    }

    /** Sets the status code (100–599). Ignored once the head was sent. */
    public Response status(int code) {
        if (code < 100 || code > 599) throw new IllegalArgumentException("Invalid HTTP status code: " + code);
        if (!committed) status = code;
        return this;
    }

    public Headers headers() {
        return headers;
    }

    /** Sets a header, replacing any value it had. */
    public Response header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public String contentType() {
        return headers.get("Content-Type");
    }

    public Response contentType(String type) {
        headers.set("Content-Type", type);
        defaultContentType = false;
        return this;
    }

    /** Adds a {@code Set-Cookie} header for {@code cookie}. */
    public Response cookie(Cookie cookie) {
        headers.add("Set-Cookie", cookie.toSetCookieHeader());
        return this;
    }

    // ---- body -------------------------------------------------------------------------------

    /** Appends the text of {@code value} (UTF-8); {@code null} appends nothing. */
    public Response print(Object value) {
        if (closed || value == null) return this;
        if (value instanceof byte[] bytes) return write(bytes);
        String text = value.toString();
        if (text.isEmpty()) return this;
        if (headRequest) {
            headBodyLength += ByteBufUtil.utf8Bytes(text);
        } else if (single == null && body == null) {
            single = text;
        } else {
            bodyBuffer(text.length()).writeCharSequence(text, StandardCharsets.UTF_8);
        }
        return this;
    }

    public Response write(byte[] bytes) {
        return write(bytes, 0, bytes.length);
    }

    /** Appends {@code length} bytes of {@code bytes}; they are copied, so the array may be reused. */
    public Response write(byte[] bytes, int offset, int length) {
        if (closed || length == 0) return this;
        if (headRequest) {
            headBodyLength += length;
        } else {
            bodyBuffer(length).writeBytes(bytes, offset, length);
        }
        return this;
    }

    /** Appends an array nobody else will change (a route's result, fresh JSON): kept, not copied. */
    void writeOwned(byte[] bytes) {
        if (closed || bytes.length == 0) return;
        if (headRequest) {
            headBodyLength += bytes.length;
        } else if (single == null && body == null) {
            single = bytes;
        } else {
            bodyBuffer(bytes.length).writeBytes(bytes);
        }
    }

    /** The body as a stream: bytes written go through {@link #write(byte[], int, int)}. */
    public OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                Response.this.write(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) {
                Response.this.write(b, off, len);
            }

            @Override
            public void flush() {
                Response.this.flush();
            }
        };
    }

    /**
     * Sends the head and everything written so far, then keeps streaming: the response uses
     * chunked transfer coding (HTTP/1.1) or ends with the connection (HTTP/1.0).
     */
    public Response flush() {
        if (closed || headRequest || !contentAllowed()) return this;
        if (!committed) {
            committed = true;
            chunked = !exchange.isHttp10();
            keepAlive = chunked && wantsKeepAlive();
            ByteBuf out = exchange.alloc().buffer(HeadEncoder.estimateSize(headers) + pendingLength() + 16);
            HeadEncoder.encode(out, status, headers, chunked ? HeadEncoder.CHUNKED : HeadEncoder.NO_LENGTH, keepAlive);
            appendPending(out);
            exchange.sendPart(out);
        } else if (pendingLength() > 0) {
            ByteBuf out = exchange.alloc().buffer(pendingLength() + 16);
            appendPending(out);
            exchange.sendPart(out);
        }
        return this;
    }

    /** Ends the response now: sends it, and ignores anything written afterwards. */
    public void close() {
        if (closed) return;
        closed = true;
        if (committed) {
            ByteBuf out = exchange.alloc().buffer(pendingLength() + 16);
            appendPending(out);
            if (chunked) out.writeBytes(LAST_CHUNK);
            exchange.sendComplete(out, keepAlive);
            return;
        }
        boolean sendContent = contentAllowed();
        long length = !sendContent ? 0 : headRequest ? headLength() : pendingLength();
        if (headStreamed && sendContent) length = exchange.isHttp10() ? HeadEncoder.NO_LENGTH : HeadEncoder.CHUNKED;
        boolean alive = wantsKeepAlive();
        ByteBuf out = exchange.alloc().buffer(HeadEncoder.estimateSize(headers)
                + (headRequest || !sendContent ? 0 : (int) length));
        HeadEncoder.encode(out, status, headers, bodyAllowed() ? length : HeadEncoder.NO_LENGTH, alive);
        if (!headRequest && sendContent) {
            appendRaw(out);
        } else {
            releaseBody();
        }
        exchange.sendComplete(out, alive);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the head was already sent, so status and headers can no longer change. */
    public boolean isCommitted() {
        return committed;
    }

    // ---- used by the framework (through InternalBridge) -------------------------------------

    void markHeadRequest() {
        headRequest = true;
    }

    boolean isHeadRequest() {
        return headRequest;
    }

    /** Kemal's InitHandler headers: {@code X-Powered-By} (already validated) and the default type. */
    void setDefaultHeaders(String poweredBy) {
        if (poweredBy != null) headers.addTrusted("X-Powered-By", poweredBy);
        if (!headers.has("Content-Type")) {
            headers.addTrusted("Content-Type", DEFAULT_TYPE);
            defaultContentType = true;
        }
    }

    /**
     * Whether the content type is still the one the framework set by default (a handler may also
     * have replaced it through {@code headers().set}).
     */
    boolean hasDefaultContentType() {
        return defaultContentType && DEFAULT_TYPE.equals(headers.get("Content-Type"));
    }

    /**
     * Switches the connection to another protocol: sends the {@code 101} head built from this
     * response's headers, then lets {@code install} set up the new protocol's handlers.
     */
    void upgrade(java.util.function.Consumer<io.netty.channel.ChannelPipeline> install) {
        if (closed || committed) throw new IllegalStateException("The response was already sent");
        status = 101;
        closed = true;
        committed = true;
        releaseBody();
        ByteBuf head = exchange.alloc().buffer(HeadEncoder.estimateSize(headers));
        HeadEncoder.encode(head, 101, headers, HeadEncoder.NO_LENGTH, false);
        exchange.upgrade(head, install);
    }

    /**
     * For a HEAD whose GET streams without end (an event stream): the head announces chunked
     * transfer instead of counting a body that was never produced.
     */
    void announceStream() {
        if (headRequest) headStreamed = true;
    }

    /** Drops every header a handler set (Crystal's bare 500 starts from nothing). */
    void resetHeaders() {
        headers.clear();
        defaultContentType = false;
    }

    /** Drops the buffered body so an error page can replace it; false once streaming began. */
    boolean resetBody() {
        if (committed || closed) return false;
        releaseBody();
        headBodyLength = 0;
        return true;
    }

    /** Ends the exchange when nothing more can be sent properly (an error mid-stream). */
    void abort() {
        if (closed) return;
        closed = true;
        releaseBody();
        exchange.abort();
    }

    /** Releases buffers if the response is dropped without being sent. */
    void releaseBody() {
        single = null;
        if (body != null) {
            body.release();
            body = null;
        }
    }

    Exchange exchange() {
        return exchange;
    }

    /** Streams {@code in} as the body: buffered if it is small, chunked past {@code threshold}. */
    void stream(java.io.InputStream in, int threshold) throws IOException {
        in.transferTo(streamingOutput(threshold));
    }

    /**
     * The body as a stream that stays buffered (sent with Content-Length) while it is under
     * {@code threshold} bytes, and flushes (streams chunked) once it grows past it.
     */
    OutputStream streamingOutput(int threshold) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                Response.this.write(b, off, len);
                if (!headRequest && (committed || pendingLength() >= threshold)) Response.this.flush();
            }
        };
    }

    /**
     * Sends the response with a body of {@code parts} ({@code byte[]} or file segments) totalling
     * {@code length} bytes, after anything already printed. Files are not read into memory.
     */
    void sendFileBody(long length, List<Object> parts) throws IOException {
        if (closed) return;
        if (committed) throw new IllegalStateException("A file cannot be sent after the response started streaming");
        closed = true;
        List<Object> body = parts;
        int pending = pendingLength();
        if (pending > 0 && !headRequest) {
            ByteBuf printed = exchange.alloc().buffer(pending);
            appendRaw(printed);
            byte[] bytes = new byte[pending];
            printed.readBytes(bytes).release();
            body = new ArrayList<>(parts.size() + 1);
            body.add(bytes);
            body.addAll(parts);
        }
        long total = length + (headRequest ? headBodyLength : pending);
        boolean alive = wantsKeepAlive();
        boolean hasContent = contentAllowed();
        ByteBuf head = exchange.alloc().buffer(HeadEncoder.estimateSize(headers));
        HeadEncoder.encode(head, status, headers, bodyAllowed() ? (hasContent ? total : 0) : HeadEncoder.NO_LENGTH, alive);
        releaseBody();
        if (headRequest || !hasContent || body.isEmpty()) {
            exchange.sendComplete(head, alive);
            return;
        }
        try {
            exchange.sendFile(head, body, alive);
        } catch (IOException e) {
            // A file that could not be opened: nothing was sent, so an error page can still answer.
            if (!exchange.isFinished()) closed = false;
            throw e;
        }
    }

    // ---- internals --------------------------------------------------------------------------

    private boolean wantsKeepAlive() {
        String connection = headers.get("Connection");
        return exchange.keepAlive() && (connection == null || !connection.equalsIgnoreCase("close"));
    }

    /** Whether the response has a body section at all (framed by a length): not 1xx, 204, 304. */
    private boolean bodyAllowed() {
        return status >= 200 && status != 204 && status != 304;
    }

    /** Whether content may be sent: 205 has a body section that must be empty (RFC 9110 §15.3.6). */
    private boolean contentAllowed() {
        return bodyAllowed() && status != 205;
    }

    private long headLength() {
        if (headBodyLength == 0) {
            String declared = headers.get("Content-Length");
            if (declared != null) {
                try {
                    return Long.parseLong(declared.trim());
                } catch (NumberFormatException ignored) {
                    // fall through to the counted length
                }
            }
        }
        return headBodyLength;
    }

    private ByteBuf bodyBuffer(int extra) {
        if (body == null) {
            int size = Math.max(256, extra + (single == null ? 0 : (int) singleLength()));
            body = exchange.alloc().buffer(size);
            if (single != null) {
                writeSingle(body);
                single = null;
            }
        }
        return body;
    }

    private long singleLength() {
        if (single instanceof String s) return ByteBufUtil.utf8Bytes(s);
        if (single instanceof byte[] b) return b.length;
        return 0;
    }

    private int pendingLength() {
        if (single != null) return (int) singleLength();
        return body == null ? 0 : body.readableBytes();
    }

    private void writeSingle(ByteBuf out) {
        if (single instanceof String s) out.writeCharSequence(s, StandardCharsets.UTF_8);
        else if (single instanceof byte[] b) out.writeBytes(b);
    }

    /** Appends the pending bytes to {@code out} (as one chunk when chunked) and clears them. */
    private void appendPending(ByteBuf out) {
        int length = pendingLength();
        if (length == 0) return;
        if (chunked) {
            out.writeCharSequence(Integer.toHexString(length), StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
            appendRaw(out);
            out.writeBytes(CRLF);
        } else {
            appendRaw(out);
        }
    }

    private void appendRaw(ByteBuf out) {
        if (single != null) {
            writeSingle(out);
            single = null;
        } else if (body != null) {
            out.writeBytes(body);
            body.release();
            body = null;
        }
    }
}
