package guide;

import static guide.StaticFilesSectionTest.mediaType;
import static guide.StaticFilesSectionTest.publicFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** shared/guide-app.md, "Helpers". */
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

    @Test
    void sendFileTakesTheTypeFromTheExtension(TestClient client) throws IOException {
        TestResponse response = client.get("/file");

        assertThat(response.status()).isEqualTo(200);
        assertThat(mediaType(response)).isEqualTo("image/jpeg");
        assertThat(response.bodyBytes()).isEqualTo(publicFile("/images/kemal.jpg"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.bodyBytes()));
        assertThat(image).as("a JPEG the JDK can decode").isNotNull();
        assertThat(image.getWidth()).isPositive();
    }

    @Test
    void sendFileWithAnOverriddenType(TestClient client) throws IOException {
        TestResponse response = client.get("/file-as-jpeg");

        assertThat(response.status()).isEqualTo(200);
        assertThat(mediaType(response)).isEqualTo("image/jpeg");
        assertThat(response.bodyBytes()).isEqualTo(publicFile("/files/data.exe"));
    }

    @Test
    void sendFileWithARegisteredType(TestClient client) throws IOException {
        TestResponse response = client.get("/file.cr");

        assertThat(response.status()).isEqualTo(200);
        assertThat(mediaType(response)).isEqualTo("text/crystal");
        assertThat(response.bodyBytes()).isEqualTo(publicFile("/files/hello.cr"));
    }

    @Test
    void sendFileAppliesTheStaticHeaders(TestClient client) throws IOException {
        // As Kemal's send_file, which calls static_headers with the file's path and stat.
        assertThat(client.get("/file").header("Content-Size"))
                .isEqualTo(String.valueOf(publicFile("/images/kemal.jpg").length));
        assertThat(client.get("/file").header("Access-Control-Allow-Origin")).isNull();
    }
}
