package kemal.internal.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import kemal.WebSocket;
import kemal.internal.server.GracefulClose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket after the handshake: the last handler of its pipeline, after Netty's frame
 * decoder. On the event loop it checks what the frame decoder leaves to the endpoint (reserved
 * bits, close codes, UTF-8, message size), inflates compressed messages, joins fragments,
 * answers pings and runs the closing handshake; the user's callbacks run in order on the
 * socket's own virtual thread, which parks between messages until the socket closes (on the
 * event loop for a non-blocking route). Sends may come from any thread; nothing is sent after a
 * close frame.
 */
public final class WebSocketSession extends ChannelDuplexHandler implements WebSocket, GracefulClose {
    private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);
    /** A client that reads this far behind is dropped rather than buffered without end. */
    private static final long MAX_PENDING_OUTBOUND = 16L * 1024 * 1024;
    /** How long we wait for the client's answer to our close frame before closing the TCP connection. */
    private static final long CLOSE_TIMEOUT_MILLIS = 5000;
    /** RFC 7692: the first frame of a compressed message carries RSV1. */
    private static final int RSV1 = 0x4;
    /** After failing a connection, how long input is still read (and dropped) before closing. */
    private static final long LINGER_MILLIS = 2000;

    private final WebSocketSettings settings;
    /** Inflates compressed messages; null when permessage-deflate was not negotiated. */
    private final MessageInflater inflater;
    private final Callbacks callbacks;
    /** The close began (a close frame from either side, a failure) or the connection is gone: no more sends. */
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closeNotified = new AtomicBoolean();
    private volatile Channel channel;
    private volatile int sentCloseCode = 1006;
    private volatile String sentCloseReason = "";

    private volatile Consumer<String> onMessage;
    private volatile Consumer<byte[]> onBinary;
    private volatile Consumer<String> onPing;
    private volatile Consumer<String> onPong;
    private volatile BiConsumer<Integer, String> onClose;

    // Event-loop state.
    /** The data message being received (fragments joined, inflated when compressed), or null. */
    private CompositeByteBuf message;
    private boolean messageIsText;
    private boolean messageIsCompressed;
    /** We failed the connection (RFC 6455 §7.1.7): whatever else arrives is dropped. */
    private boolean failed;
    /** A close frame went out: data frames written after it are dropped (RFC 6455 §5.5.1). */
    private boolean closeSent;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private long lastRead = System.nanoTime();
    private boolean heartbeatPinged;
    private ScheduledFuture<?> heartbeat;

    /**
     * @param inflater set when permessage-deflate was negotiated
     * @param callbacksOnEventLoop the route is non-blocking: its callbacks run on the event loop
     */
    WebSocketSession(WebSocketSettings settings, MessageInflater inflater, boolean callbacksOnEventLoop) {
        this.settings = settings;
        this.inflater = inflater;
        this.callbacks = callbacksOnEventLoop ? Callbacks.onEventLoop() : Callbacks.onVirtualThread();
    }

    /** Lets callbacks run: called once the route's block has registered them. */
    void start() {
        if (channel == null) {
            // The client left before the handshake was complete: the pipeline never got us.
            closing.set(true);
            notifyClose(1006, "");
        }
        callbacks.start(channel);
    }

    // ---- the pipeline ------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (!channel.isActive()) {
            // Gone during the switch: channelInactive has passed already and will not reach us.
            closing.set(true);
            if (inflater != null) inflater.end();
            notifyClose(1006, "");
            return;
        }
        if (settings.idleTimeoutMillis() > 0) scheduleIdleCheck(settings.idleTimeoutMillis());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            if (failed) ReferenceCountUtil.release(msg); // raw bytes once the frame decoder is gone
            else ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (failed) return;
            lastRead = System.nanoTime();
            heartbeatPinged = false;
            switch (frame) {
                case TextWebSocketFrame text -> onDataFrame(text, true);
                case BinaryWebSocketFrame binary -> onDataFrame(binary, false);
                case ContinuationWebSocketFrame continuation -> onContinuation(continuation);
                case PingWebSocketFrame ping -> {
                    if (!checkControlFrame(ping)) return;
                    channel.writeAndFlush(new PongWebSocketFrame(ping.content().retainedDuplicate()), channel.voidPromise());
                    String text = ping.content().toString(StandardCharsets.UTF_8);
                    dispatch(() -> call(onPing, text));
                }
                case PongWebSocketFrame pong -> {
                    if (!checkControlFrame(pong)) return;
                    String text = pong.content().toString(StandardCharsets.UTF_8);
                    dispatch(() -> call(onPong, text));
                }
                case CloseWebSocketFrame close -> {
                    if (checkControlFrame(close)) onCloseFrame(close);
                }
                default -> fail(1002, "Unexpected frame");
            }
        } finally {
            frame.release();
        }
    }

    /** Control frames are never compressed (RFC 7692 §6.1) and define no reserved bit. */
    private boolean checkControlFrame(WebSocketFrame frame) {
        if (frame.rsv() == 0) return true;
        fail(1002, "Reserved bits set on a control frame");
        return false;
    }

    private void onDataFrame(WebSocketFrame frame, boolean text) {
        if (message != null) {
            fail(1002, "A new message started before the previous one ended");
            return;
        }
        boolean compressed = inflater != null && frame.rsv() == RSV1;
        if (frame.rsv() != 0 && !compressed) {
            fail(1002, "Reserved bits set without an extension that defines them");
            return;
        }
        ByteBuf content = frame.content();
        if (frame.isFinalFragment() && !compressed) {
            // The common case: one uncompressed frame, delivered without copying it together.
            if (content.readableBytes() > settings.maxMessageSize()) fail(1009, "Message too big");
            else deliver(content, text);
            return;
        }
        message = channel.alloc().compositeBuffer(64);
        messageIsText = text;
        messageIsCompressed = compressed;
        if (append(content, frame.isFinalFragment()) && frame.isFinalFragment()) finishMessage();
    }

    private void onContinuation(ContinuationWebSocketFrame frame) {
        if (message == null) {
            fail(1002, "A continuation frame without a message to continue");
            return;
        }
        if (frame.rsv() != 0) {
            fail(1002, "Reserved bits set on a continuation frame");
            return;
        }
        if (append(frame.content(), frame.isFinalFragment()) && frame.isFinalFragment()) finishMessage();
    }

    /** Adds a fragment (inflated if the message is compressed); fails with 1009 past the size limit. */
    private boolean append(ByteBuf content, boolean last) {
        int limit = settings.maxMessageSize();
        if (messageIsCompressed) {
            try {
                inflater.inflate(content, last, message, limit);
                return true;
            } catch (MessageInflater.TooBigException e) {
                fail(1009, "Message too big");
            } catch (DataFormatException e) {
                fail(1007, "Invalid compressed data");
            }
            return false;
        }
        if (message.readableBytes() + (long) content.readableBytes() > limit) {
            fail(1009, "Message too big");
            return false;
        }
        message.addComponent(true, content.retain());
        return true;
    }

    private void finishMessage() {
        CompositeByteBuf whole = message;
        message = null;
        try {
            deliver(whole, messageIsText);
        } finally {
            whole.release();
        }
    }

    private void deliver(ByteBuf content, boolean text) {
        if (text) {
            String message = decodeUtf8(content);
            if (message == null) fail(1007, "Invalid UTF-8 in a text message");
            else dispatch(() -> call(onMessage, message));
        } else {
            byte[] message = ByteBufUtil.getBytes(content);
            dispatch(() -> call(onBinary, message));
        }
    }

    /** The text, or null when the bytes are not UTF-8 (surrogates and overlong forms included). */
    private String decodeUtf8(ByteBuf bytes) {
        if (!bytes.isReadable()) return "";
        try {
            return utf8.reset().decode(bytes.nioBuffer()).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void onCloseFrame(CloseWebSocketFrame frame) {
        int code = 1005;
        String reason = "";
        ByteBuf content = frame.content();
        if (content.readableBytes() >= 2) { // one byte is refused by the frame decoder
            code = content.getUnsignedShort(content.readerIndex());
            if (!isValidCloseCode(code)) {
                fail(1002, "Invalid close code " + code);
                return;
            }
            reason = decodeUtf8(content.slice(content.readerIndex() + 2, content.readableBytes() - 2));
            if (reason == null) {
                fail(1007, "Invalid UTF-8 in the close reason");
                return;
            }
        }
        releaseMessage();
        if (closing.compareAndSet(false, true)) {
            // The client closes: echo its code (RFC 6455 §5.5.1), then close the TCP connection.
            CloseWebSocketFrame echo = code == 1005 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
            channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
        } else {
            // The client answered our close: the handshake is complete.
            channel.close();
        }
        notifyClose(code, reason);
    }

    /** Close codes an endpoint may send (RFC 6455 §7.4, and the IANA registry's 1012-1014). */
    private static boolean isValidCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * Fails the connection (RFC 6455 §7.1.7): a close frame with {@code code}, then the TCP close,
     * and nothing more that arrives is processed.
     */
    private void fail(int code, String reason) {
        releaseMessage();
        if (failed) return;
        failed = true;
        closing.set(true);
        // Nothing more is decoded: what arrives from now on is dropped as it comes (the
        // decoder's own discarding goes a byte per call, too slow for a client mid-megabyte).
        WebSocketFrameDecoder decoder = channel.pipeline().get(WebSocketFrameDecoder.class);
        if (decoder != null) channel.pipeline().remove(decoder);
        String text = truncate(reason);
        channel.writeAndFlush(new CloseWebSocketFrame(code, text)).addListener((ChannelFutureListener) this::lingerThenClose);
        notifyClose(code, text);
    }

    /**
     * Closes after failing: the client may still be sending (the rest of an oversized frame), and
     * closing with unread input would reset the connection and could destroy our close frame on
     * its way. So the output side closes first, and what arrives is read and dropped for a moment.
     */
    private void lingerThenClose(ChannelFuture closeFrameWritten) {
        Channel ch = closeFrameWritten.channel();
        if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
            ch.close();
            return;
        }
        duplex.shutdownOutput();
        ch.config().setAutoRead(true);
        ch.eventLoop().schedule(() -> {
            ch.close();
        }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A close reason fits in a control frame: at most 123 bytes of UTF-8. */
    private static String truncate(String reason) {
        if (reason == null) return "";
        String text = reason;
        while (text.getBytes(StandardCharsets.UTF_8).length > 123) text = text.substring(0, text.length() - 1);
        return text;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // The frame decoder found a violation (1002) or an oversized frame (1009); it drops
            // what else arrives.
            fail(corrupted.closeStatus().code(), corrupted.getMessage());
        } else if (cause instanceof CorruptedFrameException) {
            fail(1002, "Protocol error");
        } else {
            log.debug("WebSocket error on {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof WebSocketFrame frame && closeSent) {
            frame.release();
            promise.trySuccess();
            return;
        }
        if (msg instanceof CloseWebSocketFrame) closeSent = true;
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (heartbeat != null) heartbeat.cancel(false);
        releaseMessage();
        if (inflater != null) inflater.end();
        closing.set(true);
        notifyClose(sentCloseCode, sentCloseReason);
        ctx.fireChannelInactive();
    }

    private void scheduleIdleCheck(long delayMillis) {
        heartbeat = channel.eventLoop().schedule(this::checkIdle, delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * A client silent for the idle timeout gets a ping; silent for another timeout, it is closed
     * with 1001. Any frame from it (the pong too) starts the clock again.
     */
    private void checkIdle() {
        if (closing.get() || !channel.isActive()) return;
        long timeout = settings.idleTimeoutMillis();
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRead);
        if (idle < timeout) {
            scheduleIdleCheck(timeout - idle);
        } else if (!heartbeatPinged) {
            heartbeatPinged = true;
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
            scheduleIdleCheck(timeout);
        } else {
            close(1001, "Idle timeout");
        }
    }

    private void releaseMessage() {
        if (message != null) {
            message.release();
            message = null;
        }
    }

    // ---- WebSocket ---------------------------------------------------------------------------

    @Override
    public void send(String message) {
        // Encoded straight into a pooled direct buffer: no heap copy for the socket to copy again.
        write(new TextWebSocketFrame(ByteBufUtil.writeUtf8(alloc(), message)));
    }

    @Override
    public void send(byte[] message) {
        write(new BinaryWebSocketFrame(alloc().buffer(message.length).writeBytes(message)));
    }

    @Override
    public void ping() {
        write(new PingWebSocketFrame());
    }

    @Override
    public void ping(String message) {
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        if (payload.length > 125) {
            throw new IllegalArgumentException("A ping carries at most 125 bytes, not " + payload.length);
        }
        write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    }

    @Override
    public void pong() {
        write(new PongWebSocketFrame());
    }

    @Override
    public void close() {
        close(1000, "");
    }

    @Override
    public void close(int code, String reason) {
        String text = reason == null ? "" : reason;
        if (!isValidCloseCode(code)) throw new IllegalArgumentException("Not a close code an endpoint may send: " + code);
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        if (length > 123) throw new IllegalArgumentException("A close reason has at most 123 bytes, not " + length);
        Channel ch = channel;
        if (ch == null || !closing.compareAndSet(false, true)) return;
        sentCloseCode = code;
        sentCloseReason = text;
        ch.writeAndFlush(new CloseWebSocketFrame(code, text), ch.voidPromise());
        ch.eventLoop().schedule(() -> {
            ch.close();
        }, CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** For a graceful stop of the server: 1001 Going Away. */
    @Override
    public void closeGracefully() {
        close(1001, "Server shutting down");
    }

    @Override
    public boolean isClosed() {
        Channel ch = channel;
        return closing.get() || ch == null || !ch.isActive();
    }

    @Override
    public WebSocket onMessage(Consumer<String> callback) {
        onMessage = callback;
        return this;
    }

    @Override
    public WebSocket onBinary(Consumer<byte[]> callback) {
        onBinary = callback;
        return this;
    }

    @Override
    public WebSocket onPing(Consumer<String> callback) {
        onPing = callback;
        return this;
    }

    @Override
    public WebSocket onPong(Consumer<String> callback) {
        onPong = callback;
        return this;
    }

    @Override
    public WebSocket onClose(BiConsumer<Integer, String> callback) {
        onClose = callback;
        return this;
    }

    // ---- internals ---------------------------------------------------------------------------

    private ByteBufAllocator alloc() {
        Channel ch = channel;
        return ch != null ? ch.alloc() : ByteBufAllocator.DEFAULT; // not yet attached: write() drops it
    }

    private void write(WebSocketFrame frame) {
        Channel ch = channel;
        if (closing.get() || ch == null || !ch.isActive()) {
            frame.release();
            return;
        }
        if (ch.bytesBeforeWritable() > MAX_PENDING_OUTBOUND) {
            frame.release();
            log.warn("Closing WebSocket {}: it is more than {} bytes behind", ch.remoteAddress(), MAX_PENDING_OUTBOUND);
            close(1008, "Too slow");
            return;
        }
        ch.writeAndFlush(frame, ch.voidPromise());
    }

    private void dispatch(Runnable callback) {
        callbacks.dispatch(callback, channel);
    }

    private static <T> void call(Consumer<T> callback, T value) {
        if (callback != null) callback.accept(value);
    }

    private void notifyClose(int code, String reason) {
        if (!closeNotified.compareAndSet(false, true)) return;
        dispatch(() -> {
            BiConsumer<Integer, String> callback = onClose;
            if (callback != null) callback.accept(code, reason);
        });
        callbacks.shutdown(); // the last callback
    }
}
