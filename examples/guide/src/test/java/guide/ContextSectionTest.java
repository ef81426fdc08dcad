package guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** shared/guide-app.md, "Context". */
class ContextSectionTest extends GuideAppTestBase {

    @Test
    void jsonWithItsContentType(TestClient client) {
        TestResponse response = client.get("/user.json");
        assertThat(response.body()).isEqualTo("{\"name\":\"Kemal\",\"language\":\"Crystal\"}");
        assertThat(response.contentType()).isEqualTo("application/json");
    }

    @Test
    void responseHeaders(TestClient client) {
        TestResponse response = client.get("/headers");
        assertThat(response.header("Accept-Language")).isEqualTo("tr");
        assertThat(response.header("Authorization")).isEqualTo("Token 12345");
    }

    @Test
    void aStatusWithAnErrorHandlerRendersIt(TestClient client) {
        TestResponse response = client.get("/status-code");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("This is a customized 404 page.");
    }

    @Test
    void contextStorageFromAFilter(TestClient client) {
        assertThat(client.get("/context").body()).isEqualTo("Kemal cool = true");
        assertThat(client.get("/context-missing").body()).isEqualTo("missing = null");
        assertThat(client.get("/context-user").body()).isEqualTo("dummy-user");
    }

    @Test
    void requestProperties(TestClient client) {
        TestResponse response = client.get("/request-info?lang=cr", Map.of("X-Test", "yes"));
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"method\":\"GET\",\"path\":\"/request-info\","
                + "\"resource\":\"/request-info?lang=cr\",\"version\":\"HTTP/1.1\",\"x_test\":\"yes\"}");
    }
}
