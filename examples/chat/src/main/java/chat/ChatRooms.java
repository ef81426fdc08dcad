package chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kemal.WebSocket;

/**
 * Who is in which room. Every socket's callbacks run on its own virtual thread, so joins, leaves
 * and broadcasts come from many threads at once: the rooms are concurrent maps, and an empty room
 * is dropped atomically (a join racing with the last leave gets a fresh room). Sending is
 * thread-safe in Kemal, so a broadcast sends straight from the sender's callback.
 */
final class ChatRooms {
    /** Room name to its members: socket to the member's name. */
    private final Map<String, Map<WebSocket, String>> rooms = new ConcurrentHashMap<>();

    /** Adds {@code socket} to {@code room} and returns the names of the others already there. */
    List<String> join(String room, WebSocket socket, String name) {
        List<String> others = new ArrayList<>();
        rooms.compute(room, (key, members) -> {
            Map<WebSocket, String> present = members == null ? new ConcurrentHashMap<>() : members;
            others.addAll(present.values());
            present.put(socket, name);
            return present;
        });
        return others;
    }

    /** Removes {@code socket} from {@code room}, and the room once nobody is left. */
    void leave(String room, WebSocket socket) {
        rooms.computeIfPresent(room, (key, members) -> {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        });
    }

    /** Sends {@code text} to every member of {@code room} but {@code sender}. */
    void broadcast(String room, WebSocket sender, String text) {
        Map<WebSocket, String> members = rooms.get(room);
        if (members == null) return;
        for (WebSocket member : members.keySet()) {
            if (member != sender) member.send(text);
        }
    }

    /** How many are in {@code room} (for tests). */
    int size(String room) {
        Map<WebSocket, String> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }
}
