package bench.netty;

import static io.netty.handler.codec.http.HttpHeaderNames.CONTENT_LENGTH;
import static io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE;
import static io.netty.handler.codec.http.HttpResponseStatus.OK;
import static io.netty.handler.codec.http.HttpVersion.HTTP_1_1;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code GET /static/NAME}: a file of one folder, the minimal way on raw Netty: the head, then
 * the file as a {@link DefaultFileRegion} (sendfile on epoll and NIO), then the end. No
 * subfolders, no caching headers, no ranges; a name it does not serve falls through to the
 * routes (and so to their 404).
 */
final class StaticFiles {
    private static final String PREFIX = "/static/";
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");

    /** The folder, or null: then nothing is static. */
    private final Path folder;

    /** @param folder the folder served under {@code /static/}, or null for none */
    StaticFiles(Path folder) {
        this.folder = folder == null ? null : folder.toAbsolutePath().normalize();
    }

    /**
     * Writes the file {@code request} asks for and returns true, or returns false when it is not
     * a static file. Flushes when {@code flush} (else the caller flushes after the read batch).
     */
    boolean serve(ChannelHandlerContext ctx, BenchRequest request, boolean flush) {
        Path file = find(request);
        if (file == null) return false;
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            size = channel.size();
        } catch (IOException unreadable) {
            return false;
        }
        HttpResponse response = new DefaultHttpResponse(HTTP_1_1, OK);
        response.headers().set(CONTENT_TYPE, file.toString().endsWith(".txt") ? TEXT_PLAIN : OCTET_STREAM)
                .set(CONTENT_LENGTH, size);
        HttpUtil.setKeepAlive(response, request.keepAlive());
        ctx.write(response);
        // The region closes the channel once it has been sent (or dropped).
        ctx.write(new DefaultFileRegion(channel, 0, size));
        ChannelFuture last = flush
                ? ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                : ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!request.keepAlive()) last.addListener(ChannelFutureListener.CLOSE);
        return true;
    }

    /** The regular file directly in the folder that a GET names, or null. */
    private Path find(BenchRequest request) {
        if (folder == null || !request.method().equals(HttpMethod.GET)) return null;
        String path = new QueryStringDecoder(request.uri()).path();
        if (!path.startsWith(PREFIX)) return null;
        String name = path.substring(PREFIX.length());
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) return null;
        Path file = folder.resolve(name);
        return Files.isRegularFile(file) ? file : null;
    }
}
