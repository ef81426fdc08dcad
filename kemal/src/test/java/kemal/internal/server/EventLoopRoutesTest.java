package kemal.internal.server;

import static kemal.Route.nonBlocking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import kemal.Router;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes declared {@code nonBlocking} run on the event loop; everything else, and their requests
 * with a body, on virtual threads; and on one connection the answers still come in order. While
 * an earlier request of the connection is still with its virtual thread, or the client is not
 * reading, a non-blocking route runs on a virtual thread too: the answers below allow for that
 * where it can happen.
 */
class EventLoopRoutesTest extends EngineTestBase {

    @BeforeEach
    void routes() {
        app.get("/loop", nonBlocking(env -> where() + " " + env.params().query("n")));
        app.get("/thread", env -> where() + " " + env.params().query("n"));
        app.get("/slow", env -> {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 15));
            return where() + " " + env.params().query("n");
        });
        app.post("/loop", nonBlocking(env -> where() + " " + env.params().query("n") + " " + env.request().body()));
    }

    /** Which kind of thread runs the route. */
    private static String where() {
        return Thread.currentThread().isVirtual() ? "thread" : "loop";
    }

    @Test
    void aNonBlockingRouteRunsOnTheEventLoopAndOthersOnVirtualThreads() throws Exception {
        try (RawClient client = connect()) {
            assertThat(client.send(get("/loop?n=1")).read().text()).isEqualTo("loop 1");
            assertThat(client.send(get("/thread?n=2")).read().text()).isEqualTo("thread 2");
            // The answer can arrive before the handler thread has counted its request done; a
            // request seen before that runs on a virtual thread, which is also correct. Give the
            // thread that moment: then the loop takes the request, behind that answer.
            Thread.sleep(100);
            assertThat(client.send(get("/loop?n=3")).read().text()).isEqualTo("loop 3");
            assertThat(client.send(get("/loop?n=4")).read().text()).isEqualTo("loop 4");
        }
    }

    @Test
    void aRequestWithABodyRunsOnAVirtualThreadEvenForANonBlockingRoute() throws IOException {
        try (RawClient client = connect()) {
            RawResponse response = client.send(post("/loop?n=5", "payload")).read();
            assertThat(response.text()).isEqualTo("thread 5 payload");
        }
    }

    @Test
    void pipelinedRequestsToBothKindsAreAnsweredInOrder() throws Exception {
        int port = start();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                runs.add(clients.submit(() -> {
                    pipelineMixedRequests(port);
                    return null;
                }));
            }
            for (Future<?> run : runs) run.get();
        } finally {
            clients.shutdownNow();
        }
    }

    private static void pipelineMixedRequests(int port) throws IOException {
        String[] paths = {"/loop", "/slow", "/loop", "/thread", "/loop", "/loop"};
        StringBuilder requests = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String path = paths[ThreadLocalRandom.current().nextInt(paths.length)];
            if (i % 17 == 0) {
                requests.append(post("/loop?n=" + i, "b" + i));
                expected.add("thread " + i + " b" + i);
            } else {
                requests.append(get(path + "?n=" + i));
                expected.add((path.equals("/loop") ? "(loop|thread) " : "thread ") + i);
            }
        }
        try (RawClient client = RawClient.connect(port)) {
            client.send(requests.toString());
            for (String answer : expected) {
                RawResponse response = client.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).matches(answer);
            }
            client.assertOpenAndQuiet(50);
        }
    }

    @Test
    void requestsInTurnAlternatingKindsKeepTheirOrder() throws IOException {
        int onLoop = 0;
        try (RawClient client = connect()) {
            for (int i = 0; i < 200; i++) {
                String path = i % 3 == 0 ? "/thread" : "/loop";
                String answer = client.send(get(path + "?n=" + i)).read().text();
                assertThat(answer).matches((i % 3 == 0 ? "thread " : "(loop|thread) ") + i);
                if (answer.startsWith("loop")) onLoop++;
            }
        }
        // A request right after a virtual thread's may find that thread not done yet; most do not.
        assertThat(onLoop).isPositive();
    }

    @Test
    void headOfANonBlockingGetSendsTheHeadersOnly() throws IOException {
        try (RawClient client = connect()) {
            client.send("HEAD /loop?n=7 HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawResponse head = client.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("6");
            assertThat(client.send(get("/loop?n=8")).read().text()).isEqualTo("loop 8");
        }
    }

    @Test
    void filtersSeeThePathParamsAndRunOnTheLoopToo() throws IOException {
        app.beforeGet("/items/:id", env -> env.set("seen", where() + ":" + env.params().url("id")));
        app.get("/items/:id", nonBlocking(env -> env.get("seen") + " " + env.params().url("id")));
        app.afterGet("/items/:id", env -> env.response().header("X-After", where()));
        try (RawClient client = connect()) {
            RawResponse response = client.send(get("/items/42")).read();
            assertThat(response.text()).isEqualTo("loop:42 42");
            assertThat(response.header("X-After")).isEqualTo("loop");
        }
    }

    @Test
    void errorsAndHaltsOnTheLoopGiveTheirPagesAndKeepTheConnection() throws IOException {
        app.get("/boom", nonBlocking(env -> {
            throw new IllegalStateException("boom");
        }));
        app.get("/stop", nonBlocking(env -> kemal.Kemal.halt(env, 403, "no")));
        app.error(404, (env, error) -> "custom 404 " + where());
        try (RawClient client = connect()) {
            assertThat(client.send(get("/boom")).read().status()).isEqualTo(500);
            RawResponse halted = client.send(get("/stop")).read();
            assertThat(halted.status()).isEqualTo(403);
            assertThat(halted.text()).isEqualTo("no");
            RawResponse missing = client.send(get("/nowhere")).read();
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("custom 404 thread");
            assertThat(client.send(get("/loop?n=9")).read().text()).matches("(loop|thread) 9");
        }
    }

    @Test
    void aLargeAnswerToAClientThatReadsSlowlyArrivesWhole() throws Exception {
        String big = "0123456789abcdef".repeat(512 * 1024); // 8 MiB: far past the write buffer's high mark
        app.get("/big", nonBlocking(env -> big));
        try (RawClient client = connect()) {
            client.send(get("/big") + get("/loop?n=10"));
            Thread.sleep(300); // the answer piles up while nobody reads
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo(big);
            assertThat(client.read().text()).matches("(loop|thread) 10"); // not writable: a thread waits
        }
    }

    @Test
    void aStreamedAnswerFromTheLoopIsChunked() throws IOException {
        app.get("/stream", nonBlocking(env -> {
            for (int i = 0; i < 3; i++) {
                env.response().print("part" + i + ";");
                env.response().flush();
            }
            return null;
        }));
        try (RawClient client = connect()) {
            RawResponse response = client.send(get("/stream")).read();
            assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(response.text()).isEqualTo("part0;part1;part2;");
        }
    }

    @Test
    void aFileSentFromTheLoopArrivesWhole() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("loop", ".txt");
        try {
            byte[] bytes = "file body ".repeat(50_000).getBytes();
            java.nio.file.Files.write(file, bytes);
            app.get("/file", nonBlocking(env -> {
                kemal.Kemal.sendFile(env, file.toString());
                return null;
            }));
            try (RawClient client = connect()) {
                client.send(get("/file") + get("/loop?n=11"));
                RawResponse response = client.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(bytes);
                assertThat(client.read().text()).matches("(loop|thread) 11");
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void nonBlockingRoutesWorkInMountedRouters() throws IOException {
        Router api = new Router();
        api.get("/ping/:who", nonBlocking(env -> where() + " pong " + env.params().url("who")));
        app.mount("/api", api);
        try (RawClient client = connect()) {
            assertThat(client.send(get("/api/ping/ann")).read().text()).isEqualTo("loop pong ann");
        }
    }

    @Test
    void aNullBlockIsRefusedWhenDeclared() {
        assertThatThrownBy(() -> nonBlocking(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
