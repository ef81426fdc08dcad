package guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** shared/guide-app.md, "Routes and parameters". */
class RoutesSectionTest extends GuideAppTestBase {

    @Test
    void root(TestClient client) {
        TestResponse response = client.get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello World!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "QUERY"})
    void everyVerbAnswersWithItsName(String method, TestClient client) {
        TestResponse response = client.request(method, "/verbs", Map.of(), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(method);
    }

    @Test
    void urlParametersArePercentDecoded(TestClient client) {
        assertThat(client.get("/hello/kemal").body()).isEqualTo("Hello back to kemal");
        assertThat(client.get("/hello/Serdar%20Dogruyol").body()).isEqualTo("Hello back to Serdar Dogruyol");
        assertThat(client.get("/hello/%C3%A7i%C3%A7ek").body()).isEqualTo("Hello back to çiçek");
    }

    @Test
    void namedAndGlobParameters(TestClient client) {
        assertThat(client.get("/users/1").body()).isEqualTo("Found user 1");
        assertThat(client.get("/dir/and/anything/after").body()).isEqualTo("Found path and/anything/after");
    }

    @Test
    void queryParameters(TestClient client) {
        assertThat(client.get("/resize?width=200&height=300").body()).isEqualTo("200 x 300");
    }

    @Test
    void jsonBody(TestClient client) {
        TestResponse response = client.postJson("/json_params", "{\"name\": \"Serdar\", \"likes\": [\"Ruby\", \"Crystal\"]}");
        assertThat(response.body()).isEqualTo("Serdar likes Ruby,Crystal");
    }

    @Test
    void formBodyGroupsRepeatedKeys(TestClient client) {
        assertThat(client.postForm("/body_params", "name=Serdar&likes=Ruby&likes=Crystal").body())
                .isEqualTo("Serdar likes Ruby,Crystal");
    }

    @Test
    void bracketNamesAreKeptAsTheyAre(TestClient client) {
        assertThat(client.postForm("/body_params_brackets", "likes[]=A&likes[]=B").body()).isEqualTo("A,B");
        assertThat(client.postForm("/body_params_brackets", "likes%5B%5D=A").body()).isEqualTo("A");
    }

    @Test
    void badInputIsAClientError(TestClient client) {
        assertThat(client.get("/hello/%zz").status()).isEqualTo(400);
        assertThat(client.get("/resize?width=%E0%A4").status()).isEqualTo(400);
        TestResponse badJson = client.postJson("/json_params", "{\"name\": ");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body()).contains("JSON");
    }
}
