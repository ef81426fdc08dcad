package kemal.test;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import kemal.App;
import kemal.internal.KemalInternals;

/**
 * Sends requests to an application and returns its responses: spec-kemal for Java. Two
 * transports, one API: {@link #inProcess} runs each request through the real Netty pipeline and
 * handler chain with no socket; {@link #overSocket} starts the application on a free loopback
 * port and talks HTTP over TCP.
 *
 * <pre>{@code
 * App app = Kemal.create();
 * app.get("/", env -> "Hello World!");
 * try (TestClient client = TestClient.inProcess(app)) {
 *     assertEquals("Hello World!", client.get("/").body());
 * }
 * }</pre>
 *
 * With {@code alwaysRescue(false)}, an exception that escapes the application is rethrown by the
 * request method that caused it, as spec-kemal lets exceptions reach the spec.
 */
public final class TestClient implements AutoCloseable {
    private static final int MAX_RESPONSE = 256 * 1024 * 1024;

    private final App app;
    private final SocketAddress address;
    private final boolean inProcess;
    /** Whether this client started the application, and so stops it when closed. */
    private final boolean ownsApp;
    private final AtomicReference<Throwable> unhandled = new AtomicReference<>();
    private Duration timeout = Duration.ofSeconds(30);

    private TestClient(App app, SocketAddress address, boolean inProcess, boolean ownsApp) {
        this.app = app;
        this.address = address;
        this.inProcess = inProcess;
        this.ownsApp = ownsApp;
        KemalInternals.get().onUnhandledException(app, unhandled::set);
    }

    /** Serves {@code app} in-process (no socket) and returns a client for it. */
    public static TestClient inProcess(App app) {
        boolean alreadyRunning = app.isRunning();
        return new TestClient(app, KemalInternals.get().startInProcess(app), true, !alreadyRunning);
    }

    /**
     * A client over a real socket. Starts {@code app} on a free port of 127.0.0.1 unless it is
     * running already; an application started elsewhere keeps running when the client closes.
     */
    public static TestClient overSocket(App app) {
        boolean alreadyRunning = app.isRunning();
        if (!alreadyRunning) {
            app.config().hostBinding("127.0.0.1").port(0);
            app.start();
        }
        return new TestClient(app, new InetSocketAddress("127.0.0.1", app.port()), false, !alreadyRunning);
    }

    /** The application under test. */
    public App app() {
        return app;
    }

    /** The server's port (socket transport), or -1 in-process. */
    public int port() {
        return inProcess ? -1 : ((InetSocketAddress) address).getPort();
    }

    /** An absolute URL for {@code path} (socket transport only). */
    public URI uri(String path) {
        if (inProcess) throw new IllegalStateException("An in-process client has no URL; use overSocket");
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** How long a request may take before it fails; default 30 s. */
    public TestClient timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public TestResponse get(String path) {
        return request("GET", path, Map.of(), null);
    }

    public TestResponse get(String path, Map<String, String> headers) {
        return request("GET", path, headers, null);
    }

    public TestResponse head(String path) {
        return request("HEAD", path, Map.of(), null);
    }

    public TestResponse head(String path, Map<String, String> headers) {
        return request("HEAD", path, headers, null);
    }

    public TestResponse delete(String path) {
        return request("DELETE", path, Map.of(), null);
    }

    public TestResponse delete(String path, Map<String, String> headers, String body) {
        return request("DELETE", path, headers, bytes(body));
    }

    public TestResponse options(String path) {
        return request("OPTIONS", path, Map.of(), null);
    }

    public TestResponse post(String path, String body) {
        return request("POST", path, Map.of(), bytes(body));
    }

    public TestResponse post(String path, Map<String, String> headers, String body) {
        return request("POST", path, headers, bytes(body));
    }

    public TestResponse put(String path, String body) {
        return request("PUT", path, Map.of(), bytes(body));
    }

    public TestResponse put(String path, Map<String, String> headers, String body) {
        return request("PUT", path, headers, bytes(body));
    }

    public TestResponse patch(String path, String body) {
        return request("PATCH", path, Map.of(), bytes(body));
    }

    public TestResponse patch(String path, Map<String, String> headers, String body) {
        return request("PATCH", path, headers, bytes(body));
    }

    public TestResponse query(String path, Map<String, String> headers, String body) {
        return request("QUERY", path, headers, bytes(body));
    }

    /** A form post: {@code application/x-www-form-urlencoded}. */
    public TestResponse postForm(String path, String formBody) {
        return request("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), bytes(formBody));
    }

    /** A JSON post: {@code application/json}. */
    public TestResponse postJson(String path, String json) {
        return request("POST", path, Map.of("Content-Type", "application/json"), bytes(json));
    }

    /**
     * Sends any request. A {@code Host} header is added unless given; {@code Content-Length} is
     * set when there is a body.
     *
     * @param body the body, or null for none
     */
    public TestResponse request(String method, String path, Map<String, String> headers, byte[] body) {
        unhandled.set(null);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), path,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        boolean hasHost = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            request.headers().add(h.getKey(), h.getValue());
            if (h.getKey().equalsIgnoreCase("Host")) hasHost = true;
        }
        if (!hasHost) request.headers().set("Host", inProcess ? "localhost" : "127.0.0.1:" + port());
        if (body != null) request.headers().set("Content-Length", body.length);
        // Keep-alive: the client closes once it has the whole response. (With close, an in-process
        // server that closes first could drop the tail of a long response before it is read.)

        CompletableFuture<TestResponse> result = new CompletableFuture<>();
        Channel channel = connect(result);
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) result.completeExceptionally(f.cause());
        });
        TestResponse response;
        try {
            response = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("No response to " + method + " " + path + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Request " + method + " " + path + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } finally {
            channel.close();
        }
        Throwable escaped = unhandled.getAndSet(null);
        if (escaped != null) rethrow(escaped);
        return response;
    }

    /** Stops the application if this client started it. */
    @Override
    public void close() {
        if (ownsApp) {
            try {
                app.stop();
            } catch (IllegalStateException alreadyStopped) {
                // stopped by the test itself
            }
        }
    }

    private Channel connect(CompletableFuture<TestResponse> result) {
        Bootstrap bootstrap = new Bootstrap()
                .group(inProcess ? Groups.LOCAL : Groups.NIO)
                .channel(inProcess ? LocalChannel.class : NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new ResponseCollector(result));
                    }
                });
        try {
            return bootstrap.connect(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting", e);
        }
    }

    private static byte[] bytes(String body) {
        return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void rethrow(Throwable t) throws T {
        throw (T) t;
    }

    /** Client event loops shared by every TestClient; daemon threads, so they never hold the JVM. */
    private static final class Groups {
        static final EventLoopGroup NIO = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("kemal-test-client", true), NioIoHandler.newFactory());
        static final EventLoopGroup LOCAL = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("kemal-test-local", true), LocalIoHandler.newFactory());
    }

    /**
     * Collects one response: the head exactly as the server sent it (an aggregator would replace
     * {@code Transfer-Encoding: chunked} by a computed {@code Content-Length}, hiding how the
     * response was framed) and the de-chunked body. Interim 1xx responses are skipped.
     */
    private static final class ResponseCollector extends SimpleChannelInboundHandler<HttpObject> {
        private final CompletableFuture<TestResponse> result;
        private HttpResponse head;
        private ByteArrayOutputStream body;

        ResponseCollector(CompletableFuture<TestResponse> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message.decoderResult().isFailure()) {
                result.completeExceptionally(new IllegalStateException("Malformed response: "
                        + message.decoderResult().cause(), message.decoderResult().cause()));
                ctx.close();
                return;
            }
            if (message instanceof HttpResponse response) {
                boolean interim = response.status().codeClass() == HttpStatusClass.INFORMATIONAL
                        && response.status().code() != 101;
                head = interim ? null : response;
                body = new ByteArrayOutputStream();
            }
            if (message instanceof HttpContent content && head != null) {
                ByteBuf bytes = content.content();
                if (body.size() + bytes.readableBytes() > MAX_RESPONSE) {
                    result.completeExceptionally(new IllegalStateException("The response is larger than "
                            + MAX_RESPONSE + " bytes"));
                    ctx.close();
                    return;
                }
                body.writeBytes(ByteBufUtil.getBytes(bytes));
                if (content instanceof LastHttpContent) complete();
            }
        }

        private void complete() {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (Map.Entry<String, String> h : head.headers()) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(h.getKey(), h.getValue()));
            }
            result.complete(new TestResponse(head.status().code(), headers, body.toByteArray()));
            head = null;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IllegalStateException("The connection closed before a response came"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
