package bench.idle;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive connection: sends the GET once it is connected, and once the 200 is in, stays
 * idle, sending the GET again every refresh period when there is one. Tells the {@link Tally}
 * how it went, and {@code onSettled} once its first request is answered or has failed. Lives on
 * the event loop.
 */
final class HeldConnection extends SimpleChannelInboundHandler<FullHttpResponse> {
    /** How long a request may wait for its answer before the connection counts as failed. */
    static final long ANSWER_LIMIT_SECONDS = 30;

    private enum State { OPENING, IDLE, REFRESHING, ENDED }

    private final FullHttpRequest request;
    private final Tally tally;
    private final long refreshNanos;
    private final Runnable onSettled;
    private State state = State.OPENING;
    private long lastAnswer;
    private long sentAt;

    HeldConnection(FullHttpRequest request, Tally tally, long refreshNanos, Runnable onSettled) {
        this.request = request;
        this.tally = tally;
        this.refreshNanos = refreshNanos;
        this.onSettled = onSettled;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        send(ctx);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        String problem = response.status().code() != HttpResponseStatus.OK.code()
                ? "answered " + response.status()
                : !HttpUtil.isKeepAlive(response) ? "answered 200 but not keep-alive (Connection: close)" : null;
        long nextRefresh = refreshNanos;
        if (state == State.OPENING) {
            if (problem != null) {
                fail(ctx, problem);
                return;
            }
            tally.served();
            settle();
            // The first refresh at a random point of the period, so refreshes are spread evenly
            // over it rather than coming in the burst the connections were opened in.
            if (refreshNanos > 0) nextRefresh = 1 + ThreadLocalRandom.current().nextLong(refreshNanos);
        } else if (state == State.REFRESHING) {
            if (problem != null) {
                state = State.ENDED;
                tally.refreshError("a refresh " + problem);
                ctx.close();
                return;
            }
            tally.refreshed();
        } else {
            return; // an answer to nothing we asked: ignored, the connection stays
        }
        state = State.IDLE;
        lastAnswer = System.nanoTime();
        if (refreshNanos > 0) ctx.executor().schedule(() -> refresh(ctx), nextRefresh, TimeUnit.NANOSECONDS);
    }

    private void refresh(ChannelHandlerContext ctx) {
        if (state != State.IDLE || !ctx.channel().isActive()) return;
        state = State.REFRESHING;
        send(ctx);
    }

    private void send(ChannelHandlerContext ctx) {
        long sent = System.nanoTime();
        sentAt = sent;
        ctx.writeAndFlush(request.retainedDuplicate(), ctx.voidPromise());
        ctx.executor().schedule(() -> {
            if (sentAt == sent && (state == State.OPENING || state == State.REFRESHING)) {
                String problem = "no answer within " + ANSWER_LIMIT_SECONDS + " s";
                if (state == State.OPENING) {
                    fail(ctx, problem);
                } else {
                    state = State.ENDED;
                    tally.refreshError("a refresh got " + problem);
                    ctx.close();
                }
            }
        }, ANSWER_LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        switch (state) {
            case OPENING -> fail(ctx, "the server closed the connection before answering");
            case IDLE, REFRESHING -> {
                state = State.ENDED;
                if (!tally.stopping()) tally.closedByServer(System.nanoTime() - lastAnswer);
            }
            case ENDED -> { }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset shows up here before channelInactive, which counts the connection.
        if (state == State.OPENING) fail(ctx, describe(cause));
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        if (state != State.OPENING) return;
        state = State.ENDED;
        tally.failed(why);
        settle();
        ctx.close();
    }

    private void settle() {
        onSettled.run();
    }

    static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
