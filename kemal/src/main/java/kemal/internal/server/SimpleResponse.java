package kemal.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import kemal.internal.http.DateHeader;
import kemal.internal.http.HeadEncoder;
import kemal.internal.http.StatusLines;

/**
 * The plain-text responses the engine sends on its own, outside any application: malformed
 * requests and handler crashes. Body {@code "<code> <reason>\n"}.
 */
final class SimpleResponse {
    private SimpleResponse() {}

    static ByteBuf encode(ByteBufAllocator alloc, int status, String reason, boolean keepAlive) {
        byte[] body = (status + " " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = alloc.buffer(256 + body.length);
        buf.writeBytes(StatusLines.line(status));
        buf.writeCharSequence(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n", StandardCharsets.US_ASCII);
        buf.writeCharSequence("Content-Type: text/plain; charset=utf-8\r\n", StandardCharsets.US_ASCII);
        buf.writeBytes(DateHeader.line());
        buf.writeCharSequence("Content-Length: ", StandardCharsets.US_ASCII);
        HeadEncoder.writeDecimal(buf, body.length);
        buf.writeCharSequence("\r\n\r\n", StandardCharsets.US_ASCII);
        buf.writeBytes(body);
        return buf;
    }
}
