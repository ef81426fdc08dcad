package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kemal.App;
import kemal.Kemal;
import kemal.WebSocket;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A chat room: 200 JDK clients, each numbering its messages, all sending at once; the server
 * broadcasts every message from the sender's callback to every socket. Every client must get
 * every sender's messages, complete and in order.
 */
@Timeout(120)
@ExtendWith(NettyLeakCheck.class)
class WebSocketChatTest {
    private static final int CLIENTS = 200;
    private static final int MESSAGES = 10;

    @Test
    void twoHundredSocketsBroadcastToEachOtherWithoutLossOrReordering() throws Exception {
        App app = Kemal.create();
        app.config().logging(false); // the default same-origin policy: the clients send their Origin
        Set<WebSocket> room = ConcurrentHashMap.newKeySet();
        CountDownLatch everyoneIn = new CountDownLatch(CLIENTS);
        app.ws("/chat", (socket, env) -> {
            socket.onMessage(message -> {
                for (WebSocket member : room) member.send(message);
            });
            socket.onClose((code, reason) -> room.remove(socket));
            room.add(socket);
            everyoneIn.countDown();
        });
        List<JdkWebSocket> clients = new ArrayList<>();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        try (TestClient client = TestClient.overSocket(app)) {
            for (int i = 0; i < CLIENTS; i++) clients.add(JdkWebSocket.connect(client.port(), "/chat"));
            assertThat(everyoneIn.await(30, TimeUnit.SECONDS)).isTrue();

            List<Future<?>> sending = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                JdkWebSocket sender = clients.get(c);
                int id = c;
                sending.add(senders.submit(() -> {
                    for (int m = 0; m < MESSAGES; m++) sender.send(id + ":" + m);
                    return null;
                }));
            }
            for (Future<?> f : sending) f.get(60, TimeUnit.SECONDS);

            for (int r = 0; r < CLIENTS; r++) {
                int[] next = new int[CLIENTS];
                JdkWebSocket receiver = clients.get(r);
                for (int n = 0; n < CLIENTS * MESSAGES; n++) {
                    String[] parts = receiver.nextText().split(":");
                    int sender = Integer.parseInt(parts[0]);
                    int seq = Integer.parseInt(parts[1]);
                    assertThat(seq).as("receiver " + r + ", sender " + sender).isEqualTo(next[sender]);
                    next[sender]++;
                }
                assertThat(next).as("receiver " + r).containsOnly(MESSAGES);
                assertThat(receiver.events).as("nothing more for receiver " + r).isEmpty();
            }
        } finally {
            senders.shutdownNow();
            clients.forEach(JdkWebSocket::close);
        }
    }
}
