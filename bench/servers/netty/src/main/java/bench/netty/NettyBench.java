package bench.netty;

import bench.ServerArgs;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The bench routes on raw Netty: {@code HttpServerCodec}, an aggregator and one handler. By
 * default the handler answers on the event loop, which is the ceiling for Kemal's engine (same
 * Netty, same transport, nothing else). With {@code --virtual} every request is handed to a new
 * virtual thread that writes the response back: the naive hand-off, to compare with Kemal's.
 *
 * <pre>
 * java -jar bench/servers/netty/target/netty.jar --port 3000 [--virtual] [--public bench/public]
 * </pre>
 *
 * With {@code --public DIR}, {@code GET /static/NAME} sends {@code DIR/static/NAME} with a
 * minimal handler of our own ({@link StaticFiles}): raw Netty has no static-file support.
 *
 * <p>{@code ws /ws} echoes text messages through Netty's {@code WebSocketServerProtocolHandler}
 * and {@link WebSocketEcho}, on the event loop (with {@code --virtual}, on a virtual thread per
 * message).
 */
public final class NettyBench {
    /** Bodies of bench requests are a few bytes; anything bigger is refused with 413. */
    private static final int MAX_BODY = 64 * 1024;
    /** The WebSocket echo: Netty's own handshake and framing, {@link WebSocketEcho} after it. */
    private static final String WEBSOCKET_PATH = "/ws";

    private NettyBench() {}

    public static void main(String[] args) throws InterruptedException {
        ServerArgs cli = ServerArgs.parse("netty", args, "--virtual");
        StaticFiles statics = new StaticFiles(cli.staticFolder());
        boolean virtual = cli.has("--virtual");
        ChannelHandler handler = virtual ? new VirtualThreadHandler(statics) : new EventLoopHandler(statics);
        WebSocketServerProtocolConfig webSocket = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WEBSOCKET_PATH)
                .checkStartsWith(false)
                .build();
        // Native epoll when available, as Kemal uses it: the ceiling must use the same transport.
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;

        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, io);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(io);
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                    new WebSocketServerProtocolHandler(webSocket), new WebSocketEcho(virtual), handler);
                        }
                    })
                    .bind(cli.port()).sync().channel();
            System.out.println("netty (" + (epoll ? "epoll" : "nio") + ", "
                    + (virtual ? "virtual thread per request" : "event loop")
                    + ") listening on port " + cli.port());
            server.closeFuture().sync();
        } finally {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }
}
