package kemal.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.List;

/**
 * The HTTP/1.x request decoder, able to hold back the bytes that follow an Upgrade request: they
 * may already belong to the new protocol (a WebSocket frame sent right behind the handshake). They
 * stay undecoded until the upgrade is answered; removing the decoder at the switch hands them to
 * the new protocol's handlers, and an upgrade answered in HTTP decodes them as HTTP.
 *
 * <p>Netty's {@code singleDecode} is not enough: the decoder reads the next message before it
 * looks at that flag again, so a flag set while the upgrade request is handed on comes too late.
 */
final class RequestDecoder extends HttpRequestDecoder {
    private boolean holding;

    RequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** Decodes nothing more until {@link #resume}. On the event loop. */
    void hold() {
        holding = true;
    }

    /** Decodes, as HTTP, what was held back. On the event loop; {@code ctx} is this decoder's context. */
    void resume(ChannelHandlerContext ctx) throws Exception {
        holding = false;
        channelRead(ctx, Unpooled.EMPTY_BUFFER); // runs the decode loop over the bytes it kept
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (!holding) super.decode(ctx, in, out);
    }
}
