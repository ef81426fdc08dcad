package kemal.internal.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;


/**
 * The Netty server: event loops sized for the cores, one listening socket (or an in-process
 * address for tests), and a graceful stop that lets in-flight requests finish.
 */
public final class HttpServer {
    private final ServerSettings settings;
    private final Transport transport = Transport.detect();
    private final ChannelGroup connections = new DefaultChannelGroup("kemal-connections", GlobalEventExecutor.INSTANCE);
    private final List<Channel> listeners = new ArrayList<>();
    private final List<EventLoopGroup> groups = new ArrayList<>();

    public HttpServer(ServerSettings settings) {
        this.settings = settings;
        // Netty registers its allocator's flight-recorder events on the first allocation, which
        // costs the first request 50-300 ms, for events that are off by default.
        if (System.getProperty("io.netty.jfr.enabled") == null) System.setProperty("io.netty.jfr.enabled", "false");
    }

    /** The name of the I/O transport in use: {@code epoll} or {@code nio}. */
    public String transportName() {
        return transport.name();
    }

    /**
     * Binds a TCP socket; connections are accepted once {@link #startAccepting()} is called (the
     * kernel queues them until then). {@code customizer} may adjust the bootstrap (socket
     * options such as SO_REUSEPORT) before binding.
     *
     * @param sslContext TLS for this socket, or null for plain HTTP
     * @return the bound address (the real port when {@code port} is 0)
     */
    public InetSocketAddress bind(String host, int port, Consumer<ServerBootstrap> customizer, SslContext sslContext)
            throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        EventLoopGroup boss = group(1, "kemal-accept", transport);
        EventLoopGroup workers = group(cores, "kemal-io", transport);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new HttpChannelInitializer(settings, sslContext, connections));
        if (customizer != null) customizer.accept(bootstrap);
        Channel listener = bootstrap.bind(host, port).sync().channel();
        listeners.add(listener);
        return (InetSocketAddress) listener.localAddress();
    }

    /** Starts accepting on every bound socket. */
    public void startAccepting() {
        for (Channel listener : listeners) listener.config().setAutoRead(true);
    }

    /** Serves on an in-process address: the same pipeline, no socket. */
    public LocalAddress bindLocal() throws InterruptedException {
        EventLoopGroup group = group(1, "kemal-local", null);
        LocalAddress address = new LocalAddress(LocalAddress.class);
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(LocalServerChannel.class)
                .childHandler(new HttpChannelInitializer(settings, null, connections))
                .bind(address).sync().channel();
        listeners.add(listener);
        return (LocalAddress) listener.localAddress();
    }

    /**
     * Stops accepting, lets open connections finish the request in hand (up to {@code graceMillis}),
     * then closes whatever is left and releases the threads.
     */
    public void stop(long graceMillis) {
        for (Channel listener : listeners) listener.close().awaitUninterruptibly();
        listeners.clear();
        for (Channel connection : connections) {
            for (java.util.Map.Entry<String, io.netty.channel.ChannelHandler> entry : connection.pipeline()) {
                if (entry.getValue() instanceof GracefulClose protocol) protocol.closeGracefully();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, graceMillis));
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly();
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        groups.clear();
    }

    private EventLoopGroup group(int threads, String name, Transport transport) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                transport == null ? LocalIoHandler.newFactory() : transport.ioHandlerFactory());
        groups.add(group);
        return group;
    }
}
