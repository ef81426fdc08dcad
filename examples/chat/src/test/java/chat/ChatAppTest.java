package chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kemal.App;
import kemal.Kemal;
import kemal.test.KemalApp;
import kemal.test.KemalTest;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The chat server over a real socket, with the JDK's WebSocket client standing in for the page.
 * Each test uses rooms of its own: the application is shared.
 */
@KemalTest(transport = KemalTest.Transport.SOCKET)
class ChatAppTest {
    @KemalApp
    static App chatApp() {
        ChatApp.defineRoutes();
        Kemal.config().logging(false);
        return Kemal.app();
    }

    @Test
    void membersOfARoomSeeEachOthersMessagesButNotTheirOwn(TestClient client) throws Exception {
        try (ChatClient alice = ChatClient.join(client.port(), "lobby", "Alice")) {
            assertThat(alice.welcome().path("room").asString()).isEqualTo("lobby");
            assertThat(alice.welcome().path("name").asString()).isEqualTo("Alice");
            assertThat(names(alice.welcome().path("others"))).isEmpty();

            try (ChatClient bob = ChatClient.join(client.port(), "lobby", "Bob")) {
                assertThat(names(bob.welcome().path("others"))).containsExactly("Alice");
                assertEvent(alice.next(), "joined", "Bob", null);

                alice.say("Hello Bob");
                assertEvent(bob.next(), "message", "Alice", "Hello Bob");
                bob.say("Hi \"Alice\"\nsecond line");
                // Alice's next event is Bob's answer: her own message did not come back to her.
                assertEvent(alice.next(), "message", "Bob", "Hi \"Alice\"\nsecond line");
            }
        }
    }

    @Test
    void roomsAreSeparate(TestClient client) throws Exception {
        try (ChatClient alice = ChatClient.join(client.port(), "red", "Alice");
             ChatClient carol = ChatClient.join(client.port(), "blue", "Carol")) {
            alice.say("only for red");
            try (ChatClient dave = ChatClient.join(client.port(), "blue", "Dave")) {
                assertThat(names(dave.welcome().path("others"))).containsExactly("Carol");
                dave.say("only for blue");
                assertEvent(carol.next(), "joined", "Dave", null);
                assertEvent(carol.next(), "message", "Dave", "only for blue");
            }
        }
    }

    @Test
    void aSocketThatClosesLeavesTheRoomAndTheOthersAreTold(TestClient client) throws Exception {
        try (ChatClient alice = ChatClient.join(client.port(), "leaving", "Alice")) {
            ChatClient bob = ChatClient.join(client.port(), "leaving", "Bob");
            assertEvent(alice.next(), "joined", "Bob", null);
            assertThat(ChatApp.ROOMS.size("leaving")).isEqualTo(2);

            bob.leave();
            assertEvent(alice.next(), "left", "Bob", null);
            assertThat(ChatApp.ROOMS.size("leaving")).as("members after Bob left").isEqualTo(1);
            bob.close();

            // A connection that drops without a close frame leaves too.
            ChatClient carol = ChatClient.join(client.port(), "leaving", "Carol");
            assertEvent(alice.next(), "joined", "Carol", null);
            carol.close();
            assertEvent(alice.next(), "left", "Carol", null);
            assertThat(ChatApp.ROOMS.size("leaving")).as("members after Carol dropped").isEqualTo(1);

            alice.leave();
            awaitEmpty("leaving");
        }
    }

    @Test
    void everyoneGetsEveryOtherMembersMessagesInOrderWhenAllTalkAtOnce(TestClient client) throws Exception {
        int members = 6;
        int messagesEach = 40;
        List<ChatClient> room = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) room.add(ChatClient.join(client.port(), "busy", "m" + i));
            // Drain the join notices: member i sees the members - 1 - i who joined after it.
            for (int i = 0; i < members; i++) {
                for (int j = i + 1; j < members; j++) assertEvent(room.get(i).next(), "joined", "m" + j, null);
            }

            // Everyone sends at once, each from its own thread; broadcasts then run on every
            // sender's callback thread and send to the same sockets concurrently.
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < members; i++) {
                    ChatClient sender = room.get(i);
                    senders.submit(() -> {
                        for (int n = 0; n < messagesEach; n++) sender.say("message " + n);
                        return null;
                    });
                }
            }

            for (int i = 0; i < members; i++) {
                Map<String, Integer> nextFrom = new HashMap<>();
                for (int k = 0; k < (members - 1) * messagesEach; k++) {
                    JsonNode event = room.get(i).next();
                    assertThat(event).as("message %d of %d for m%d", k + 1, (members - 1) * messagesEach, i).isNotNull();
                    String from = event.path("name").asString();
                    assertThat(from).as("sender").isNotEqualTo("m" + i);
                    int expected = nextFrom.getOrDefault(from, 0);
                    assertThat(event.path("text").asString()).as("from %s to m%d", from, i).isEqualTo("message " + expected);
                    nextFrom.put(from, expected + 1);
                }
                assertThat(nextFrom).as("messages m%d got per sender", i).hasSize(members - 1)
                        .allSatisfy((from, count) -> assertThat(count).isEqualTo(messagesEach));
            }
        } finally {
            room.forEach(ChatClient::close);
        }
    }

    @Test
    void namesComeFromThePageAndAreCleanedNotEscaped(TestClient client) throws Exception {
        try (ChatClient nobody = ChatClient.join(client.port(), "names", null);
             ChatClient blank = ChatClient.join(client.port(), "names", "  \t ");
             ChatClient tagged = ChatClient.join(client.port(), "names", "  <b>Bob</b>\u0007 ");
             ChatClient accented = ChatClient.join(client.port(), "names", "Jürgen ✓")) {
            assertThat(nobody.welcome().path("name").asString()).isEqualTo("anonymous");
            assertThat(blank.welcome().path("name").asString()).isEqualTo("anonymous");
            // Markup stays as it is: the page shows names as text.
            assertThat(tagged.welcome().path("name").asString()).isEqualTo("<b>Bob</b>");
            assertThat(accented.welcome().path("name").asString()).isEqualTo("Jürgen ✓");
        }
        assertThat(ChatApp.cleanName("x".repeat(100))).hasSize(ChatApp.MAX_NAME);
    }

    @Test
    void blankMessagesAreNotSent(TestClient client) throws Exception {
        try (ChatClient alice = ChatClient.join(client.port(), "blank", "Alice");
             ChatClient bob = ChatClient.join(client.port(), "blank", "Bob")) {
            assertEvent(alice.next(), "joined", "Bob", null);
            bob.say("   ");
            bob.say("after the blank one");
            assertEvent(alice.next(), "message", "Bob", "after the blank one");
        }
    }

    @Test
    void anotherSitesPageCannotOpenTheSocket(TestClient client) throws IOException {
        String request = "GET /chat/lobby?name=Mallory HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + client.port() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Origin: http://evil.example\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", client.port())) {
            socket.setSoTimeout((int) ChatClient.WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 403 ");
        }
    }

    @Test
    void thePageIsServedAtTheRoot(TestClient client) {
        TestResponse page = client.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Kemal chat</title>", "<script src=\"/chat.js\"></script>");
        TestResponse script = client.get("/chat.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("textContent").doesNotContain("innerHTML =");
    }

    private static void assertEvent(JsonNode event, String type, String name, String text) {
        assertThat(event).as("an event of type " + type).isNotNull();
        assertThat(event.path("type").asString()).as("type of " + event).isEqualTo(type);
        assertThat(event.path("name").asString()).as("name in " + event).isEqualTo(name);
        if (text != null) assertThat(event.path("text").asString()).as("text of " + event).isEqualTo(text);
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static void awaitEmpty(String room) throws InterruptedException {
        long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
        while (ChatApp.ROOMS.size(room) > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(ChatApp.ROOMS.size(room)).as("members of " + room + " after everyone left").isZero();
    }
}
