package bench.netty;

import static io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH;
import static io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE;
import static io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND;
import static io.netty.handler.codec.http.HttpResponseStatus.OK;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_1;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The four dynamic bench endpoints (the static one is {@link StaticFiles}), answered the same
 * whichever thread runs them.
 */
final class BenchRoutes {
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_PREFIX = "/hello/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The body of {@code GET /json}, serialised per request. */
    record Message(String message) {}

    private BenchRoutes() {}

    static FullHttpResponse answer(BenchRequest request) {
        QueryStringDecoder target = new QueryStringDecoder(request.uri());
        String path = target.path();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET)) {
            if (path.equals("/plaintext")) return response(OK, TEXT_PLAIN, HELLO);
            if (path.equals("/json")) {
                return response(OK, APPLICATION_JSON, JSON.writeValueAsBytes(new Message("Hello, World!")));
            }
            if (path.startsWith(HELLO_PREFIX) && path.length() > HELLO_PREFIX.length()
                    && path.indexOf('/', HELLO_PREFIX.length()) < 0) {
                return text(OK, "Hello back to " + path.substring(HELLO_PREFIX.length()));
            }
        } else if (method.equals(HttpMethod.POST) && path.equals("/echo")) {
            List<String> message = new QueryStringDecoder(request.body(), StandardCharsets.UTF_8, false)
                    .parameters().get("message");
            return text(OK, message == null ? "" : message.get(0));
        }
        return text(NOT_FOUND, "Not Found");
    }

    /** Writes {@code response}, closing the connection afterwards unless it is kept alive. */
    static ChannelFuture write(ChannelHandlerContext ctx, BenchRequest request, FullHttpResponse response, boolean flush) {
        HttpUtil.setKeepAlive(response, request.keepAlive());
        ChannelFuture written = flush ? ctx.writeAndFlush(response) : ctx.write(response);
        if (!request.keepAlive()) written.addListener(ChannelFutureListener.CLOSE);
        return written;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(HttpResponseStatus status, AsciiString type, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(CONTENT_TYPE, type).setInt(CONTENT_LENGTH, body.length);
        return response;
    }
}
