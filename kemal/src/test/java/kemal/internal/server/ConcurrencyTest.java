package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many clients at once, each answered with its own response. */
class ConcurrencyTest extends EngineTestBase {

    @BeforeEach
    void routes() {
        app.get("/item/:id", env -> {
            int id = Integer.parseInt(env.params().url("id"));
            if (id % 7 == 0) Thread.sleep(20); // some slow ones, so requests overlap
            return "item " + id + " " + env.params().query("q");
        });
        app.post("/echo/:id", env -> env.params().url("id") + ":" + env.request().body());
        app.get("/big/:id", env -> env.params().url("id") + "x".repeat(100_000));
    }

    @Test
    void twoHundredRequestsFromFiftyThreads() throws Exception {
        int port = start();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int id = i;
                results.add(threads.submit(() -> {
                    HttpRequest request = switch (id % 3) {
                        case 0 -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/item/" + id + "?q=" + (id * 3)))
                                .timeout(Duration.ofSeconds(20)).build();
                        case 1 -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo/" + id))
                                .timeout(Duration.ofSeconds(20))
                                .POST(HttpRequest.BodyPublishers.ofString("body of " + id)).build();
                        default -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/big/" + id))
                                .timeout(Duration.ofSeconds(20)).build();
                    };
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
                    String expected = switch (id % 3) {
                        case 0 -> "item " + id + " " + (id * 3);
                        case 1 -> id + ":body of " + id;
                        default -> id + "x".repeat(100_000);
                    };
                    assertThat(response.body()).isEqualTo(expected);
                    return null;
                }));
            }
            for (Future<?> result : results) result.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
            http.close();
        }
    }

    @Test
    void fiftyPipeliningConnectionsAtOnce() throws Exception {
        int port = start();
        ExecutorService threads = Executors.newFixedThreadPool(50);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < 50; c++) {
                int conn = c;
                results.add(threads.submit(() -> {
                    try (RawClient client = RawClient.connect(port)) {
                        StringBuilder requests = new StringBuilder();
                        for (int i = 0; i < 10; i++) {
                            requests.append(get("/item/" + (conn * 10 + i) + "?q=" + i));
                        }
                        client.send(requests.toString());
                        for (int i = 0; i < 10; i++) {
                            assertThat(client.read().text()).isEqualTo("item " + (conn * 10 + i) + " " + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) result.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }
}
