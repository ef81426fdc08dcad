package kemal.websocket;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JDK's WebSocket client with a listener that joins partial messages and queues every event,
 * so a test can take them in order with a timeout.
 */
final class JdkWebSocket implements WebSocket.Listener, AutoCloseable {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long TIMEOUT_SECONDS = 10;

    sealed interface Event permits Text, Binary, Ping, Pong, Close, Error {}

    record Text(String text) implements Event {}

    record Binary(byte[] bytes) implements Event {}

    record Ping(String payload) implements Event {}

    record Pong(String payload) implements Event {}

    record Close(int code, String reason) implements Event {}

    record Error(Throwable error) implements Event {}

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    WebSocket ws;

    /** Connects to {@code ws://127.0.0.1:port/path} with the given extra request headers. */
    static JdkWebSocket connect(int port, String path, Map<String, String> headers) throws Exception {
        JdkWebSocket listener = new JdkWebSocket();
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        listener.ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return listener;
    }

    /** Connects with an {@code Origin} naming the server itself, which the default policy allows. */
    static JdkWebSocket connect(int port, String path) throws Exception {
        return connect(port, path, Map.of("Origin", "http://127.0.0.1:" + port));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add(new Text(text.toString()));
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            events.add(new Binary(binary.toByteArray()));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        events.add(new Ping(StandardCharsets.UTF_8.decode(message).toString()));
        webSocket.request(1);
        return null; // the JDK answers with a pong by itself
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        events.add(new Pong(StandardCharsets.UTF_8.decode(message).toString()));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add(new Close(statusCode, reason));
        return null; // the JDK then answers with a close frame of the same code
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add(new Error(error));
    }

    /** The next event; fails the test when none arrives in time. */
    Event next() throws InterruptedException {
        Event event = events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (event == null) throw new AssertionError("no WebSocket event within " + TIMEOUT_SECONDS + " s");
        return event;
    }

    /** The next event, which must be of {@code type}. */
    <E extends Event> E next(Class<E> type) throws InterruptedException {
        Event event = next();
        if (!type.isInstance(event)) throw new AssertionError("expected " + type.getSimpleName() + ", got " + event);
        return type.cast(event);
    }

    String nextText() throws InterruptedException {
        return next(Text.class).text();
    }

    void send(String message) throws Exception {
        await(ws.sendText(message, true));
    }

    static <T> T await(CompletableFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Drops the connection (no close frame). */
    @Override
    public void close() {
        ws.abort();
    }
}
