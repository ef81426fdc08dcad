package bench.wsload;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import java.util.concurrent.CompletableFuture;

/**
 * One connection's closed loop: once started it keeps {@code window} messages in flight, sending
 * the next as each echo arrives, and records each echo's round trip (echoes come back in the order
 * sent, so a ring of send times is enough). Lives on the event loop.
 */
final class EchoLoop extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final ByteBuf message;
    private final int window;
    private final Recorder recorder;
    private final long[] sentAt;
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private ChannelHandlerContext ctx;
    private int oldest;
    private int inFlight;
    private boolean sending;
    private boolean lost;

    EchoLoop(ByteBuf message, int window, Recorder recorder) {
        this.message = message;
        this.window = window;
        this.recorder = recorder;
        this.sentAt = new long[window];
    }

    /** Completes when the WebSocket is open, or fails with why it could not be. */
    CompletableFuture<Void> handshake() {
        return handshake;
    }

    /** Fills the window (on the event loop). */
    void start() {
        sending = true;
        while (inFlight < window) send();
    }

    /** Sends no more messages; the echoes of those in flight are still counted. */
    void stop() {
        sending = false;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            this.ctx = ctx;
            handshake.complete(null);
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            handshake.completeExceptionally(new IllegalStateException("the handshake timed out"));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame echo) {
        long now = System.nanoTime();
        if (inFlight == 0) {
            recorder.echo(0, false); // an answer to nothing we sent
            return;
        }
        long sent = sentAt[oldest];
        oldest = (oldest + 1) % window;
        inFlight--;
        recorder.echo(now - sent, echo.content().equals(message));
        if (sending) send();
    }

    private void send() {
        sentAt[(oldest + inFlight) % window] = System.nanoTime();
        inFlight++;
        ctx.writeAndFlush(new TextWebSocketFrame(message.retainedDuplicate()), ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!handshake.isDone()) {
            handshake.completeExceptionally(new IllegalStateException("the server closed the connection"));
        } else {
            lose(); // the server dropped the connection under load
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshake.completeExceptionally(cause)) lose();
        ctx.close();
    }

    /** Counts a connection lost while the load runs, once. */
    private void lose() {
        if (sending && !lost) {
            lost = true;
            recorder.error();
        }
    }
}
