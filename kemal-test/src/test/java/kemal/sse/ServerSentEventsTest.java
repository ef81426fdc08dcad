package kemal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import kemal.App;
import kemal.EventStream;
import kemal.Kemal;
import kemal.Router;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import kemal.websocket.NettyLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Server-sent events (Kemal §12): the format, the headers, flushing, and the end of a stream. */
@Timeout(60)
@ExtendWith(NettyLeakCheck.class)
class ServerSentEventsTest {

    private static App app() {
        App app = Kemal.create();
        app.config().logging(false);
        return app;
    }

    // ---- the format --------------------------------------------------------------------------

    @Test
    void eventsIdsRetryCommentsAndLines() {
        App app = app();
        app.sse("/events", (stream, env) -> {
            stream.send("plain");
            stream.send("named", "update", null);
            stream.send("with id", null, "42");
            stream.send("all", "tick", "43", Duration.ofMillis(1500));
            stream.send("sixty days", null, null, Duration.ofDays(60));
            stream.send("a\nb\r\nc\rd");
            stream.send("");
            stream.send(null);
            stream.send("trailing\n");
            stream.comment("keep-alive");
            stream.comment("two\nlines");
            stream.send("ünïcödé 😀");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/events").body()).isEqualTo("""
                    data: plain

                    event: update
                    data: named

                    id: 42
                    data: with id

                    event: tick
                    id: 43
                    retry: 1500
                    data: all

                    retry: 5184000000
                    data: sixty days

                    data: a
                    data: b
                    data: c
                    data: d

                    data:\s

                    data:\s

                    data: trailing
                    data:\s

                    : keep-alive

                    : two
                    : lines

                    data: ünïcödé 😀

                    """);
        }
    }

    @Test
    void theBlocksReturnValueIsNotWritten() {
        App app = app();
        app.sse("/e", (stream, env) -> stream.send("only this"));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/e").body()).isEqualTo("data: only this\n\n");
        }
    }

    @Test
    void theHeadersOfAnEventStream() throws Exception {
        App app = app();
        app.sse("/events", (stream, env) -> stream.send("hi"));
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.get(client.port(), "/events")) {
            assertThat(raw.status).isEqualTo(200);
            assertThat(raw.headers)
                    .containsEntry("content-type", "text/event-stream; charset=utf-8")
                    .containsEntry("cache-control", "no-cache")
                    .containsEntry("x-accel-buffering", "no")
                    .containsEntry("transfer-encoding", "chunked")
                    .containsEntry("connection", "keep-alive")
                    .doesNotContainKey("content-length");
            assertThat(raw.readAllChunks()).isEqualTo("data: hi\n\n");
            // The stream ended with its block: the connection serves the next request.
            raw.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
            raw.readHead();
            assertThat(raw.readAllChunks()).isEqualTo("data: hi\n\n");
        }
    }

    @Test
    void theLastEventIdIsVisibleToTheBlock() {
        App app = app();
        app.sse("/resume", (stream, env) -> {
            String last = stream.lastEventId();
            int from = last == null ? 0 : Integer.parseInt(last) + 1;
            for (int i = from; i < from + 2; i++) stream.send("event " + i, null, String.valueOf(i));
            stream.send("header " + env.request().header("Last-Event-ID"));
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/resume").body())
                    .isEqualTo("id: 0\ndata: event 0\n\nid: 1\ndata: event 1\n\ndata: header null\n\n");
            assertThat(client.get("/resume", Map.of("Last-Event-ID", "41")).body())
                    .isEqualTo("id: 42\ndata: event 42\n\nid: 43\ndata: event 43\n\ndata: header 41\n\n");
        }
    }

    @Test
    void crOrLfInAnEventNameOrIdIsRefusedBeforeAnythingOfThatEventIsWritten() throws Exception {
        App app = app();
        List<String> refused = new ArrayList<>();
        app.sse("/e", (stream, env) -> {
            stream.send("first");
            for (String[] bad : new String[][] {{"a\nb", null}, {"a\rb", null}, {null, "1\n2"}, {null, "1\r2"}}) {
                try {
                    stream.send("never", bad[0], bad[1]);
                } catch (IllegalArgumentException e) {
                    refused.add(e.getMessage());
                }
            }
            stream.send("last", "ok", "3");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/e").body()).isEqualTo("data: first\n\nevent: ok\nid: 3\ndata: last\n\n");
        }
        assertThat(refused).containsExactly(
                "SSE event must not contain CR or LF", "SSE event must not contain CR or LF",
                "SSE id must not contain CR or LF", "SSE id must not contain CR or LF");
    }

    @Test
    void anUncaughtCrLfErrorEndsTheStreamAsAFailureNotACleanEnd() throws Exception {
        App app = app();
        app.sse("/e", (stream, env) -> {
            stream.send("before");
            stream.send("x", "bad\nname", null);
        });
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.get(client.port(), "/e")) {
            // The head went out when the stream opened, so no 500 is possible any more: the
            // response is cut short (no last chunk), which tells an EventSource it failed.
            assertThat(raw.status).isEqualTo(200);
            assertThat(raw.readChunk()).isEqualTo("data: before\n\n");
            assertThatThrownBy(raw::readChunk).isInstanceOf(java.io.EOFException.class);
        }
    }

    // ---- flushing ----------------------------------------------------------------------------

    @Test
    void eachEventLeavesTheServerWhenItIsSent() throws Exception {
        App app = app();
        BlockingQueue<String> toSend = new LinkedBlockingQueue<>();
        app.sse("/live", (stream, env) -> {
            String next;
            while (!(next = toSend.take()).equals("end")) stream.send(next);
        });
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.get(client.port(), "/live")) {
            // The head is out before any event: the client knows the stream is open.
            assertThat(raw.headers).containsEntry("content-type", "text/event-stream; charset=utf-8");
            for (int i = 0; i < 5; i++) {
                // The next event is only offered once the previous one arrived: if the server
                // held an event back, this would wait for it forever (and time out).
                toSend.add("event " + i);
                assertThat(raw.readChunk()).isEqualTo("data: event " + i + "\n\n");
            }
            toSend.add("end");
            assertThat(raw.readChunk()).isNull();
        }
    }

    @Test
    void aCommentIsFlushedAtOnceToo() throws Exception {
        App app = app();
        CountDownLatch read = new CountDownLatch(1);
        app.sse("/heartbeat", (stream, env) -> {
            stream.comment("heartbeat");
            read.await(10, TimeUnit.SECONDS);
        });
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.get(client.port(), "/heartbeat")) {
            assertThat(raw.readChunk()).isEqualTo(": heartbeat\n\n");
            read.countDown();
            assertThat(raw.readChunk()).isNull();
        }
    }

    // ---- the end of a stream -----------------------------------------------------------------

    @Test
    void onCloseRunsOnceWhenTheBlockReturns() {
        App app = app();
        AtomicInteger closes = new AtomicInteger();
        app.sse("/e", (stream, env) -> {
            stream.onClose(closes::incrementAndGet);
            stream.send("x");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/e").body()).isEqualTo("data: x\n\n");
        }
        assertThat(closes.get()).isEqualTo(1);
    }

    @Test
    void aDisconnectInterruptsABlockWaitingOnAQueueAndItsThreadEnds() throws Exception {
        App app = app();
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<Thread> handler = new AtomicReference<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        app.sse("/wait", (stream, env) -> {
            handler.set(Thread.currentThread());
            stream.onClose(closed::countDown);
            stream.send("ready");
            try {
                waiting.countDown(); // past the send: only the wait below can see the disconnect
                new LinkedBlockingQueue<String>().take();
            } catch (Throwable t) {
                ended.set(t);
                throw t;
            } finally {
                finished.countDown();
            }
        });
        try (TestClient client = TestClient.overSocket(app)) {
            RawStream raw = RawStream.get(client.port(), "/wait");
            assertThat(raw.readChunk()).isEqualTo("data: ready\n\n");
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            raw.close();
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ended.get()).isInstanceOf(InterruptedException.class);
            handler.get().join(10_000);
            assertThat(handler.get().isAlive()).as("the handler's virtual thread ended").isFalse();
        }
    }

    @Test
    void aDisconnectStopsABlockSendingInALoop() throws Exception {
        App app = app();
        CountDownLatch finished = new CountDownLatch(1);
        AtomicInteger sentAfterClose = new AtomicInteger();
        AtomicReference<Thread> handler = new AtomicReference<>();
        app.sse("/flood", (stream, env) -> {
            handler.set(Thread.currentThread());
            try {
                // Never blocks, never looks at isClosed(): only send() can end this loop.
                for (long i = 0; ; i++) {
                    if (stream.isClosed()) sentAfterClose.incrementAndGet();
                    stream.send("tick " + i);
                }
            } finally {
                finished.countDown();
            }
        });
        try (TestClient client = TestClient.overSocket(app)) {
            RawStream raw = RawStream.get(client.port(), "/flood");
            assertThat(raw.readChunk()).startsWith("data: tick 0");
            raw.close();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sentAfterClose.get()).as("sends after the stream closed").isLessThanOrEqualTo(1);
            handler.get().join(10_000);
            assertThat(handler.get().isAlive()).isFalse();
        }
    }

    @Test
    void aDisconnectStopsABlockThatSleepsBetweenSends() throws Exception {
        App app = app();
        CountDownLatch finished = new CountDownLatch(1);
        app.sse("/clock", (stream, env) -> {
            try {
                while (!stream.isClosed()) {
                    stream.send("tick");
                    Thread.sleep(20);
                }
            } finally {
                finished.countDown();
            }
        });
        try (TestClient client = TestClient.overSocket(app)) {
            RawStream raw = RawStream.get(client.port(), "/clock");
            assertThat(raw.readChunk()).isEqualTo("data: tick\n\n");
            raw.close();
            assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeFromAnotherThreadEndsTheStreamCleanly() throws Exception {
        App app = app();
        BlockingQueue<EventStream> streams = new LinkedBlockingQueue<>();
        CountDownLatch closed = new CountDownLatch(1);
        app.sse("/subscribe", (stream, env) -> {
            stream.onClose(closed::countDown);
            streams.add(stream);
            new CountDownLatch(1).await(); // until the stream closes
        });
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.get(client.port(), "/subscribe")) {
            EventStream stream = streams.poll(10, TimeUnit.SECONDS);
            assertThat(stream).isNotNull();
            stream.send("from a broadcaster", "news", null);
            assertThat(raw.readChunk()).isEqualTo("event: news\ndata: from a broadcaster\n\n");
            stream.close();
            assertThat(stream.isClosed()).isTrue();
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(raw.readChunk()).as("the last chunk: a clean end").isNull();
            assertThatThrownBy(() -> stream.send("too late")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void sendsFromSeveralThreadsAtOnceStayWholeEvents() throws Exception {
        App app = app();
        BlockingQueue<EventStream> streams = new LinkedBlockingQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        app.sse("/shared", (stream, env) -> {
            streams.add(stream);
            done.await(30, TimeUnit.SECONDS);
        });
        int threads = 4, each = 300;
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.get(client.port(), "/shared")) {
            EventStream stream = streams.poll(10, TimeUnit.SECONDS);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int sender = t;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < each; i++) {
                        stream.send(sender + ":" + i + "\n" + "x".repeat(i % 40), "from" + sender, sender + "-" + i);
                    }
                }));
            }
            for (Thread sender : senders) sender.join(30_000);
            done.countDown();
            String all = raw.readAllChunks();
            String[] events = all.split("\n\n");
            assertThat(events).hasSize(threads * each);
            int[] next = new int[threads];
            for (String event : events) {
                String[] lines = event.split("\n");
                int sender = Integer.parseInt(lines[0].substring("event: from".length()));
                int i = next[sender]++;
                assertThat(lines).containsExactly("event: from" + sender, "id: " + sender + "-" + i,
                        "data: " + sender + ":" + i, "data: " + "x".repeat(i % 40));
            }
        }
    }

    @Test
    void aFailingBlockCutsTheStreamShortAndStillRunsOnClose() throws Exception {
        App app = app();
        CountDownLatch closed = new CountDownLatch(1);
        app.sse("/fail", (stream, env) -> {
            stream.onClose(closed::countDown);
            stream.send("one");
            throw new IllegalStateException("the feed broke");
        });
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.get(client.port(), "/fail")) {
            assertThat(raw.readChunk()).isEqualTo("data: one\n\n");
            assertThatThrownBy(raw::readChunk).isInstanceOf(java.io.EOFException.class);
            assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    // ---- routing -----------------------------------------------------------------------------

    @Test
    void sseInARouterWithUrlParams() {
        App app = app();
        Router feeds = new Router("/feeds");
        feeds.sse("/:channel", (stream, env) -> stream.send("channel " + env.params().url("channel")));
        feeds.namespace("/admin", admin -> admin.sse("/audit", (stream, env) -> stream.send("audit")));
        app.mount("/api", feeds);
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/api/feeds/news");
            assertThat(response.contentType()).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(response.body()).isEqualTo("data: channel news\n\n");
            assertThat(client.get("/api/feeds/admin/audit").body()).isEqualTo("data: audit\n\n");
        }
    }

    @Test
    void sseIsAGetRoute() {
        App app = app();
        app.sse("/e", (stream, env) -> stream.send("x"));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.post("/e", "").status()).isEqualTo(404);
        }
    }

    @Test
    void headOnAnSseRouteSendsTheHeadersAndEnds() throws Exception {
        App app = app();
        AtomicInteger blocks = new AtomicInteger();
        app.sse("/events", (stream, env) -> {
            blocks.incrementAndGet();
            new CountDownLatch(1).await(); // an endless stream: HEAD must not wait for it
        });
        app.get("/next", env -> "next");
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.open(client.port(), "HEAD /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertThat(raw.status).isEqualTo(200);
            assertThat(raw.headers)
                    .containsEntry("content-type", "text/event-stream; charset=utf-8")
                    .containsEntry("cache-control", "no-cache")
                    .containsEntry("x-accel-buffering", "no");
            // No body follows: the next response on the connection comes straight after the head.
            raw.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
            raw.readHead();
            assertThat(raw.status).isEqualTo(200);
            assertThat(raw.headers).containsEntry("content-length", "4");
        }
        assertThat(blocks.get()).isZero();
    }

    @Test
    void headOnAnSseRouteDoesNotClaimAnEmptyBody() throws Exception {
        App app = app();
        app.sse("/events", (stream, env) -> stream.send("x"));
        try (TestClient client = TestClient.overSocket(app);
             RawStream raw = RawStream.open(client.port(), "HEAD /events HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertThat(raw.status).isEqualTo(200);
            assertThat(raw.headers.get("content-length")).isNotEqualTo("0");
        }
    }
}
