package kemal.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;

/** The pipeline of every connection: [TLS] → HTTP/1.x request decoder → {@link HttpConnection}. */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    private final ServerSettings settings;
    private final SslContext sslContext;
    private final ChannelGroup connections;

    HttpChannelInitializer(ServerSettings settings, SslContext sslContext, ChannelGroup connections) {
        this.settings = settings;
        this.sslContext = sslContext;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch); // so a graceful stop can find it
        ChannelPipeline pipeline = ch.pipeline();
        if (sslContext != null) {
            pipeline.addLast("tls", sslContext.newHandler(ch.alloc()));
        }
        HttpDecoderConfig decoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineSize())
                .setMaxHeaderSize(settings.maxHeadersSize())
                .setMaxChunkSize(64 * 1024)
                .setAllowDuplicateContentLengths(false)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true);
        pipeline.addLast(HttpConnection.DECODER, new RequestDecoder(decoderConfig));
        pipeline.addLast(HttpConnection.NAME, new HttpConnection(settings, sslContext != null));
    }
}
