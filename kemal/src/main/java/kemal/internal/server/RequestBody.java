package kemal.internal.server;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import kemal.HttpException;

/**
 * A request body as a blocking stream, fed by the Netty event loop and read by the handler's
 * virtual thread. It never holds more than {@link #HIGH_WATER} unread bytes: above that the
 * connection stops reading from the socket until the handler catches up. Bytes past the size
 * limit are never kept; reading then fails with 413.
 */
public final class RequestBody extends InputStream {
    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = 64 * 1024;

    /** The body of a request that has none. */
    public static final RequestBody EMPTY = new RequestBody();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>(4);
    private final BodyFlowControl flow;
    private final long limit;
    private final long declaredLength;
    private final boolean expectContinue;
    private long buffered;
    private long received;
    private boolean complete;
    private boolean paused;
    private boolean discarding;
    private boolean tooLarge;
    private boolean readStarted;
    private RuntimeException failure;

    private RequestBody() {
        this.flow = null;
        this.limit = -1;
        this.declaredLength = 0;
        this.expectContinue = false;
        this.complete = true;
    }

    /**
     * @param limit the most bytes accepted, or -1 for no limit
     * @param declaredLength the Content-Length, or -1 when chunked
     * @param expectContinue whether the client waits for {@code 100 Continue} before sending
     */
    RequestBody(BodyFlowControl flow, long limit, long declaredLength, boolean expectContinue) {
        this.flow = flow;
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.expectContinue = expectContinue;
        if (limit >= 0 && declaredLength > limit) {
            // Known to be too large before a byte arrives: never read it.
            tooLarge = true;
            discarding = true;
        }
    }

    // ---- event-loop side -------------------------------------------------------------------

    /** Appends received bytes; takes ownership of {@code content}. */
    void offer(ByteBuf content) {
        int n = content.readableBytes();
        lock.lock();
        try {
            received += n;
            if (discarding || n == 0) {
                content.release();
                return;
            }
            if (limit >= 0 && received > limit) {
                content.release();
                markTooLarge();
                return;
            }
            chunks.add(content);
            buffered += n;
            if (!paused && buffered > HIGH_WATER) {
                paused = true;
                flow.pauseBody();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void complete() {
        lock.lock();
        try {
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void fail(RuntimeException cause) {
        lock.lock();
        try {
            if (complete) return;
            failure = cause;
            releaseChunks();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- handler side ----------------------------------------------------------------------

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (this == EMPTY) return -1;
        if (len == 0) return 0;
        lock.lock();
        try {
            if (!readStarted) {
                readStarted = true;
                // Ask for the body only when a handler wants it, and never for one we would refuse.
                if (expectContinue && !tooLarge) flow.sendContinue();
            }
            while (true) {
                if (tooLarge) throw payloadTooLarge();
                ByteBuf head = chunks.peek();
                if (head != null) {
                    int n = Math.min(len, head.readableBytes());
                    head.readBytes(b, off, n);
                    if (!head.isReadable()) {
                        chunks.poll().release();
                    }
                    buffered -= n;
                    if (paused && buffered < LOW_WATER) {
                        paused = false;
                        flow.resumeBody();
                    }
                    return n;
                }
                if (failure != null) throw failure;
                if (complete) return -1;
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            lock.unlock();
        }
    }

    /** Reads the whole body; fails with 413 past the limit. */
    public byte[] readAll() {
        if (this == EMPTY) return new byte[0];
        try {
            return readAllBytes();
        } catch (java.io.IOException e) {
            throw new HttpException(400, "Bad Request: could not read the request body", e);
        }
    }

    /** Whether the whole body was received. */
    public boolean isComplete() {
        if (this == EMPTY) return true; // shared by every request without a body: no lock
        lock.lock();
        try {
            return complete;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the body was refused for being over the size limit. */
    public boolean isTooLarge() {
        if (this == EMPTY) return false; // shared by every request without a body: no lock
        lock.lock();
        try {
            return tooLarge;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Throws what reading this body would throw, if that is known already: 413 when it is over
     * the size limit, 400 when it was malformed.
     */
    public void checkNotRefused() {
        if (this == EMPTY) return; // shared by every request without a body: no lock
        lock.lock();
        try {
            if (tooLarge) throw payloadTooLarge();
            if (failure != null) throw failure;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the body was refused: over the size limit, malformed, or cut off. */
    boolean isRefused() {
        if (this == EMPTY) return false; // shared by every request without a body: no lock
        lock.lock();
        try {
            return tooLarge || failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the client waits for {@code 100 Continue}, which no reader has asked for yet. */
    boolean awaitsContinue() {
        if (this == EMPTY) return false; // shared by every request without a body: no lock
        lock.lock();
        try {
            return expectContinue && !readStarted;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a handler has started to read this body. */
    public boolean readStarted() {
        if (this == EMPTY) return false; // shared by every request without a body: no lock
        lock.lock();
        try {
            return readStarted;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes still expected for a Content-Length body, or -1 when unknown (chunked). */
    long remaining() {
        if (this == EMPTY) return 0;
        lock.lock();
        try {
            if (complete) return 0;
            return declaredLength < 0 ? -1 : declaredLength - received;
        } finally {
            lock.unlock();
        }
    }

    /** Drops unread and future bytes: the response is done and nobody will read them. */
    void discard() {
        if (this == EMPTY) return;
        lock.lock();
        try {
            discarding = true;
            releaseChunks();
            if (paused) {
                paused = false;
                flow.resumeBody();
            }
        } finally {
            lock.unlock();
        }
    }

    private void markTooLarge() {
        tooLarge = true;
        discarding = true;
        releaseChunks();
        if (paused) {
            paused = false;
            flow.resumeBody();
        }
        flow.bodyTooLarge();
        changed.signalAll();
    }

    private void releaseChunks() {
        ByteBuf b;
        while ((b = chunks.poll()) != null) b.release();
        buffered = 0;
    }

    static HttpException payloadTooLarge() {
        return new HttpException(413, "Payload Too Large");
    }
}
