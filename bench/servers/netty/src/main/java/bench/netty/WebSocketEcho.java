package bench.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * {@code ws /ws}: sends every text message back. Netty's {@code WebSocketServerProtocolHandler},
 * just before it in the pipeline, does the handshake, pings and the closing handshake; this
 * handler sees only text frames (anything else passes on to the HTTP handler).
 *
 * <p>By default it echoes on the event loop, flushing once per socket read like the HTTP
 * handler. With {@code --virtual} each message is handed to a new virtual thread that writes and
 * flushes the echo: the naive hand-off again, what a callback on a virtual thread costs. (With
 * one message in flight per connection the order cannot change.) One instance per connection.
 */
final class WebSocketEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private final boolean virtual;
    private boolean unflushed;

    WebSocketEcho(boolean virtual) {
        this.virtual = virtual;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        if (virtual) {
            String text = frame.text();
            Thread.startVirtualThread(() -> ctx.writeAndFlush(new TextWebSocketFrame(text)));
        } else {
            ctx.write(new TextWebSocketFrame(frame.content().retain()));
            unflushed = true;
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }
}
