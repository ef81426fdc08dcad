package kemal.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

class SseSmokeTest {

    @Test
    void threeNumberedEvents() {
        App app = Kemal.create();
        app.config().logging(false);
        app.sse("/events", (stream, env) -> {
            for (int i = 1; i <= 3; i++) stream.send("event " + i, null, String.valueOf(i));
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/events", Map.of("Last-Event-ID", "0"));
            assertThat(response.contentType()).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(response.body()).isEqualTo("id: 1\ndata: event 1\n\nid: 2\ndata: event 2\n\nid: 3\ndata: event 3\n\n");
        }
    }

    @Test
    void namedEventsRetryCommentsAndMultilineData() {
        App app = Kemal.create();
        app.config().logging(false);
        app.sse("/e", (stream, env) -> {
            stream.comment("hi");
            stream.send("a\nb\r\nc", "update", "7", Duration.ofSeconds(3));
            stream.send(stream.lastEventId());
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/e", Map.of("Last-Event-ID", "42")).body()).isEqualTo(
                    ": hi\n\nevent: update\nid: 7\nretry: 3000\ndata: a\ndata: b\ndata: c\n\ndata: 42\n\n");
        }
    }

    @Test
    void aDisconnectWakesAWaitingBlockAndRunsOnClose() throws Exception {
        App app = Kemal.create();
        app.config().logging(false);
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        app.sse("/wait", (stream, env) -> {
            stream.onClose(closed::countDown);
            try {
                // The send too: a client that reads "ready" and leaves at once may end the block there.
                stream.send("ready");
                new LinkedBlockingQueue<String>().take(); // waits for an event that never comes
            } finally {
                finished.countDown();
            }
        });
        try (TestClient client = TestClient.overSocket(app);
             Socket socket = new Socket("127.0.0.1", client.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.contains("data: ready")) {
                // headers and chunk sizes
            }
            assertThat(line).contains("data: ready");
            socket.close();
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
