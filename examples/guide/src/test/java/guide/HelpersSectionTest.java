package guide;

import static org.assertj.core.api.Assertions.assertThat;

import kemal.test.KemalTest;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** shared/guide-app.md, "Helpers" (the /file rows come with static files). */
@KemalTest(transport = KemalTest.Transport.SOCKET) // see GuideAppTestBase
class HelpersSectionTest extends GuideAppTestBase {

    @Test
    void redirect(TestClient client) {
        TestResponse response = client.get("/logout");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/login");
        assertThat(client.get("/login").body()).isEqualTo("Please log in");
    }

    @Test
    void halt(TestClient client) {
        TestResponse response = client.get("/forbidden");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("Forbidden");
    }

    @Test
    void exceptionHandler(TestClient client) {
        TestResponse response = client.get("/value-error");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("Something has gone wrong");
    }

    @Test
    void firstDeclaredMatchingAncestorWins(TestClient client) {
        assertThat(client.get("/child-error").body()).isEqualTo("Grandparent exception");
    }

    @Test
    void statusHandlerFiresWhenARouteSetsTheStatus(TestClient client) {
        TestResponse response = client.get("/status-403");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("Access Forbidden!");
    }

    @Test
    void customNotFoundPage(TestClient client) {
        TestResponse response = client.get("/no-such-page");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("This is a customized 404 page.");
    }
}
