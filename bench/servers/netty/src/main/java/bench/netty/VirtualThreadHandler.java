package bench.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * The naive hand-off: each request starts a new virtual thread, which builds the response and
 * writes and flushes it itself (Netty queues the write back onto the event loop). It measures
 * what the hop to a virtual thread costs, nothing smarter: pipelined requests of one connection
 * run concurrently and may be answered out of order, which a real server (Kemal's one queue per
 * connection) must not do. The bench's pipelined run asks for identical {@code /plaintext}
 * responses, so the order does not change what it counts.
 */
@ChannelHandler.Sharable
final class VirtualThreadHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final StaticFiles statics;

    VirtualThreadHandler(StaticFiles statics) {
        this.statics = statics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        BenchRequest request = BenchRequest.of(msg);
        Thread.startVirtualThread(() -> {
            if (!statics.serve(ctx, request, true)) BenchRoutes.write(ctx, request, BenchRoutes.answer(request), true);
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
