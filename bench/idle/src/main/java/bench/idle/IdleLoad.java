package bench.idle;

import bench.ToolArgs;
import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The idle-connection load of {@code bench/run.sh --idle N}: opens many keep-alive HTTP/1.1
 * connections, has each served once (so the server has set up all it keeps per connection), then
 * holds them idle while wrk measures the server, and reports how many the server kept open. Every
 * connection lives on one Netty event loop (one thread, whatever the count), so the script can pin
 * it to the load core next to wrk.
 *
 * <pre>
 * java -jar bench/idle/target/idle.jar --url http://127.0.0.1:3000/plaintext --connections 10000
 * </pre>
 *
 * Exit status: 0 when every connection was served and still open at the end of the hold, 1
 * otherwise, 2 for a bad command line. Killed with SIGTERM, it still prints its result line.
 */
public final class IdleLoad {
    private static final int MAX_RESPONSE = 64 * 1024;
    /** File descriptors the JVM itself needs besides the connections (jars, epoll, pipes). */
    private static final int OWN_FILES = 64;

    private final Options options;
    private final Tally tally = new Tally();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final CompletableFuture<Void> allSettled = new CompletableFuture<>();
    // Event-loop state.
    private final List<Channel> channels = new ArrayList<>();
    private EventLoop loop;
    private Bootstrap bootstrap;
    private FullHttpRequest request;
    private int started;
    private int settled;
    private long readyAt;

    private IdleLoad(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        ToolArgs.main("idle", Options.USAGE, args, Options::parse, options -> new IdleLoad(options).run());
    }

    private int run() throws Exception {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try {
            warnIfTooFewFiles();
            prepare(group, epoll);
            System.err.printf("idle: opening %,d keep-alive connections to %s, %d at a time (%s)%n",
                    options.connections(), options.url(), options.opening(), epoll ? "epoll" : "nio");
            long t0 = System.nanoTime();
            onLoop(group, () -> {
                for (int i = 0; i < options.opening(); i++) openNext();
                return null;
            });
            allSettled.get(); // each connection settles within its connect and answer limits
            readyAt = System.nanoTime();
            Tally.Snapshot ready = onLoop(group, tally::snapshot);
            System.out.printf("idle-ready connections=%d open=%d failed=%d seconds=%.1f%n",
                    options.connections(), ready.open(), ready.failed(), (readyAt - t0) / 1e9);
            System.out.flush();
            System.err.printf("idle: %,d of %,d connections open and served once in %.1f s%s%n", ready.open(),
                    options.connections(), (readyAt - t0) / 1e9, ready.failed() == 0 ? "" : "; "
                            + ready.failed() + " failed, the first because: " + ready.firstFailure());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> finish(group), "idle-result"));
            hold(group);
            return finish(group);
        } finally {
            closeAll(group);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void prepare(EventLoopGroup group, boolean epoll) {
        request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, options.target(), Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, options.hostHeader());
        loop = group.next(); // the only one
        bootstrap = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(HeldConnection.ANSWER_LIMIT_SECONDS));
    }

    /** Starts opening the next connection, if any is left (on the event loop). */
    private void openNext() {
        if (started == options.connections()) return;
        started++;
        HeldConnection held = new HeldConnection(request, tally,
                TimeUnit.SECONDS.toNanos(options.refreshSeconds()), this::settled);
        ChannelFuture connect = bootstrap.handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE), held);
            }
        }).connect(options.url().getHost(), options.port());
        channels.add(connect.channel());
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                tally.failed("cannot connect: " + HeldConnection.describe(done.cause()));
                settled();
            }
        });
    }

    /** One connection was served or failed: the next may start (on the event loop). */
    private void settled() {
        settled++;
        if (settled == options.connections()) {
            allSettled.complete(null);
        } else {
            // Later, not from here: a run of instant failures must not recurse.
            loop.execute(this::openNext);
        }
    }

    /** Reports every REPORT seconds until the hold is over (forever without --hold). */
    private void hold(EventLoopGroup group) throws Exception {
        long end = options.holdSeconds() == 0 ? Long.MAX_VALUE : readyAt + TimeUnit.SECONDS.toNanos(options.holdSeconds());
        long period = TimeUnit.SECONDS.toNanos(options.reportSeconds());
        long next = readyAt + period;
        int closedBefore = 0;
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(next, end);
            if (wake > now) TimeUnit.NANOSECONDS.sleep(wake - now);
            if (System.nanoTime() >= end) return;
            Tally.Snapshot counts = onLoop(group, tally::snapshot);
            System.out.printf("idle-status seconds=%.0f open=%d closed=%d refreshed=%d errors=%d%n",
                    (System.nanoTime() - readyAt) / 1e9, counts.open(), counts.closed(), counts.refreshed(), counts.errors());
            System.out.flush();
            if (counts.closed() > closedBefore) explainClosed(counts);
            closedBefore = counts.closed();
            next += period;
        }
    }

    /** Prints the result line once (at the end of the hold, or from the SIGTERM hook); returns the exit status. */
    private int finish(EventLoopGroup group) {
        if (!finished.compareAndSet(false, true)) return 1;
        Tally.Snapshot end;
        try {
            end = onLoop(group, () -> {
                tally.stop();
                return tally.snapshot();
            });
        } catch (Exception e) {
            System.err.println("idle: cannot read the counts: " + e);
            return 1;
        }
        System.out.printf("idle-result connections=%d open=%d failed=%d closed=%d refreshed=%d errors=%d held_seconds=%.0f%n",
                options.connections(), end.open(), end.failed(), end.closed(), end.refreshed(), end.errors(),
                (System.nanoTime() - readyAt) / 1e9);
        System.out.flush();
        if (end.closed() > 0) explainClosed(end);
        if (end.errors() > 0) System.err.println("idle: " + end.errors() + " refreshes failed, the first because: " + end.firstFailure());
        return end.open() == options.connections() ? 0 : 1;
    }

    private static void explainClosed(Tally.Snapshot counts) {
        System.err.printf("idle: the server closed %,d held connection(s) after %.1f to %.1f s idle"
                        + " (an idle timeout? hold for less, or --refresh more often than it)%n",
                counts.closed(), counts.shortestIdleAtClose() / 1e9, counts.longestIdleAtClose() / 1e9);
    }

    /** Closes every connection, not counting these closes as the server's. */
    private void closeAll(EventLoopGroup group) {
        try {
            onLoop(group, () -> {
                tally.stop();
                channels.forEach(Channel::close);
                return null;
            });
        } catch (Exception e) {
            // best effort: the process exits next
        }
    }

    /** The JVM raises its soft limit of open files to the hard one; below the count, opening fails. */
    private void warnIfTooFewFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                && unix.getMaxFileDescriptorCount() < (long) options.connections() + OWN_FILES) {
            System.err.printf("idle: warning: this process may open only %,d files, too few for %,d connections:"
                    + " raise the limit (ulimit -n; the hard limit is ulimit -Hn)%n",
                    unix.getMaxFileDescriptorCount(), options.connections());
        }
    }

    private static <T> T onLoop(EventLoopGroup group, Callable<T> task) throws Exception {
        return group.next().submit(task).get(30, TimeUnit.SECONDS);
    }
}
