package kemal.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.DefaultFileRegion;
import java.util.function.Consumer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One request and its response at the transport level: what the request said, its streaming
 * body, and the calls that put the response on the wire in order. Created on the event loop;
 * everything else runs on the request's virtual thread.
 */
public final class Exchange {
    private static final int FILE_CHUNK = 64 * 1024;

    private final HttpConnection connection;
    private final HttpRequest head;
    private final RequestTarget target;
    private final RequestBody body;
    private final boolean keepAliveRequested;
    private final boolean expectContinue;
    private Object attachment;
    private boolean finished;
    private boolean headSent;
    private final java.util.concurrent.atomic.AtomicReference<Runnable> goneListener =
            new java.util.concurrent.atomic.AtomicReference<>();

    Exchange(HttpConnection connection, HttpRequest head, RequestTarget target, RequestBody body,
             boolean keepAliveRequested, boolean expectContinue) {
        this.connection = connection;
        this.head = head;
        this.target = target;
        this.body = body;
        this.keepAliveRequested = keepAliveRequested;
        this.expectContinue = expectContinue;
    }

    public String method() {
        return head.method().name();
    }

    /** The raw request-target, as sent. */
    public String uri() {
        return head.uri();
    }

    /** The raw (percent-encoded) path. */
    public String path() {
        return target.path();
    }

    /**
     * The host of an absolute-form request-target ({@code GET http://host/a}), which takes the
     * place of the Host header (RFC 9112 §3.2.2); null for the usual origin-form.
     */
    public String targetAuthority() {
        return target.authority();
    }

    /** The raw query string without '?', or null when there is none. */
    public String query() {
        return target.query();
    }

    /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
    public String version() {
        return head.protocolVersion().text();
    }

    public boolean isHttp10() {
        return head.protocolVersion().minorVersion() == 0;
    }

    public HttpHeaders headers() {
        return head.headers();
    }

    /**
     * Keeps what the handler worked out about this request when it was offered it on the event
     * loop (the matched route), so it need not work it out again.
     */
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    /** What {@link #attach} kept, or null. */
    public Object attachment() {
        return attachment;
    }

    public RequestBody body() {
        return body;
    }

    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    public boolean isSecure() {
        return connection.isSecure();
    }

    public ByteBufAllocator alloc() {
        return connection.alloc();
    }

    boolean expectContinue() {
        return expectContinue;
    }

    /**
     * Whether the connection stays open after this response. Evaluated when the response head
     * is encoded: false when the client asked to close, the body was too large, or too much of
     * an unread body is still to come.
     */
    public boolean keepAlive() {
        return keepAliveRequested && connection.canKeepAlive(this);
    }

    /** Writes a complete response (head and body in {@code buf}) and ends the exchange. */
    public void sendComplete(ByteBuf buf, boolean keepAlive) {
        if (finished) {
            buf.release();
            return;
        }
        finished = true;
        connection.writeLast(this, buf, keepAlive);
    }

    /** Writes and flushes part of a streamed response, waiting while the client is slow to read. */
    public void sendPart(ByteBuf buf) {
        if (finished) {
            buf.release();
            return;
        }
        headSent = true;
        connection.writePart(buf);
    }

    /**
     * Writes a response whose body is {@code parts} ({@code byte[]} and {@link FileSegment}s, in
     * order) and ends the exchange, returning once it is written. Every file is opened first, so
     * a file that cannot be read fails here with nothing sent (the caller can still answer with
     * an error), and what is sent is what the files held at this call even if they are deleted or
     * replaced right after. Over plain TCP, file segments go from the page cache to the socket
     * without passing through the JVM; over TLS or in-process they are read in chunks, waiting
     * while the client is slow.
     *
     * @param head the encoded status line and headers (with the total Content-Length)
     * @throws IOException when a file cannot be opened (nothing was sent: {@link #isFinished()}
     *     is false) or read (the exchange is then aborted)
     */
    public void sendFile(ByteBuf head, List<Object> parts, boolean keepAlive) throws IOException {
        if (finished) {
            head.release();
            return;
        }
        List<Object> opened;
        try {
            opened = open(parts);
        } catch (IOException e) {
            head.release();
            throw e;
        }
        if (connection.canSendFileRegions()) {
            finished = true;
            List<Object> regions = new ArrayList<>(opened.size());
            for (Object part : opened) {
                regions.add(part instanceof OpenSegment segment
                        ? new DefaultFileRegion(segment.channel(), segment.position(), segment.count()) : part);
            }
            connection.writeLastWithFiles(this, head, regions, keepAlive);
            return;
        }
        try {
            sendPart(head);
            for (Object part : opened) {
                if (part instanceof byte[] bytes) sendPart(Unpooled.wrappedBuffer(bytes));
                else copyFile((OpenSegment) part);
            }
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        } finally {
            closeAll(opened);
        }
        sendComplete(Unpooled.EMPTY_BUFFER, keepAlive);
    }

    /** A file segment whose file is open. */
    private record OpenSegment(FileChannel channel, long position, long count) {}

    /** {@code parts} with every file segment opened (one channel each); all or nothing. */
    private static List<Object> open(List<Object> parts) throws IOException {
        List<Object> opened = new ArrayList<>(parts.size());
        try {
            for (Object part : parts) {
                if (part instanceof FileSegment segment) {
                    opened.add(new OpenSegment(FileChannel.open(segment.file(), StandardOpenOption.READ),
                            segment.position(), segment.count()));
                } else {
                    opened.add(part);
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        return opened;
    }

    private static void closeAll(List<Object> parts) {
        for (Object part : parts) {
            if (part instanceof OpenSegment segment) {
                try {
                    segment.channel().close();
                } catch (IOException ignored) {
                    // read-only: nothing to lose
                }
            }
        }
    }

    private void copyFile(OpenSegment segment) throws IOException {
        FileChannel file = segment.channel();
        long position = segment.position();
        long end = position + segment.count();
        while (position < end) {
            int n = (int) Math.min(FILE_CHUNK, end - position);
            ByteBuf chunk = alloc().buffer(n);
            int read;
            try {
                read = chunk.writeBytes(file, position, n);
            } catch (IOException e) {
                chunk.release();
                throw e;
            }
            if (read <= 0) {
                chunk.release();
                throw new IOException("A file became shorter while it was being sent");
            }
            position += read;
            sendPart(chunk);
        }
    }

    /**
     * Ends the exchange by switching protocols: writes the {@code 101} head, then lets
     * {@code install} put the new protocol's handlers into the pipeline (before
     * {@link #PROTOCOL_HANDLERS_BEFORE}) in place of HTTP's.
     */
    public void upgrade(ByteBuf head, Consumer<ChannelPipeline> install) {
        if (finished) {
            head.release();
            return;
        }
        finished = true;
        headSent = true;
        connection.upgrade(head, install);
    }

    /** The pipeline handler that new protocol handlers are added before, at upgrade. */
    public static final String PROTOCOL_HANDLERS_BEFORE = HttpConnection.NAME;

    /** Whether part of the response (at least its head) is already on the wire. */
    public boolean headSent() {
        return headSent;
    }

    /** Ends the exchange by closing the connection: the response cannot be completed. */
    public void abort() {
        if (finished) return;
        finished = true;
        connection.abort(this);
    }

    public boolean isFinished() {
        return finished;
    }

    /**
     * Runs {@code listener} once if the client disconnects while this exchange is being handled
     * (a long poll or event stream waiting for something to send). Replaces any earlier listener.
     */
    public void onClientGone(Runnable listener) {
        goneListener.set(listener);
        if (connection.isClosed()) clientGone();
    }

    void clientGone() {
        Runnable listener = goneListener.getAndSet(null);
        if (listener != null) listener.run();
    }

    /** Whether the client is gone, so anything written would be lost. */
    public boolean isClientGone() {
        return connection.isClosed();
    }
}
