package guide;

import static org.assertj.core.api.Assertions.assertThat;

import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** shared/guide-app.md, "Operations". */
class OperationsSectionTest extends GuideAppTestBase {

    @Test
    void health(TestClient client) {
        TestResponse response = client.get("/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).startsWith("{\"status\":\"healthy\",");
    }

    @Test
    void readinessAndLiveness(TestClient client) {
        TestResponse ready = client.get("/ready");
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\"}");
        assertThat(ready.contentType()).isEqualTo("application/json");
        TestResponse live = client.get("/live");
        assertThat(live.body()).isEqualTo("{\"status\":\"alive\"}");
        assertThat(live.contentType()).isEqualTo("application/json");
    }
}
