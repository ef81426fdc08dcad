package bench.wsload;

import bench.ToolArgs;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The WebSocket load generator of {@code bench/run.sh}: wrk's role for the {@code ws} row. Every
 * connection runs on one Netty event loop (one thread, as wrk runs with {@code -t1}), so the
 * script can pin it to the load core. Each connection keeps a fixed window of messages in flight
 * (default 1: send, wait for the echo, send the next), so throughput is what the server sustains
 * with that many outstanding messages, and latency is the plain round trip (a closed loop has no
 * coordinated omission to correct).
 *
 * <pre>
 * java -jar bench/wsload/target/wsload.jar --url ws://127.0.0.1:3000/ws --duration 10 --runs 3
 * </pre>
 *
 * Exit status: 0 after the runs, 1 when the connections cannot be opened or all are lost, 2 for
 * a bad command line.
 */
public final class WsLoad {
    private static final long CONNECT_LIMIT_SECONDS = 30;

    private final Options options;
    private final Recorder recorder = new Recorder();
    private final List<EchoLoop> loops = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    private WsLoad(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        ToolArgs.main("wsload", Options.USAGE, args, Options::parse, options -> new WsLoad(options).run());
    }

    private int run() throws Exception {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ByteBuf message = Unpooled.unreleasableBuffer(
                Unpooled.copiedBuffer(options.message(), StandardCharsets.UTF_8).asReadOnly());
        try {
            String problem = connect(group, epoll, message);
            if (problem != null) {
                System.err.println("wsload: " + problem);
                return 1;
            }
            System.err.printf("wsload: %d WebSockets open to %s (%s), %d message(s) in flight on each, %d-byte messages%n",
                    channels.size(), options.url(), epoll ? "epoll" : "nio", options.window(), message.readableBytes());
            onLoop(group, () -> loops.forEach(EchoLoop::start));
            if (options.warmupSeconds() > 0) {
                Thread.sleep(TimeUnit.SECONDS.toMillis(options.warmupSeconds()));
                Recorder.Window warm = onLoop(group, recorder::take);
                System.err.printf("wsload: warm-up %,.0f messages/s%n", warm.messages() / seconds(warm));
            } else {
                onLoop(group, recorder::take);
            }
            for (int run = 1; run <= options.runs(); run++) {
                long cpu0 = serverCpuTicks();
                Thread.sleep(TimeUnit.SECONDS.toMillis(options.durationSeconds()));
                Recorder.Window window = onLoop(group, recorder::take);
                long cpu1 = serverCpuTicks();
                System.out.println(resultLine(run, window, cpu0, cpu1));
                System.out.flush();
                System.err.printf("wsload: run %d/%d: %,.0f messages/s, p50 %.3f ms, p99 %.3f ms, errors %d, mismatches %d%n",
                        run, options.runs(), window.messages() / seconds(window), window.quantile(0.5) / 1e6,
                        window.quantile(0.99) / 1e6, window.errors(), window.mismatches());
                if (onLoop(group, () -> channels.stream().noneMatch(Channel::isActive))) {
                    System.err.println("wsload: every connection was lost");
                    return 1;
                }
            }
            return 0;
        } finally {
            closeAll(group);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Opens every WebSocket; returns why it failed, or null. */
    private String connect(EventLoopGroup group, boolean epoll, ByteBuf message) throws InterruptedException {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.ORIGIN, options.origin());
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(options.url())
                .customHeaders(headers)
                .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(CONNECT_LIMIT_SECONDS))
                .build();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(CONNECT_LIMIT_SECONDS));
        List<CompletableFuture<Void>> handshakes = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            EchoLoop loop = new EchoLoop(message, options.window(), recorder);
            loops.add(loop);
            handshakes.add(loop.handshake());
            Channel channel = bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                            new WebSocketClientProtocolHandler(config), loop);
                }
            }).connect(options.url().getHost(), ToolArgs.port(options.url())).channel();
            channels.add(channel);
        }
        try {
            CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new)).get(CONNECT_LIMIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return "cannot open a WebSocket to " + options.url() + ": " + (cause.getMessage() != null ? cause.getMessage() : cause);
        } catch (TimeoutException e) {
            long open = handshakes.stream().filter(h -> h.isDone() && !h.isCompletedExceptionally()).count();
            return "only " + open + " of " + options.connections() + " WebSockets opened within " + CONNECT_LIMIT_SECONDS + " s";
        }
    }

    /** Stops sending, then closes every WebSocket properly (close frame, then the connection). */
    private void closeAll(EventLoopGroup group) {
        try {
            onLoop(group, () -> {
                loops.forEach(EchoLoop::stop);
                for (Channel channel : channels) {
                    if (channel.isActive()) channel.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
                }
                return null;
            });
            for (Channel channel : channels) channel.closeFuture().await(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing is best effort: the process exits next
        } finally {
            channels.forEach(Channel::close);
        }
    }

    private String resultLine(int run, Recorder.Window window, long cpu0, long cpu1) {
        StringBuilder line = new StringBuilder("wsload-result")
                .append(" run=").append(run)
                .append(" messages=").append(window.messages())
                .append(" duration_us=").append(window.nanos() / 1000)
                .append(" p50_us=").append(window.quantile(0.5) / 1000)
                .append(" p99_us=").append(window.quantile(0.99) / 1000)
                .append(" errors=").append(window.errors())
                .append(" mismatches=").append(window.mismatches());
        if (cpu0 >= 0 && cpu1 >= 0) line.append(" cpu_ticks=").append(cpu1 - cpu0);
        return line.toString();
    }

    /** User + system CPU of the server process in clock ticks, or -1 without {@code --server-pid}. */
    private long serverCpuTicks() {
        if (options.serverPid() < 0) return -1;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(options.serverPid()), "stat"));
            // After "pid (comm) " the fields start with state; utime and stime are the 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double seconds(Recorder.Window window) {
        return window.nanos() / 1e9;
    }

    private static <T> T onLoop(EventLoopGroup group, java.util.concurrent.Callable<T> task) throws Exception {
        return group.next().submit(task).get(30, TimeUnit.SECONDS);
    }

    private static void onLoop(EventLoopGroup group, Runnable task) throws Exception {
        group.next().submit(task).get(30, TimeUnit.SECONDS);
    }
}
