package guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** shared/guide-app.md, "Filters" and "Middleware". */
class FiltersAndMiddlewareTest extends GuideAppTestBase {

    @Test
    void beforeGetSetsTheContentType(TestClient client) {
        TestResponse response = client.get("/foo");
        assertThat(response.body()).isEqualTo("{\"name\":\"Kemal\"}");
        assertThat(response.contentType()).isEqualTo("application/json");
    }

    @Test
    void beforeAllCoversPutAndPost(TestClient client) {
        for (String method : new String[] {"PUT", "POST"}) {
            TestResponse response = client.request(method, "/foo", Map.of(), null);
            assertThat(response.body()).isEqualTo("{\"name\":\"Kemal\"}");
            assertThat(response.contentType()).isEqualTo("application/json");
        }
    }

    @Test
    void filtersRunInKemalsOrder(TestClient client) {
        assertThat(client.get("/filters/order").header("X-Order"))
                .isEqualTo("before_all,before_get,route,after_get,after_all");
    }

    @Test
    void customHandlerOnEveryDynamicResponse(TestClient client) {
        assertThat(client.get("/").header("X-Custom")).isEqualTo("1");
        assertThat(client.get("/no-such-page").header("X-Custom")).isEqualTo("1");
        assertThat(client.get("/value-error").header("X-Custom")).isEqualTo("1");
    }

    @Test
    void onlyHandler(TestClient client) {
        TestResponse specials = client.get("/specials");
        assertThat(specials.header("X-Only")).isEqualTo("1");
        assertThat(specials.body()).isEqualTo("specials");
        TestResponse deals = client.get("/deals");
        assertThat(deals.header("X-Only")).isEqualTo("1");
        assertThat(deals.body()).isEqualTo("deals");
        assertThat(client.get("/blogs").header("X-Only")).isNull();
    }

    @Test
    void postOnlyHandler(TestClient client) {
        assertThat(client.post("/blogs", "").header("X-Post-Only")).isEqualTo("1");
        assertThat(client.get("/blogs").header("X-Post-Only")).isNull();
    }

    @Test
    void excludeHandler(TestClient client) {
        assertThat(client.get("/").header("X-Exclude")).isNull();
        assertThat(client.get("/specials").header("X-Exclude")).isEqualTo("1");
        assertThat(client.get("/no-such-page").header("X-Exclude")).isEqualTo("1");
        assertThat(client.post("/blogs", "").header("X-Exclude")).isEqualTo("1");
    }
}
