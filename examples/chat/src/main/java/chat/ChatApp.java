package chat;

import static kemal.Kemal.*;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import kemal.Kemal;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small chat: the page in {@code examples/chat/public} joins a room over {@code ws /chat/:room}
 * and everyone in the room sees each other's messages.
 *
 * <pre>
 * mvn -q -pl examples/chat -am package -DskipTests
 * java -jar examples/chat/target/chat.jar --port 3000      # then open http://localhost:3000/
 * </pre>
 *
 * The server sends JSON events: {@code welcome} (to the one who joined: the room, the name and who
 * else is there), {@code joined} and {@code left} (a member came or went), {@code message} (what a
 * member said, to everyone else in the room; the page shows its own messages itself).
 */
public final class ChatApp {
    /** Longer names are cut: a name is a label, not a message. */
    static final int MAX_NAME = 32;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Package-private so tests can see who is in a room. */
    static final ChatRooms ROOMS = new ChatRooms();
    private static boolean defined;

    private ChatApp() {}

    public static void main(String[] args) {
        defineRoutes();
        Kemal.run(args);
    }

    /** Declares the page and the socket on the default application, once (tests call it too). */
    public static synchronized void defineRoutes() {
        if (defined) return;
        defined = true;

        // The page: public/index.html at "/", with chat.js and chat.css beside it.
        publicFolder(publicFolderPath().toString());
        serveStatic(Map.of("dir_index", true));

        // Kemal's default origin policy stays on: only pages of this server may open the socket.
        ws("/chat/:room", (socket, env) -> {
            String room = env.params().url("room");
            // The page says who the user is: there are no sessions yet. A later version takes the
            // name from the session instead of trusting the query string.
            String name = cleanName(env.params().query("name"));

            // Join before the welcome: once the page reads it, messages of the room reach it.
            List<String> others = ROOMS.join(room, socket, name);
            socket.send(json(Map.of("type", "welcome", "room", room, "name", name, "others", others)));
            ROOMS.broadcast(room, socket, json(Map.of("type", "joined", "name", name)));

            socket.onMessage(text -> {
                if (text.isBlank()) return;
                ROOMS.broadcast(room, socket, json(Map.of("type", "message", "name", name, "text", text)));
            });
            socket.onClose((code, reason) -> {
                ROOMS.leave(room, socket);
                ROOMS.broadcast(room, socket, json(Map.of("type", "left", "name", name)));
            });
        });
    }

    /** The name as shown to others: trimmed, control characters dropped, at most {@link #MAX_NAME}. */
    static String cleanName(String name) {
        String clean = name == null ? "" : name.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.isEmpty()) return "anonymous";
        return clean.length() <= MAX_NAME ? clean : clean.substring(0, MAX_NAME);
    }

    private static String json(Map<String, Object> event) {
        return JSON.writeValueAsString(event);
    }

    /**
     * {@code examples/chat/public}, found from where this class was loaded: the jar
     * ({@code examples/chat/target/chat.jar}) and the classes folder are both two levels below
     * {@code examples/chat}, so the app serves its page from any working directory. A copy of the
     * jar elsewhere serves {@code ./public}, Kemal's default.
     */
    static Path publicFolderPath() {
        CodeSource source = ChatApp.class.getProtectionDomain().getCodeSource();
        try {
            Path code = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            Path app = code.getParent() == null ? null : code.getParent().getParent();
            if (app != null && Files.isDirectory(app.resolve("public"))) return app.resolve("public");
        } catch (URISyntaxException | RuntimeException unknownLocation) {
            // fall back to the working directory
        }
        return Path.of("public").toAbsolutePath();
    }
}
