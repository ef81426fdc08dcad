package chat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat member over the JDK's WebSocket client, as the page connects: {@code /chat/ROOM?name=N}
 * with the page's own origin. Collects the server's JSON events in order.
 */
final class ChatClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private JsonNode welcome;

    private ChatClient(int port, String room, String name) {
        String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/chat/" + room + query);
        this.socket = HTTP.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .header("Origin", "http://127.0.0.1:" + port)
                .buildAsync(uri, new Collector())
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    /** Joins {@code room} as {@code name} (null: no name given) and waits for the welcome. */
    static ChatClient join(int port, String room, String name) throws InterruptedException {
        ChatClient client = new ChatClient(port, room, name);
        JsonNode welcome = client.next();
        if (welcome == null || !welcome.path("type").asString().equals("welcome")) {
            client.close();
            throw new AssertionError("expected a welcome on joining " + room + ", got " + welcome);
        }
        client.welcome = welcome;
        return client;
    }

    /** The welcome the server sent on joining. */
    JsonNode welcome() {
        return welcome;
    }

    void say(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** The next event from the server, or null if none came within {@link #WAIT}. */
    JsonNode next() throws InterruptedException {
        return events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Leaves with a normal close (the server then tells the others). */
    void leave() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
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
                events.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
