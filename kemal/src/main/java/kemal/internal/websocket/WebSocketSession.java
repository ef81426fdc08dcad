package kemal.internal.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import kemal.WebSocket;
import kemal.internal.concurrent.SerialExecutor;
import kemal.internal.server.GracefulClose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket after the handshake: the last handler of its pipeline (after Netty's frame
 * decoder, optional permessage-deflate and UTF-8 validation). On the event loop it joins
 * fragments, answers pings and runs the closing handshake; the user's callbacks run in order on
 * the socket's own virtual thread. Sends may come from any thread.
 */
public final class WebSocketSession extends ChannelInboundHandlerAdapter implements WebSocket, GracefulClose {
    private static final Logger log = LoggerFactory.getLogger(WebSocketSession.class);
    /** A client that reads this far behind is dropped rather than buffered without end. */
    private static final long MAX_PENDING_OUTBOUND = 16L * 1024 * 1024;
    /** How long we wait for the client's answer to our close frame before closing the TCP connection. */
    private static final long CLOSE_TIMEOUT_MILLIS = 5000;

    private final WebSocketSettings settings;
    private final SerialExecutor callbacks = new SerialExecutor("kemal-websocket");
    private final AtomicBoolean closeNotified = new AtomicBoolean();
    private volatile Channel channel;
    private volatile boolean closing;
    private volatile int sentCloseCode = 1006;
    private volatile String sentCloseReason = "";

    private volatile Consumer<String> onMessage;
    private volatile Consumer<byte[]> onBinary;
    private volatile Consumer<String> onPing;
    private volatile Consumer<String> onPong;
    private volatile BiConsumer<Integer, String> onClose;

    // Event-loop state.
    private CompositeByteBuf fragments;
    private boolean fragmentsAreText;
    private long lastRead = System.nanoTime();
    private boolean heartbeatPinged;
    private ScheduledFuture<?> heartbeat;

    public WebSocketSession(WebSocketSettings settings) {
        this.settings = settings;
    }

    /** Lets callbacks run: called once the route's block has registered them. */
    public void start() {
        callbacks.start();
    }

    // ---- the pipeline ------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        long idle = settings.idleTimeoutMillis();
        if (idle > 0) {
            heartbeat = ctx.executor().scheduleAtFixedRate(this::checkIdle, idle, idle, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        heartbeatPinged = false;
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            switch (frame) {
                case TextWebSocketFrame text -> onDataFrame(text, true);
                case BinaryWebSocketFrame binary -> onDataFrame(binary, false);
                case ContinuationWebSocketFrame continuation -> onContinuation(continuation);
                case PingWebSocketFrame ping -> {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retainedDuplicate()));
                    String text = ping.content().toString(StandardCharsets.UTF_8);
                    dispatch(() -> call(onPing, text));
                }
                case PongWebSocketFrame pong -> {
                    String text = pong.content().toString(StandardCharsets.UTF_8);
                    dispatch(() -> call(onPong, text));
                }
                case CloseWebSocketFrame close -> onCloseFrame(close);
                default -> { }
            }
        } finally {
            frame.release();
        }
    }

    private void onDataFrame(WebSocketFrame frame, boolean text) {
        if (fragments != null) {
            closeForError(1002, "A new message started before the previous one ended");
            return;
        }
        if (frame.isFinalFragment()) {
            deliver(frame.content(), text);
            return;
        }
        fragments = channel.alloc().compositeBuffer(64);
        fragmentsAreText = text;
        append(frame.content());
    }

    private void onContinuation(ContinuationWebSocketFrame frame) {
        if (fragments == null) {
            closeForError(1002, "A continuation frame without a message to continue");
            return;
        }
        if (!append(frame.content())) return;
        if (frame.isFinalFragment()) {
            CompositeByteBuf message = fragments;
            fragments = null;
            try {
                deliver(message, fragmentsAreText);
            } finally {
                message.release();
            }
        }
    }

    /** Adds a fragment, closing with 1009 when the message grows past the limit. */
    private boolean append(ByteBuf content) {
        if (fragments.readableBytes() + (long) content.readableBytes() > settings.maxMessageSize()) {
            closeForError(1009, "Message too big");
            return false;
        }
        fragments.addComponent(true, content.retain());
        return true;
    }

    private void deliver(ByteBuf content, boolean text) {
        if (text) {
            String message = content.toString(StandardCharsets.UTF_8);
            dispatch(() -> call(onMessage, message));
        } else {
            byte[] message = ByteBufUtil.getBytes(content);
            dispatch(() -> call(onBinary, message));
        }
    }

    private void onCloseFrame(CloseWebSocketFrame frame) {
        int code = frame.statusCode() == -1 ? 1005 : frame.statusCode();
        String reason = frame.reasonText() == null ? "" : frame.reasonText();
        if (closing) {
            // The client answered our close: the handshake is complete.
            channel.close();
        } else {
            closing = true;
            // Echo the code (RFC 6455 §5.5.1), then close the TCP connection.
            CloseWebSocketFrame echo = code == 1005 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
            channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
        }
        notifyClose(code, reason);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // Netty's decoder already sent the close frame (1002, 1007 or 1009) and closes.
            closing = true;
            notifyClose(corrupted.closeStatus().code(), corrupted.getMessage());
        } else if (cause instanceof CorruptedFrameException) {
            closeForError(1002, "Protocol error");
        } else {
            log.debug("WebSocket error on {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (heartbeat != null) heartbeat.cancel(false);
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
        closing = true;
        notifyClose(sentCloseCode, sentCloseReason);
        ctx.fireChannelInactive();
    }

    /** Pings a quiet client once; closes if it stays quiet for another period. */
    private void checkIdle() {
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRead);
        if (idle < settings.idleTimeoutMillis() || closing) return;
        if (!heartbeatPinged) {
            heartbeatPinged = true;
            channel.writeAndFlush(new PingWebSocketFrame());
        } else {
            close(1001, "Idle timeout");
        }
    }

    private void closeForError(int code, String reason) {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
        close(code, reason);
    }

    // ---- WebSocket ---------------------------------------------------------------------------

    @Override
    public void send(String message) {
        write(new TextWebSocketFrame(message));
    }

    @Override
    public void send(byte[] message) {
        write(new BinaryWebSocketFrame(io.netty.buffer.Unpooled.wrappedBuffer(message.clone())));
    }

    @Override
    public void ping() {
        write(new PingWebSocketFrame());
    }

    @Override
    public void ping(String message) {
        write(new PingWebSocketFrame(io.netty.buffer.Unpooled.copiedBuffer(message, StandardCharsets.UTF_8)));
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
        Channel ch = channel;
        if (closing || ch == null) return;
        closing = true;
        sentCloseCode = code;
        sentCloseReason = reason == null ? "" : reason;
        ch.writeAndFlush(new CloseWebSocketFrame(code, sentCloseReason));
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
        return closing || ch == null || !ch.isActive();
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

    private void write(WebSocketFrame frame) {
        Channel ch = channel;
        if (closing || ch == null || !ch.isActive()) {
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
        callbacks.execute(callback);
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
    }
}
