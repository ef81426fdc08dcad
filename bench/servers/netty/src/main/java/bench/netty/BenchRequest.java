package bench.netty;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/**
 * What the routes need from a request, copied out of Netty's reference-counted message, which
 * is released as soon as the handler returns (before a virtual thread may get to it).
 */
record BenchRequest(HttpMethod method, String uri, String body, boolean keepAlive) {
    static BenchRequest of(FullHttpRequest request) {
        String body = request.content().isReadable() ? request.content().toString(StandardCharsets.UTF_8) : "";
        return new BenchRequest(request.method(), request.uri(), body, HttpUtil.isKeepAlive(request));
    }
}
