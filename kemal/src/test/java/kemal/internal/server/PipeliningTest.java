package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests written back to back on one connection are answered one by one, in order. */
class PipeliningTest extends EngineTestBase {

    @BeforeEach
    void routes() {
        app.get("/echo", env -> "get " + env.params().query("n"));
        app.get("/slow", env -> {
            Thread.sleep(300);
            return "slow " + env.params().query("n");
        });
        app.post("/echo", env -> "post " + env.params().query("n") + " " + env.request().body());
    }

    @Test
    void twentyRequestsInOneWriteAreAnsweredInOrderAroundASlowOne() throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            requests.append(get((i == 9 ? "/slow" : "/echo") + "?n=" + i));
        }
        try (RawClient client = connect()) {
            client.send(requests.toString());
            for (int i = 0; i < 20; i++) {
                RawResponse response = client.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo((i == 9 ? "slow " : "get ") + i);
                assertThat(response.header("Connection")).isEqualTo("keep-alive");
            }
            client.assertOpenAndQuiet(100);
        }
    }

    @Test
    void requestsBehindAnUpgradeRequestAnsweredInHttpAreAnsweredToo() throws IOException {
        // No WebSocket route here: the upgrade request is an ordinary GET, and the bytes held
        // back behind it until that was known are then decoded as the HTTP requests they are.
        String upgrade = get("/echo?n=1", "Upgrade: websocket\r\nConnection: Upgrade\r\n");
        try (RawClient client = connect()) {
            client.send(upgrade + get("/echo?n=2") + get("/slow?n=3") + upgrade.replace("n=1", "n=4") + get("/echo?n=5"));
            for (String expected : new String[] {"get 1", "get 2", "slow 3", "get 4", "get 5"}) {
                RawResponse response = client.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo(expected);
            }
            client.assertOpenAndQuiet(100);
        }
    }

    @Test
    void pipelinedPostsKeepTheirOwnBodies() throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 4) {
                requests.append(get("/slow?n=4"));
            } else if (i % 3 == 0) {
                // A chunked body in two chunks, with an extension on the first.
                String body = "chunked-" + i;
                requests.append("POST /echo?n=").append(i).append(" HTTP/1.1\r\nHost: localhost\r\n")
                        .append("Transfer-Encoding: chunked\r\n\r\n")
                        .append("3;ext=1\r\n").append(body, 0, 3).append("\r\n")
                        .append(Integer.toHexString(body.length() - 3)).append("\r\n").append(body.substring(3))
                        .append("\r\n0\r\n\r\n");
            } else {
                requests.append(post("/echo?n=" + i, "body-" + i + "-" + "x".repeat(i * 100)));
            }
        }
        try (RawClient client = connect()) {
            client.send(requests.toString());
            for (int i = 0; i < 10; i++) {
                RawResponse response = client.read();
                assertThat(response.status()).isEqualTo(200);
                String expected = i == 4 ? "slow 4"
                        : i % 3 == 0 ? "post " + i + " chunked-" + i
                        : "post " + i + " body-" + i + "-" + "x".repeat(i * 100);
                assertThat(response.text()).isEqualTo(expected);
            }
            client.assertOpenAndQuiet(100);
        }
    }

    @Test
    void manyMoreRequestsThanTheQueueHoldsAreAllAnsweredInOrder() throws IOException {
        // More than the connection queues before it stops reading, so reading must pause and resume.
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            requests.append(i % 50 == 0 ? get("/slow?n=" + i) : get("/echo?n=" + i));
        }
        try (RawClient client = connect()) {
            client.send(requests.toString());
            for (int i = 0; i < 300; i++) {
                RawResponse response = client.read();
                assertThat(response.text()).isEqualTo((i % 50 == 0 ? "slow " : "get ") + i);
            }
        }
    }

    @Test
    void aResponseIsNotHeldBackByASlowRequestPipelinedBehindIt() throws Exception {
        CountDownLatch firstReceived = new CountDownLatch(1);
        app.get("/wait", env -> {
            // Answers only once the client has the previous response: if that response waited
            // for this one to be flushed with it, the read below would time out.
            return firstReceived.await(10, TimeUnit.SECONDS) ? "waited" : "timed out";
        });
        try (RawClient client = connect()) {
            client.send(get("/echo?n=1") + get("/wait") + get("/echo?n=3"));
            assertThat(client.read().text()).isEqualTo("get 1");
            firstReceived.countDown();
            assertThat(client.read().text()).isEqualTo("waited");
            assertThat(client.read().text()).isEqualTo("get 3");
        }
    }

    @Test
    void aClientThatDoesNotReadItsResponsesHoldsBackTheNextRequests() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        byte[] big = new byte[1024 * 1024];
        app.get("/big", env -> {
            produced.incrementAndGet();
            return big;
        });
        int requests = 100;
        try (RawClient client = connect()) {
            client.socket().setReceiveBufferSize(64 * 1024);
            client.send(get("/big").repeat(requests));
            // Not reading: once the socket buffers are full, the server must stop making
            // responses instead of piling up 100 MB of them in memory.
            for (int i = 0; i < 500 && produced.get() == 0; i++) Thread.sleep(10);
            int before;
            do {
                before = produced.get();
                Thread.sleep(500);
            } while (produced.get() != before);
            assertThat(produced.get()).as("responses made for a client that reads none").isLessThan(requests / 2);
            for (int i = 0; i < requests; i++) {
                assertThat(client.read().body()).hasSize(big.length);
            }
        }
        assertThat(produced.get()).isEqualTo(requests);
    }

    @Test
    void aRequestSplitAcrossWritesAfterPipelinedOnesIsServed() throws IOException {
        try (RawClient client = connect()) {
            String second = get("/echo?n=2");
            client.send(get("/echo?n=1") + second.substring(0, 10));
            assertThat(client.read().text()).isEqualTo("get 1");
            client.send(second.substring(10));
            assertThat(client.read().text()).isEqualTo("get 2");
        }
    }
}
