package guide;

import static org.assertj.core.api.Assertions.assertThat;

import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** shared/guide-app.md, "Views". */
class ViewsSectionTest extends GuideAppTestBase {

    @Test
    void aViewWithItsParameterEscaped(TestClient client) {
        TestResponse response = client.get("/views/Kemal");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/html");
        assertThat(response.body().trim()).isEqualTo("Hello Kemal");
        assertThat(client.get("/views/%3Cscript%3Ealert(1)%3C%2Fscript%3E").body())
                .doesNotContain("<script>").contains("Hello &lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void aViewInsideTheLayout(TestClient client) {
        String page = client.get("/layout/Serdar").body();
        assertThat(page).contains("<title>My Kemal Application</title>").contains("Hello Serdar");
        assertThat(page.indexOf("<body>")).isLessThan(page.indexOf("Hello Serdar"));
    }

    @Test
    void contentForLandsInTheLayoutsHead(TestClient client) {
        String page = client.get("/content-for").body();
        String head = page.substring(page.indexOf("<head>"), page.indexOf("</head>"));
        String body = page.substring(page.indexOf("<body>"));
        assertThat(head).contains("<script src=\"/js/page.js\"></script>");
        assertThat(body).contains("this page brings its own script").doesNotContain("<script");
        assertThat(page.split("page\\.js", -1)).hasSize(2);
    }
}
