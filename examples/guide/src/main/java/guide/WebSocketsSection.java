package guide;

import static kemal.Kemal.*;

import java.util.Objects;
import kemal.Log;

/**
 * Guide section "WebSockets", at the paths of the guide-app contract ({@code /ws},
 * {@code /ws/:id}, {@code /ws-headers}), and current Kemal's server-sent events ({@code /events}).
 *
 * <p>The origin policy is Kemal's default (no {@code websocketAllowedOrigins}): only pages of
 * this same server may open these sockets; a handshake whose {@code Origin} is missing or
 * names another site gets 403.
 */
final class WebSocketsSection {
    private WebSocketsSection() {}

    static void define() {
        // The guide's echo server.
        ws("/ws", (socket, env) -> {
            // Send welcome message to the client
            socket.send("Hello from Kemal!");

            // Handle incoming message and echo back to the client
            socket.onMessage(message -> socket.send("Echo back from server " + message));

            // Executes when the client is disconnected. You can do the cleaning up here.
            socket.onClose((code, reason) -> Log.info("Closing socket"));
        });

        // Accessing dynamic URL params: context.ws_route_lookup.params["id"]
        ws("/ws/:id", (socket, env) -> socket.send(env.params().url("id")));

        // The second block parameter is the upgrade request's context: its headers.
        ws("/ws-headers", (socket, env) ->
                socket.send(Objects.requireNonNullElse(env.request().header("Content-Type"), "")));

        // Server-sent events: three events, then the stream ends.
        sse("/events", (stream, env) -> {
            for (int i = 1; i <= 3; i++) stream.send("event " + i, null, String.valueOf(i));
        });
    }
}
