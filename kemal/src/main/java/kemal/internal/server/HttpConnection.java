package kemal.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelProgressiveFuture;
import io.netty.channel.ChannelProgressiveFutureListener;
import io.netty.channel.ChannelProgressivePromise;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import io.netty.channel.ChannelPipeline;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import kemal.HttpException;
import kemal.internal.concurrent.HandoffBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.x connection. On the event loop it checks each decoded request head, feeds request
 * bodies, and queues requests; one virtual thread at a time drains that queue, so pipelined
 * requests are handled and answered strictly in order. Responses are handed from the virtual
 * thread to the event loop, which flushes once per run of responses it finds queued.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter implements BodyFlowControl, GracefulClose {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final ThreadFactory HANDLER_THREADS = Thread.ofVirtual().name("kemal-handler").factory();
    private static final InetSocketAddress IN_PROCESS = new InetSocketAddress("127.0.0.1", 0);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Requests queued beyond this stop reading from the socket until the handler catches up. */
    private static final int MAX_QUEUED = 32;
    /** An unread body smaller than this is skipped to keep the connection; a larger one closes it. */
    private static final long DRAIN_LIMIT = 64 * 1024;
    private static final long LINGER_MILLIS = 2000;

    private static final int BLOCK_BODY = 1;
    private static final int BLOCK_QUEUE = 2;
    private static final int BLOCK_REJECT = 4;
    private static final int BLOCK_UPGRADE = 8;

    private final ServerSettings settings;
    private final boolean secure;
    private ChannelHandlerContext ctx;
    private Channel channel;

    // Event-loop state.
    private Exchange reading;
    private boolean rejecting;
    private int readBlockers;
    private ScheduledFuture<?> idleCheck;
    /** Responses written on the event loop wait for the end of the read to go out together. */
    private boolean flushPending;
    /**
     * Everything the handler thread wrote has reached the event loop: a request run on the loop
     * now cannot overtake a response of the handler thread still queued as a task.
     */
    private boolean loopCaughtUp = true;
    /** Requests to run on the event loop queued as tasks behind the handler thread's writes. */
    private int loopTasksPending;
    /** Items given to the handler thread so far (on the event loop). */
    private long handedToWorker;

    // Shared between the event loop and the handler thread.
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean working = new AtomicBoolean();
    private volatile Thread worker;
    /** An Upgrade request is being handled: decoding waits for its answer. */
    private volatile boolean upgradePending;
    private volatile boolean workerParked;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Condition writable = writeLock.newCondition();
    private volatile boolean closed;
    /** This handler left the pipeline (an upgrade to another protocol): no request will come. */
    private volatile boolean removed;
    /** A response that ends the connection was sent: requests after it are not answered. */
    private volatile boolean closing;
    private volatile boolean draining;
    private volatile long lastActivity = System.nanoTime();
    /** The last file response's write: the next request and a graceful close wait for it. */
    private volatile ChannelFuture lastFileWrite;
    /** The exchange the handler thread is working on, told when the client goes away. */
    private volatile Exchange handling;
    /** Keep-alive responses given to the event loop so far; see {@link #writeThenFlushIfLast}. */
    private volatile long responsesHandedOver;
    /** Items the handler thread has finished (only it counts them). */
    private long workerDone;
    /** Some request of this connection ran on the event loop: the handler thread reports catching up. */
    private volatile boolean usesEventLoop;

    HttpConnection(ServerSettings settings, boolean secure) {
        this.settings = settings;
        this.secure = secure;
    }

    /** A malformed request, answered in its turn and followed by closing the connection. */
    private record Rejection(int status, String reason) {}

    // ---- event loop --------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        removed = true;
        Thread parked = worker;
        if (parked != null) LockSupport.unpark(parked);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        scheduleIdleCheck(settings.idleTimeoutMillis());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (rejecting) return;
            if (msg instanceof HttpRequest request) onHead(request);
            if (msg instanceof HttpContent content && !rejecting) onContent(content);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(HttpRequest request) {
        lastActivity = System.nanoTime();
        if (closing || draining) {
            rejecting = true;
            return;
        }
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            reject(statusFor(result.cause()), reasonFor(result.cause()));
            return;
        }
        RequestValidator.Rejection invalid = RequestValidator.check(request);
        if (invalid != null) {
            reject(invalid.status(), invalid.reason());
            return;
        }
        RequestTarget target = RequestTarget.parse(request.uri());
        if (target == null || ("*".equals(target.path()) && request.method() != HttpMethod.OPTIONS)) {
            reject(400, "Bad Request: invalid request target");
            return;
        }
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        long length = chunked ? -1 : HttpUtil.getContentLength(request, 0L);
        boolean hasBody = chunked || length > 0;
        boolean expectContinue = false;
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                reject(417, "Expectation Failed");
                return;
            }
            expectContinue = hasBody && request.protocolVersion().minorVersion() == 1;
        }
        RequestBody body = hasBody
                ? new RequestBody(this, settings.maxRequestBodySize(), length, expectContinue)
                : RequestBody.EMPTY;
        if (body.isTooLarge()) {
            // Answer without reading a byte of it (the response says close), then close.
            stopReading();
        }
        Exchange exchange = new Exchange(this, request, target, body, HttpUtil.isKeepAlive(request),
                expectContinue);
        reading = hasBody ? exchange : null;
        if (!hasBody && request.headers().contains(HttpHeaderNames.UPGRADE)) {
            // What follows may be another protocol: read and decode no further until the answer
            // is known. Bytes already read stay in the decoder; an upgrade hands them on. (One
            // with a body is plain HTTP until its body is read: it is not held.)
            applyReadBlock(BLOCK_UPGRADE, true);
            decoder().hold();
            upgradePending = true;
        } else if (!hasBody && tryRunOnEventLoop(exchange)) {
            return;
        }
        enqueue(exchange);
    }

    /**
     * Runs a request for a non-blocking route here on the event loop, when that keeps responses
     * in order: no request of this connection is with the handler thread, and the client reads
     * what it is sent. If the handler thread's last responses may still be queued as event-loop
     * tasks, the request runs as a task behind them.
     */
    private boolean tryRunOnEventLoop(Exchange exchange) {
        if (queued.get() != 0 || !channel.isWritable() || !settings.handler().runsOnEventLoop(exchange)) {
            return false;
        }
        usesEventLoop = true;
        if (loopCaughtUp && loopTasksPending == 0) {
            process(exchange);
        } else {
            loopTasksPending++;
            ctx.executor().execute(() -> {
                loopTasksPending--;
                process(exchange);
                flushIfPending();
            });
        }
        return true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushIfPending();
        ctx.fireChannelReadComplete();
    }

    private void flushIfPending() {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
    }

    private void onContent(HttpContent content) {
        Exchange exchange = reading;
        if (exchange == null) return;
        lastActivity = System.nanoTime();
        if (content.decoderResult().isFailure()) {
            // This request is still answered (400 when its body is read or checked); the
            // connection closes after that answer, as nothing after the bad framing can be trusted.
            reading = null;
            stopReading();
            exchange.body().fail(new HttpException(400, "Bad Request: malformed request body"));
            return;
        }
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) exchange.body().offer(bytes.retain());
        if (content instanceof LastHttpContent) {
            exchange.body().complete();
            reading = null;
        }
    }

    private void reject(int status, String reason) {
        stopReading();
        enqueue(new Rejection(status, reason));
    }

    /** Nothing more from this connection is read or answered; it closes after the last answer. */
    private void stopReading() {
        rejecting = true;
        setReadBlocked(BLOCK_REJECT, true);
    }

    private static int statusFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) return 414;
        if (cause instanceof TooLongHttpHeaderException) return 431;
        if (cause instanceof TooLongFrameException) return 431;
        return 400;
    }

    private static String reasonFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) return "URI Too Long";
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return "Request Header Fields Too Large";
        }
        return "Bad Request";
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        signalWriters();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (idleCheck != null) idleCheck.cancel(false);
        Exchange exchange = reading;
        reading = null;
        if (exchange != null) {
            exchange.body().fail(new HttpException(400, "Bad Request: the connection closed before the body was complete"));
        }
        signalWriters();
        Thread parked = worker;
        if (parked != null) LockSupport.unpark(parked); // no next request will come: let it end
        Exchange inProgress = handling;
        if (inProgress != null) inProgress.clientGone();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Connection error from {}: {}", channel.remoteAddress(), cause.toString());
        } else {
            log.warn("Unexpected error on connection from {}", channel.remoteAddress(), cause);
        }
        ctx.close();
    }

    private void scheduleIdleCheck(long delayMillis) {
        if (settings.idleTimeoutMillis() <= 0 || closed) return;
        idleCheck = ctx.executor().schedule(this::checkIdle, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Closes a connection that waited too long for its next request, or for body bytes a handler awaits. */
    private void checkIdle() {
        if (closed) return;
        long timeout = settings.idleTimeoutMillis();
        boolean waitingForClient = isWaitingForClient();
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
        if (waitingForClient && idleMillis >= timeout) {
            log.debug("Closing idle connection from {}", channel.remoteAddress());
            ctx.close();
            return;
        }
        scheduleIdleCheck(waitingForClient ? timeout - idleMillis : timeout);
    }

    /**
     * Whether it is the client's turn: no request is being handled, or the handler may be waiting
     * for body bytes. Not while we hold reading back ourselves (a full body buffer, a full
     * request queue, a refusal being answered): that wait is ours.
     */
    private boolean isWaitingForClient() {
        return readBlockers == 0 && (queued.get() == 0 || reading != null);
    }

    private void setReadBlocked(int reason, boolean blocked) {
        if (ctx.executor().inEventLoop()) {
            applyReadBlock(reason, blocked);
        } else {
            onEventLoop(() -> applyReadBlock(reason, blocked));
        }
    }

    private void applyReadBlock(int reason, boolean blocked) {
        int before = readBlockers;
        readBlockers = blocked ? before | reason : before & ~reason;
        if ((before == 0) != (readBlockers == 0)) {
            channel.config().setAutoRead(readBlockers == 0);
            // The time reading was held back was ours: the client's idle clock starts now.
            if (readBlockers == 0) lastActivity = System.nanoTime();
        }
    }

    /** Re-evaluates the queue limit on the event loop, where every enqueue happens too. */
    private void recheckQueueBlock() {
        applyReadBlock(BLOCK_QUEUE, queued.get() >= MAX_QUEUED);
    }

    // ---- BodyFlowControl (from the body's reader or the event loop) ---------------------------

    @Override
    public void pauseBody() {
        setReadBlocked(BLOCK_BODY, true);
    }

    @Override
    public void resumeBody() {
        setReadBlocked(BLOCK_BODY, false);
    }

    @Override
    public void sendContinue() {
        if (!closed) ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE), ctx.voidPromise());
    }

    @Override
    public void bodyTooLarge() {
        // Called on the event loop while the body is fed. Its request is still answered (413).
        stopReading();
    }

    // ---- the handler's virtual thread ---------------------------------------------------------

    private void enqueue(Object item) {
        loopCaughtUp = false;
        handedToWorker++;
        queue.offer(item);
        // On the event loop. A read already decoded can queue past the limit; reading stops then.
        if (queued.incrementAndGet() >= MAX_QUEUED) applyReadBlock(BLOCK_QUEUE, true);
        if (working.compareAndSet(false, true)) {
            Thread thread = HANDLER_THREADS.newThread(this::work);
            worker = thread;
            HandoffBatch.defer(ctx.executor(), thread::start);
        } else if (workerParked) {
            HandoffBatch.defer(ctx.executor(), this::unparkWorker);
        }
    }

    /** Once the handler thread's writes up to its {@code done}th item ran, if nothing came after it. */
    private void markLoopCaughtUp(long done) {
        if (done == handedToWorker) loopCaughtUp = true;
    }

    private void unparkWorker() {
        LockSupport.unpark(worker);
    }

    private void work() {
        while (true) {
            Object item;
            while ((item = queue.poll()) != null) {
                process(item);
                long done = ++workerDone;
                // Decided on the event loop from the count then: deciding here could race with an
                // enqueue and leave reading on with a full queue.
                int left = queued.decrementAndGet();
                if (left == MAX_QUEUED - 1) onEventLoop(this::recheckQueueBlock);
                // Queued behind every write of ours: once it runs, the loop may run requests inline.
                else if (left == 0 && usesEventLoop) onEventLoop(() -> markLoopCaughtUp(done));
            }
            if (awaitNextRequest()) continue;
            worker = null; // an ended thread is not kept reachable by an open connection
            working.set(false);
            if (draining && queue.isEmpty()) closeWhenIdle();
            // An item queued between the last poll and the reset above would otherwise wait forever.
            if (queue.isEmpty() || !working.compareAndSet(false, true)) return;
            worker = Thread.currentThread();
        }
    }

    /**
     * Parks the handler thread until the next request of this keep-alive connection, or until
     * the connection closes: waking a parked virtual thread is cheaper than starting one. The
     * park has no timeout on purpose: a timed park costs a timer task scheduled and cancelled on
     * a shared scheduler per request. A parked virtual thread is small, and an idle connection
     * is closed after the idle timeout anyway. True when a request arrived.
     */
    private boolean awaitNextRequest() {
        if (closed || removed || draining) return false;
        workerParked = true;
        // Set before this check, so an enqueue either is seen here or sees the flag and unparks.
        // A loop: a wakeup left over from an earlier wait is no reason to end the thread. A
        // graceful stop ends the wait too: the thread then closes the connection if it is idle.
        while (queue.isEmpty() && !closed && !removed && !draining) LockSupport.park(this);
        workerParked = false;
        return !queue.isEmpty();
    }

    private void process(Object item) {
        if (item instanceof Rejection rejection) {
            if (!closed) writeRejection(rejection);
            return;
        }
        Exchange exchange = (Exchange) item;
        // At most one file response per connection holds open files: the next request waits
        // for the previous file to be sent (at once when the client waited for it, as most do).
        awaitPendingFileWrite();
        // Make no further response while the client is not reading those already sent, so a
        // client pipelining requests without reading cannot pile responses up in memory.
        waitUntilWritable();
        if (closed || closing) {
            exchange.body().discard();
            return;
        }
        handling = exchange;
        try {
            settings.handler().handle(exchange);
        } catch (Throwable t) {
            log.error("Unhandled error while handling {} {}", exchange.method(), exchange.uri(), t);
            if (!exchange.isFinished()) {
                if (exchange.headSent()) exchange.abort();
                else exchange.sendComplete(SimpleResponse.encode(alloc(), 500, "Internal Server Error", false), false);
            }
        }
        handling = null;
        if (!exchange.isFinished()) {
            log.error("Handler returned without finishing the response to {} {}", exchange.method(), exchange.uri());
            exchange.abort();
        }
    }

    private void writeRejection(Rejection rejection) {
        closing = true;
        ByteBuf buf = SimpleResponse.encode(alloc(), rejection.status(), rejection.reason(), false);
        ctx.writeAndFlush(buf).addListener((ChannelFutureListener) f -> closeAfterResponse());
    }

    /** Called by {@link Exchange#keepAlive()} when the response head is encoded. */
    boolean canKeepAlive(Exchange exchange) {
        if (closing || (draining && queue.isEmpty())) return false;
        RequestBody body = exchange.body();
        if (body.isComplete()) return true;
        // The rest of an unread body must be skipped before the next request can be read: only
        // when its size is known and small, and the client is really sending it. A client still
        // waiting for 100 Continue may never send it, and its next bytes could be either.
        if (body.isRefused() || body.awaitsContinue()) return false;
        long remaining = body.remaining();
        return remaining >= 0 && remaining <= DRAIN_LIMIT;
    }

    void writeLast(Exchange exchange, ByteBuf buf, boolean keepAlive) {
        lastActivity = System.nanoTime();
        if (upgradePending) {
            upgradePending = false;
            onEventLoop(() -> { // an upgrade request answered in HTTP: carry on
                applyReadBlock(BLOCK_UPGRADE, false);
                try {
                    decoder().resume(ctx.pipeline().context(DECODER));
                } catch (Exception e) {
                    exceptionCaught(ctx, e);
                }
            });
        }
        boolean close = !keepAlive || !canKeepAlive(exchange);
        // Unread body bytes are dropped now, also when the client is gone (they would leak).
        exchange.body().discard();
        if (closed) {
            buf.release();
            return;
        }
        if (close) {
            closing = true;
            ctx.writeAndFlush(buf).addListener((ChannelFutureListener) f -> closeAfterResponse());
        } else {
            writeThenFlushIfLast(buf);
        }
    }

    /**
     * Writes a response on the event loop and flushes it there unless another response was
     * handed over behind it in the meantime (that one flushes both). Pipelined responses made
     * faster than the event loop sends them share one flush, and a response never waits for the
     * handler of the next request, however slow.
     */
    private void writeThenFlushIfLast(ByteBuf buf) {
        if (ctx.executor().inEventLoop()) { // a request run on the event loop
            ctx.write(buf, ctx.voidPromise());
            flushPending = true;
            return;
        }
        long sequence = ++responsesHandedOver; // only the one handler thread at a time writes it
        boolean accepted = onEventLoop(() -> {
            ctx.write(buf, ctx.voidPromise());
            if (responsesHandedOver == sequence) ctx.flush();
        });
        if (!accepted) buf.release();
    }

    private RequestDecoder decoder() {
        return (RequestDecoder) ctx.pipeline().get(DECODER);
    }

    /** Whether file bodies can go out as zero-copy file regions (plain TCP, no TLS). */
    boolean canSendFileRegions() {
        return !secure && channel instanceof SocketChannel;
    }

    /**
     * {@link #writeLast} for a head followed by bytes and file regions, written in one event-loop
     * task. Returns at once; the connection's next request waits until all of it is written
     * (or the connection is gone), so at most one file response per connection holds open files.
     * Each chunk the socket takes counts as activity, so a slow download is never mistaken for
     * an idle client; a client that takes nothing for the write timeout is closed.
     *
     * @param parts {@code byte[]} and {@link FileRegion}s, released here or by Netty
     */
    void writeLastWithFiles(Exchange exchange, ByteBuf head, List<Object> parts, boolean keepAlive) {
        lastActivity = System.nanoTime();
        boolean close = !keepAlive || !canKeepAlive(exchange);
        exchange.body().discard();
        if (closed) {
            head.release();
            parts.forEach(ReferenceCountUtil::release);
            return;
        }
        if (close) closing = true;
        ChannelPromise written = ctx.newPromise();
        boolean accepted = onEventLoop(() -> {
            ctx.write(head, ctx.voidPromise());
            for (Object part : parts) {
                if (part instanceof FileRegion region) {
                    ChannelProgressivePromise progress = ctx.newProgressivePromise();
                    progress.addListener(transferProgress);
                    ctx.write(region, progress);
                } else {
                    ctx.write(Unpooled.wrappedBuffer((byte[]) part), ctx.voidPromise());
                }
            }
            // Completes once everything written before it is on the socket.
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER, written);
            if (close) written.addListener((ChannelFutureListener) f -> closeAfterResponse());
            watchFileWrite(written);
        });
        if (!accepted) {
            head.release();
            parts.forEach(ReferenceCountUtil::release);
            return;
        }
        // The handler goes on without waiting for the bytes to leave; the next request of this
        // connection waits for them.
        lastFileWrite = written;
    }

    private final ChannelProgressiveFutureListener transferProgress = new ChannelProgressiveFutureListener() {
        @Override
        public void operationProgressed(ChannelProgressiveFuture future, long progress, long total) {
            lastActivity = System.nanoTime();
        }

        @Override
        public void operationComplete(ChannelProgressiveFuture future) {
            lastActivity = System.nanoTime();
        }
    };

    /**
     * Parks the handler thread until the previous file response is on the socket. No timeout
     * here: {@link #watchFileWrite} closes a connection whose client stops taking the file,
     * which completes the write.
     */
    private void awaitPendingFileWrite() {
        ChannelFuture written = lastFileWrite;
        if (written == null || written.isDone()) return;
        Thread waiter = Thread.currentThread();
        written.addListener(f -> LockSupport.unpark(waiter));
        while (!written.isDone()) LockSupport.park(this);
    }

    /**
     * Closes the connection if its client takes nothing of a file for the write timeout, so a
     * reader that stalls does not hold the file and the connection for ever. On the event loop.
     */
    private void watchFileWrite(ChannelFuture written) {
        long timeout = settings.writeTimeoutMillis();
        if (timeout <= 0 || written.isDone()) return;
        ScheduledFuture<?> check = ctx.executor().schedule(() -> checkFileWrite(written), timeout, TimeUnit.MILLISECONDS);
        written.addListener(f -> check.cancel(false));
    }

    private void checkFileWrite(ChannelFuture written) {
        if (written.isDone() || closed) return;
        long timeout = settings.writeTimeoutMillis();
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
        if (idleMillis >= timeout) {
            log.debug("Closing connection from {}: the client stopped reading a file", channel.remoteAddress());
            ctx.close();
            return;
        }
        ctx.executor().schedule(() -> checkFileWrite(written), timeout - idleMillis, TimeUnit.MILLISECONDS);
    }

    void writePart(ByteBuf buf) {
        if (closed) {
            buf.release();
            throw new ClientGoneException();
        }
        lastActivity = System.nanoTime();
        ctx.writeAndFlush(buf, ctx.voidPromise());
        awaitWritable();
    }

    /**
     * Switches the connection to another protocol: writes the {@code 101} head, then replaces
     * the HTTP handlers with those {@code install} adds (before this handler's place) and
     * resumes reading for them. Bytes the HTTP decoder held go to the new handlers. Returns once
     * the new handlers are in place, so the caller may write through them at once.
     */
    void upgrade(ByteBuf head, Consumer<ChannelPipeline> install) {
        lastActivity = System.nanoTime();
        if (closed) {
            head.release();
            return;
        }
        CountDownLatch switched = new CountDownLatch(1);
        Runnable swap = () -> {
            try {
                ctx.writeAndFlush(head, ctx.voidPromise());
                if (idleCheck != null) idleCheck.cancel(false);
                ChannelPipeline pipeline = ctx.pipeline();
                install.accept(pipeline);
                pipeline.remove(DECODER);
                pipeline.remove(this);
                channel.config().setAutoRead(true);
            } finally {
                switched.countDown();
            }
        };
        if (ctx.executor().inEventLoop()) {
            swap.run();
            return;
        }
        if (!onEventLoop(swap)) {
            head.release();
            return;
        }
        try {
            switched.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The name of this handler in the pipeline: upgrades install their handlers before it. */
    static final String NAME = "connection";
    /** The name of the HTTP request decoder, before this handler. */
    static final String DECODER = "decoder";

    @Override
    public void closeGracefully() {
        closeWhenIdle();
    }

    /** For a graceful stop: finish the requests already received, then close. */
    void closeWhenIdle() {
        onEventLoop(() -> {
            draining = true;
            if (queued.get() != 0 || reading != null) {
                unparkWorker(); // it closes the connection once its requests are done
                return;
            }
            // A file still on its way out is let finish first.
            ChannelFuture file = lastFileWrite;
            if (file != null && !file.isDone()) file.addListener(f -> ctx.close());
            else ctx.close();
        });
    }

    void abort(Exchange exchange) {
        closing = true;
        exchange.body().discard();
        // Flush first: responses to earlier pipelined requests may still wait for a flush.
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void awaitWritable() {
        waitUntilWritable();
        if (closed) throw new ClientGoneException();
    }

    /**
     * Blocks the handler thread while the client is not taking what was written, until it is gone.
     * A client that takes nothing for the write timeout is closed: a reader that stalls must not
     * hold a connection and a thread for ever.
     */
    private void waitUntilWritable() {
        // A request run on the event loop cannot wait for the loop: what it writes is buffered.
        if (channel.isWritable() || closed || ctx.executor().inEventLoop()) return;
        long timeout = TimeUnit.MILLISECONDS.toNanos(settings.writeTimeoutMillis());
        boolean interrupted = false;
        writeLock.lock();
        try {
            long deadline = System.nanoTime() + timeout;
            while (!channel.isWritable() && !closed) {
                long left = timeout > 0 ? deadline - System.nanoTime() : Long.MAX_VALUE;
                if (left <= 0) {
                    log.debug("Closing connection from {}: the client stopped reading", channel.remoteAddress());
                    ctx.close();
                    writable.awaitUninterruptibly(); // until channelInactive marks it closed
                    continue;
                }
                try {
                    writable.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            writeLock.unlock();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private void signalWriters() {
        writeLock.lock();
        try {
            writable.signalAll();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Closes after a final response. If the client may still be sending a request we will not
     * read, half-close and drain for a moment first, so it reads our answer instead of a reset.
     */
    private void closeAfterResponse() {
        if (closed) return;
        boolean unreadInput = reading != null || rejecting;
        if (!unreadInput || !(channel instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        rejecting = true;
        reading = null;
        duplex.shutdownOutput();
        readBlockers = 0;
        channel.config().setAutoRead(true);
        ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} on the event loop, at once when called there (a request run on the loop
     * must write in order with what it wrote before); false when the loop has shut down.
     */
    private boolean onEventLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
            return true;
        }
        try {
            ctx.executor().execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    // ---- facts about the connection -----------------------------------------------------------

    ByteBufAllocator alloc() {
        return channel.alloc();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isSecure() {
        return secure;
    }

    InetSocketAddress remoteAddress() {
        return channel.remoteAddress() instanceof InetSocketAddress address ? address : IN_PROCESS;
    }
}
