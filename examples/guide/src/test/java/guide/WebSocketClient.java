package guide;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK {@link java.net.http.WebSocket} that collects what the server sends: whole text messages
 * in order, and the close code. Waits are long enough for a loaded machine.
 */
final class WebSocketClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WebSocketClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Collector()).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Opens {@code ws://127.0.0.1:PORT/PATH} with the given handshake headers; throws if refused. */
    static WebSocketClient open(int port, String path, Map<String, String> headers) {
        return new WebSocketClient(URI.create("ws://127.0.0.1:" + port + path), headers);
    }

    /** The origin of pages served by the guide app on {@code port}: the only one allowed by default. */
    static String sameOrigin(int port) {
        return "http://127.0.0.1:" + port;
    }

    void send(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The next text message from the server, or null if none came within {@link #WAIT}. */
    String next() throws InterruptedException {
        return messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a normal close and returns the code the server answered with. */
    int closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
