package bench.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Answers on the event loop. Responses are written as requests arrive and flushed once per
 * socket read, so a pipelined batch leaves in one syscall: the usual Netty idiom.
 */
@ChannelHandler.Sharable
final class EventLoopHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final StaticFiles statics;

    EventLoopHandler(StaticFiles statics) {
        this.statics = statics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        BenchRequest request = BenchRequest.of(msg);
        if (!statics.serve(ctx, request, false)) BenchRoutes.write(ctx, request, BenchRoutes.answer(request), false);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
