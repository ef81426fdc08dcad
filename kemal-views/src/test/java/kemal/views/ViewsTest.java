package kemal.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.jte.TemplateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewsTest {
    static final Path TEMPLATES = Path.of("src", "test", "jte");

    @BeforeAll
    static void useTestTemplates() {
        Views.engine(JteTemplates.hotReload(TEMPLATES));
    }

    @Test
    void rendersAViewWithItsModel() {
        assertThat(Views.render("hello.jte", Map.of("name", "Kemal")).trim()).isEqualTo("Hello Kemal");
    }

    @Test
    void outputIsEscapedUnlessRawIsAskedFor() {
        String html = Views.render("raw.jte", Map.of("html", "<b>\"x\" & 'y'</b>"));
        // Context-sensitive: quotes need no escaping in text, but do inside an attribute.
        assertThat(html).contains("escaped=&lt;b&gt;\"x\" &amp; 'y'&lt;/b&gt;");
        assertThat(html).contains("<a title=\"&lt;b>&#34;x&#34; &amp; &#39;y&#39;&lt;/b>\">");
        assertThat(html).contains("raw=<b>\"x\" & 'y'</b>");
        assertThat(Views.render("hello.jte", Map.of("name", "<script>alert(1)</script>")))
                .doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void aLayoutReceivesTheViewAsContent() {
        String page = Views.render("subview.jte", "layouts/layout.jte", Map.of("name", "Kemal"));
        assertThat(page).contains("<title>My Kemal Application</title>");
        assertThat(page).contains("<body>\n<p>Hello Kemal</p>");
    }

    @Test
    void contentForIsYieldedByTheLayoutInOrderAndOnce() {
        String page = Views.render("content_for.jte", "layouts/layout.jte", Map.of("name", "Kemal"));
        String head = page.substring(page.indexOf("<head>"), page.indexOf("</head>"));
        assertThat(head).contains("<script src=\"/js/page.js\"></script>");
        assertThat(head.indexOf("page.js")).isLessThan(head.indexOf("more.js"));
        String body = page.substring(page.indexOf("<body>"));
        assertThat(body).contains("<p>Hello Kemal</p>").doesNotContain("<script");
        assertThat(countOf(page, "page.js")).isEqualTo(1);
        // An absent key yields nothing.
        assertThat(page).contains("<footer></footer>");
        // Rendering again neither repeats nor accumulates captures (Kemal's duplicated output).
        String again = Views.render("content_for.jte", "layouts/layout.jte", Map.of("name", "Kemal"));
        assertThat(again).isEqualTo(page);
        // A view rendered without layout keeps its captures to itself.
        assertThat(Views.render("content_for.jte", Map.of("name", "x"))).doesNotContain("<script");
        // And a later layout render of another view does not see them.
        assertThat(Views.render("subview.jte", "layouts/layout.jte", Map.of("name", "y"))).doesNotContain("<script");
    }

    @Test
    void concurrentRendersKeepTheirCapturesApart() throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> pages = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String view = i % 2 == 0 ? "content_for.jte" : "subview.jte";
                Callable<String> render = () -> Views.render(view, "layouts/layout.jte", Map.of("name", "n"));
                pages.add(pool.submit(render));
            }
            for (int i = 0; i < pages.size(); i++) {
                assertThat(countOf(pages.get(i).get(), "page.js")).isEqualTo(i % 2 == 0 ? 1 : 0);
            }
        }
    }

    @Test
    void rendererWithACommonFolderAndLayout() {
        Renderer page = Views.renderer("", "layouts/layout.jte");
        assertThat(page.render("subview", Map.of("name", "Kemal"))).contains("<title>My Kemal Application</title>")
                .contains("<p>Hello Kemal</p>");
        assertThat(page.render("subview.jte", Map.of("name", "Kemal"))).contains("<p>Hello Kemal</p>");
    }

    @Test
    void contentForOutsideARenderIsAnError() {
        assertThatThrownBy(() -> Views.contentFor("x", output -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void templatesSeeTheRequestsEnvAndRoutesReturnTheHtml() {
        App app = Kemal.create();
        app.config().logging(false);
        app.get("/docs/context", env -> Views.render("request.jte"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/docs/context?lang=cr");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/html");
            assertThat(response.body().trim()).isEqualTo("path=/docs/context lang=cr");
        }
    }

    @Test
    void aTemplateErrorNamesTheTemplateAndLine() {
        assertThatThrownBy(() -> Views.render("broken.jte", Map.of("name", "x")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("broken.jte:3");
    }

    @Test
    void theDevelopmentErrorPageShowsTheTemplateAndLine() {
        App app = Kemal.create();
        app.config().logging(false).env("development");
        app.get("/broken", env -> Views.render("broken.jte", Map.of("name", "x")));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/broken");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("broken.jte:3");
        }
    }

    @Test
    void editsShowOnTheNextRenderWithoutRestart(@TempDir Path folder) throws Exception {
        Path template = folder.resolve("live.jte");
        Files.writeString(template, "@param String name\nversion one ${name}\n");
        TemplateEngine live = JteTemplates.hotReload(folder);
        assertThat(live.render("live.jte", Map.of("name", "a")).trim()).isEqualTo("version one a");
        Files.writeString(template, "@param String name\nversion two ${name}\n");
        // File systems with coarse timestamps: make the change visible to the modification check.
        Files.setLastModifiedTime(template, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(live.render("live.jte", Map.of("name", "b")).trim()).isEqualTo("version two b");
    }

    @Test
    void anotherEngineCanBePlugged() {
        TemplateEngine previous = Views.engine();
        try {
            Views.engine(new TemplateEngine() {
                @Override
                public String render(String template, Map<String, Object> params) {
                    return template.equals("layout") ? "[" + params.get("content") + "]" : "view:" + params.get("name");
                }
            });
            assertThat(Views.render("v", "layout", Map.of("name", "x"))).isEqualTo("[view:x]");
        } finally {
            Views.engine(previous);
        }
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) count++;
        return count;
    }
}
