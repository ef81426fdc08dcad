package kemal.files;

import static kemal.files.Fixtures.app;
import static kemal.files.Fixtures.open;
import static kemal.files.Fixtures.randomBytes;
import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kemal.App;
import kemal.Config;
import kemal.Kemal;
import kemal.StaticOptions;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public folder: what is served, with which headers, and what falls through to the routes. */
class StaticFilesTest {
    @TempDir
    Path root;
    Path pub;
    byte[] png;

    @BeforeEach
    void publicFolder() {
        pub = root.resolve("public");
        write(pub.resolve("index.html"), "<h1>home</h1>");
        write(pub.resolve("js/app.js"), "console.log('app');");
        write(pub.resolve("css/site.css"), "body { color: red }");
        write(pub.resolve("data/info.json"), "{\"a\":1}");
        write(pub.resolve("notes.txt"), "plain notes");
        write(pub.resolve("icon.svg"), "<svg/>");
        write(pub.resolve("blob.unknownext"), "?");
        write(pub.resolve("README"), "no extension");
        write(pub.resolve("empty.txt"), "");
        write(pub.resolve("hello world.txt"), "spaced");
        write(pub.resolve("über.txt"), "umlaut");
        png = randomBytes(4096, 1);
        write(pub.resolve("img/logo.png"), png);
        write(pub.resolve("docs/index.html"), "<h1>docs index</h1>");
        write(pub.resolve("docs/guide.txt"), "guide");
        write(pub.resolve("empty-dir/.keep"), "");
    }

    private App app() {
        return Fixtures.app(pub);
    }

    @Test
    void aNewTopLevelFileIsServedWithinASecondAndNestedOnesAtOnce() throws Exception {
        App app = app();
        app.get("/late.txt", env -> "route");
        try (TestClient client = TestClient.overSocket(app)) {
            assertThat(client.get("/late.txt").body()).isEqualTo("route");
            // Under an existing folder: looked up on the spot.
            write(pub.resolve("js/late.js"), "late");
            assertThat(client.get("/js/late.js").body()).isEqualTo("late");
            // Directly in the public folder: the folder's names are listed again within a second.
            write(pub.resolve("late.txt"), "file");
            long deadline = System.nanoTime() + 3_000_000_000L;
            String body;
            do {
                body = client.get("/late.txt").body();
                if (!body.equals("file")) Thread.sleep(50);
            } while (!body.equals("file") && System.nanoTime() < deadline);
            assertThat(body).isEqualTo("file");
        }
    }

    @BothTransports
    void aFileIsServedWithItsTypeLengthAndValidators(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse response = client.get("/index.html");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("<h1>home</h1>");
            assertThat(response.contentType()).isEqualTo("text/html");
            assertThat(response.header("Content-Length")).isEqualTo("13");
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(response.header("ETag")).startsWith("W/\"");
            assertThat(response.header("Last-Modified")).endsWith(" GMT");
        }
    }

    @BothTransports
    void nestedFilesBinaryFilesAndTheirTypes(Transport transport) {
        try (TestClient client = open(transport, app())) {
            assertThat(client.get("/js/app.js").contentType()).isEqualTo("text/javascript");
            assertThat(client.get("/css/site.css").contentType()).isEqualTo("text/css");
            assertThat(client.get("/data/info.json").contentType()).isEqualTo("application/json");
            assertThat(client.get("/notes.txt").contentType()).isEqualTo("text/plain");
            assertThat(client.get("/icon.svg").contentType()).isEqualTo("image/svg+xml");
            assertThat(client.get("/blob.unknownext").contentType()).isEqualTo("application/octet-stream");
            assertThat(client.get("/README").contentType()).isEqualTo("application/octet-stream");
            TestResponse image = client.get("/img/logo.png");
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.bodyBytes()).isEqualTo(png);
        }
    }

    @BothTransports
    void encodedAndNonAsciiNamesAreServed(Transport transport) {
        try (TestClient client = open(transport, app())) {
            assertThat(client.get("/hello%20world.txt").body()).isEqualTo("spaced");
            assertThat(client.get("/%C3%BCber.txt").body()).isEqualTo("umlaut");
            assertThat(client.get("/%c3%bcber.txt").body()).isEqualTo("umlaut");
            assertThat(client.get("/js/%61pp.js").body()).isEqualTo("console.log('app');");
        }
    }

    @Test
    void aFileAddressedAsADirectoryIsNotServed() {
        App app = app();
        app.get("/notes.txt/", env -> "route for the slash form");
        try (TestClient client = TestClient.inProcess(app)) {
            // As nginx and Apache: "notes.txt/" names a directory, and there is none.
            assertThat(client.get("/notes.txt/").body()).isEqualTo("route for the slash form");
            assertThat(client.get("/js/app.js/").status()).isEqualTo(404);
            assertThat(client.get("/js/app.js").status()).isEqualTo(200);
        }
    }

    @Test
    void namesWithPercentPlusAndSemicolonAreServedWhenEncodedAsUsual() {
        write(pub.resolve("100%.txt"), "percent");
        write(pub.resolve("a+b.txt"), "plus");
        write(pub.resolve("x;y.txt"), "semicolon");
        try (TestClient client = TestClient.inProcess(app())) {
            assertThat(client.get("/100%25.txt").body()).isEqualTo("percent");
            assertThat(client.get("/a+b.txt").body()).isEqualTo("plus");
            assertThat(client.get("/a%2Bb.txt").body()).isEqualTo("plus");
            assertThat(client.get("/x;y.txt").body()).isEqualTo("semicolon");
            assertThat(client.get("/100%.txt").status()).isEqualTo(404); // a broken escape names no file
        }
    }

    @BothTransports
    void anEmptyFileHasContentLengthZero(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse response = client.get("/empty.txt");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo("0");
            assertThat(response.bodyBytes()).isEmpty();
        }
    }

    @BothTransports
    void headHasTheHeadersOfGetAndNoBody(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse get = client.get("/img/logo.png");
            TestResponse head = client.head("/img/logo.png");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.bodyBytes()).isEmpty();
            assertThat(head.header("Content-Length")).isEqualTo("4096");
            assertThat(head.contentType()).isEqualTo("image/png");
            assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
            assertThat(head.header("Last-Modified")).isEqualTo(get.header("Last-Modified"));
        }
    }

    @Test
    void headOverARealSocketSendsNoBodyBytes() {
        try (TestClient client = TestClient.overSocket(app())) {
            byte[] raw = Raw.exchange(client.port(), ("HEAD /img/logo.png HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 200 ");
            assertThat(Raw.headerOf(text, "Content-Length")).isEqualTo("4096");
            assertThat(text).endsWith("\r\n\r\n"); // nothing after the head
        }
    }

    @BothTransports
    void otherMethodsFallThroughToTheRoutes(Transport transport) {
        App app = app();
        app.post("/index.html", env -> "posted");
        app.delete("/notes.txt", env -> "deleted");
        try (TestClient client = open(transport, app)) {
            assertThat(client.post("/index.html", "x").body()).isEqualTo("posted");
            assertThat(client.delete("/notes.txt").body()).isEqualTo("deleted");
            assertThat(client.put("/index.html", "x").status()).isEqualTo(404);
            assertThat(client.options("/index.html").status()).isEqualTo(404);
        }
    }

    @BothTransports
    void aMissingFileFallsThroughToTheRoutes(Transport transport) {
        App app = app();
        app.get("/dynamic", env -> "from the route");
        try (TestClient client = open(transport, app)) {
            assertThat(client.get("/dynamic").body()).isEqualTo("from the route");
            assertThat(client.get("/missing.txt").status()).isEqualTo(404);
            assertThat(client.get("/js/missing.js").status()).isEqualTo(404);
        }
    }

    @Test
    void aFileShadowsARouteWithTheSamePathAndSkipsTheFilters() {
        App app = app();
        List<String> filtered = new CopyOnWriteArrayList<>();
        app.beforeAll(env -> filtered.add(env.request().path()));
        app.get("/notes.txt", env -> "route");
        app.get("/route", env -> "route");
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/notes.txt").body()).isEqualTo("plain notes");
            assertThat(client.get("/route").body()).isEqualTo("route");
            assertThat(filtered).containsExactly("/route");
        }
    }

    @Test
    void aHandlerAddedAtPositionZeroGuardsStaticFilesWhileOrdinaryHandlersRunAfterThem() {
        App app = app();
        List<String> afterStatic = new CopyOnWriteArrayList<>();
        app.addHandler(new kemal.Handler() {
            @Override
            public void call(kemal.Env env) throws Exception {
                afterStatic.add(env.request().path());
                callNext(env);
            }
        });
        app.addHandler(new kemal.Handler() {
            @Override
            public void call(kemal.Env env) throws Exception {
                if (env.request().header("Authorization") == null) {
                    env.response().status(401).print("login first");
                    return;
                }
                callNext(env);
            }
        }, 0);
        app.get("/route", env -> "route");
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse refused = client.get("/notes.txt");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo("login first");
            TestResponse allowed = client.get("/notes.txt", Map.of("Authorization", "Bearer x"));
            assertThat(allowed.body()).isEqualTo("plain notes");
            assertThat(client.get("/route", Map.of("Authorization", "Bearer x")).body()).isEqualTo("route");
        }
        assertThat(afterStatic).containsExactly("/route");
    }

    @Test
    void serveStaticFalseRemovesTheHandler() {
        App app = app();
        app.config().serveStatic(false);
        app.get("/notes.txt", env -> "the route");
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/notes.txt").body()).isEqualTo("the route");
            assertThat(client.get("/index.html").status()).isEqualTo(404);
            assertThat(client.get("/docs").status()).isEqualTo(404); // no directory redirect either
        }
    }

    @Test
    void serveStaticTrueRestoresTheDefaults() {
        App app = app();
        app.config().serveStatic(false).serveStatic(true);
        assertThat(app.config().serveStatic().gzip()).isTrue();
        assertThat(app.config().serveStatic().dirListing()).isFalse();
        assertThat(app.config().serveStatic().dirIndex()).isFalse();
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/notes.txt").body()).isEqualTo("plain notes");
        }
    }

    @Test
    void theDefaultPublicFolderIsDotSlashPublic() {
        Config config = Kemal.create().config();
        assertThat(config.publicFolder()).isEqualTo("./public");
        assertThat(config.serveStatic()).isNotNull();
        assertThat(config.maxRanges()).isEqualTo(16);
    }

    @Test
    void theDslConfiguresTheDefaultApplication() {
        Config config = Kemal.config();
        String folder = config.publicFolder();
        StaticOptions statics = config.serveStatic();
        try {
            Kemal.publicFolder("./assets");
            assertThat(config.publicFolder()).isEqualTo("./assets");
            Kemal.serveStatic(false);
            assertThat(config.serveStatic()).isNull();
            Kemal.serveStatic(Map.of("gzip", false, "dir_listing", true));
            assertThat(config.serveStatic().gzip()).isFalse();
            assertThat(config.serveStatic().dirListing()).isTrue();
            Kemal.serveStatic(true);
            assertThat(config.serveStatic().gzip()).isTrue();
        } finally {
            config.publicFolder(folder).serveStatic(statics);
        }
    }

    @Test
    void aPublicFolderThatDoesNotExistServesNothing() {
        App app = Fixtures.app(root.resolve("nowhere"));
        app.get("/x", env -> "route");
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/x").body()).isEqualTo("route");
            assertThat(client.get("/index.html").status()).isEqualTo(404);
        }
    }

    @Test
    void theGuidesMapFormConfiguresGzipListingAndIndex() {
        App app = app();
        app.config().serveStatic(Map.of("gzip", false, "dir_listing", true));
        assertThat(app.config().serveStatic().gzip()).isFalse();
        assertThat(app.config().serveStatic().dirListing()).isTrue();
        write(pub.resolve("big.txt"), Fixtures.text(5000));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse listing = client.get("/docs/");
            assertThat(listing.status()).isEqualTo(200);
            assertThat(listing.body()).contains("guide.txt");
            TestResponse big = client.get("/big.txt", Map.of("Accept-Encoding", "gzip"));
            assertThat(big.header("Content-Encoding")).isNull();
            assertThat(big.body()).hasSize(5000);
        }
        assertThat(StaticOptions.from(Map.of("dir_index", true)).dirIndex()).isTrue();
        assertThat(StaticOptions.from(Map.of("gzip", true, "dir_listing", false)).gzip()).isTrue();
        assertThatThrownBy(() -> StaticOptions.from(Map.of("dir_listin", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dir_listin");
    }

    // ---- directories ------------------------------------------------------------------------

    @BothTransports
    void aDirectoryWithoutTrailingSlashRedirectsToTheSlashFormKeepingTheQuery(Transport transport) {
        try (TestClient client = open(transport, app())) {
            TestResponse plain = client.get("/docs");
            assertThat(plain.status()).isEqualTo(302);
            assertThat(plain.header("Location")).isEqualTo("/docs/");
            TestResponse query = client.get("/docs?lang=en&x=%20");
            assertThat(query.status()).isEqualTo(302);
            assertThat(query.header("Location")).isEqualTo("/docs/?lang=en&x=%20");
            TestResponse head = client.head("/empty-dir");
            assertThat(head.status()).isEqualTo(302);
            assertThat(head.header("Location")).isEqualTo("/empty-dir/");
        }
    }

    @Test
    void aDirectoryWithSlashFallsThroughWhenNeitherListingNorIndexIsOn() {
        App app = app();
        app.get("/docs/", env -> "docs route");
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/docs/").body()).isEqualTo("docs route");
            assertThat(client.get("/").status()).isEqualTo(404);
            assertThat(client.get("/css/").status()).isEqualTo(404);
        }
    }

    @Test
    void dirIndexServesIndexHtmlAtTheRootAndInSubdirectories() {
        App app = app();
        app.config().serveStatic(new StaticOptions().dirIndex(true));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse home = client.get("/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.body()).isEqualTo("<h1>home</h1>");
            assertThat(home.contentType()).isEqualTo("text/html");
            assertThat(home.header("ETag")).isNotNull();
            assertThat(client.get("/docs/").body()).isEqualTo("<h1>docs index</h1>");
            TestResponse notModified = client.get("/docs/", Map.of("If-None-Match", client.get("/docs/").header("ETag")));
            assertThat(notModified.status()).isEqualTo(304);
            // Without an index.html and without listing, the directory falls through.
            assertThat(client.get("/css/").status()).isEqualTo(404);
        }
    }

    @Test
    void dirIndexWinsOverTheListing() {
        App app = app();
        app.config().serveStatic(new StaticOptions().dirIndex(true).dirListing(true));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/docs/").body()).isEqualTo("<h1>docs index</h1>");
            assertThat(client.get("/css/").body()).contains("site.css");
        }
    }

    @BothTransports
    void theListingIsEscapedHtmlWithWorkingLinksAndNoHiddenFiles(Transport transport) throws IOException {
        Path dir = pub.resolve("list");
        write(dir.resolve("<script>alert(1)<script>.txt"), "xss");
        write(dir.resolve("a&b \"q\" 'x'.txt"), "amp");
        write(dir.resolve("plain.txt"), "plain");
        write(dir.resolve("ünï cödé.txt"), "unicode");
        write(dir.resolve("sub/inner.txt"), "inner");
        write(dir.resolve(".env"), "SECRET=1");
        write(dir.resolve(".hidden/x.txt"), "hidden");
        App app = app();
        app.config().serveStatic(new StaticOptions().dirListing(true));
        try (TestClient client = open(transport, app)) {
            TestResponse listing = client.get("/list/");
            assertThat(listing.status()).isEqualTo(200);
            assertThat(listing.contentType()).isEqualTo("text/html; charset=utf-8");
            String html = listing.body();
            assertThat(html).contains("Directory listing for /list/");
            assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;script&gt;.txt");
            assertThat(html).contains("a&amp;b &quot;q&quot;");
            assertThat(html).doesNotContain(".env").doesNotContain(".hidden").doesNotContain("SECRET");
            assertThat(html).contains("plain.txt").contains("sub").contains("ünï cödé.txt");
            // Every link leads to the entry it names.
            Matcher links = Pattern.compile("<a href=\"([^\"]*)\">([^<]*)</a>").matcher(html);
            int count = 0;
            while (links.find()) {
                count++;
                String href = links.group(1).replace("&amp;", "&");
                assertThat(href).doesNotContain(" ").doesNotContain("<").doesNotContain("\"");
                String target = href.startsWith("/") ? href : "/list/" + href;
                TestResponse followed = client.get(target);
                assertThat(followed.status()).as(target).isIn(200, 302, 404);
                if (href.startsWith("sub")) {
                    assertThat(client.get("/list/sub/inner.txt").body()).isEqualTo("inner");
                } else {
                    assertThat(followed.status()).as(target).isEqualTo(200);
                }
            }
            assertThat(count).isEqualTo(5);
            assertThat(client.get("/list/%3Cscript%3Ealert(1)%3Cscript%3E.txt").body()).isEqualTo("xss");
        }
    }

    @Test
    void theListingOfAnEscapedDirectoryNameIsEscapedToo() {
        Path dir = pub.resolve("<b>dir</b>");
        write(dir.resolve("f.txt"), "f");
        App app = app();
        app.config().serveStatic(new StaticOptions().dirListing(true));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse listing = client.get("/%3Cb%3Edir%3C/b%3E/");
            assertThat(listing.status()).isEqualTo(200);
            assertThat(listing.body()).doesNotContain("<b>").contains("f.txt");
        }
    }

    // ---- hidden files ------------------------------------------------------------------------

    @BothTransports
    void hiddenFilesAreNotServedButWellKnownIs(Transport transport) {
        write(pub.resolve(".env"), "SECRET=hunter2");
        write(pub.resolve(".git/config"), "[core] secret");
        write(pub.resolve("sub/.htpasswd"), "admin:secret");
        write(pub.resolve(".well-known/security.txt"), "Contact: mailto:sec@example.org");
        write(pub.resolve(".well-known/acme-challenge/token"), "acme");
        try (TestClient client = open(transport, app())) {
            assertThat(client.get("/.env").status()).isEqualTo(404);
            assertThat(client.get("/.git/config").status()).isEqualTo(404);
            assertThat(client.get("/.git/").status()).isEqualTo(404);
            assertThat(client.get("/.git").status()).isEqualTo(404);
            assertThat(client.get("/sub/.htpasswd").status()).isEqualTo(404);
            assertThat(client.get("/%2eenv").status()).isEqualTo(404);
            for (String path : List.of("/.env", "/.git/config", "/sub/.htpasswd", "/%2eenv", "/.git/")) {
                assertThat(client.get(path).body()).doesNotContain("secret").doesNotContain("SECRET");
            }
            TestResponse wellKnown = client.get("/.well-known/security.txt");
            assertThat(wellKnown.status()).isEqualTo(200);
            assertThat(wellKnown.body()).isEqualTo("Contact: mailto:sec@example.org");
            assertThat(client.get("/.well-known/acme-challenge/token").body()).isEqualTo("acme");
        }
    }

    @Test
    void repeatedSlashesRedirectToTheCollapsedPath() {
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/js//app.js?v=1");
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).isEqualTo("/js/app.js?v=1");
            assertThat(client.get(response.header("Location")).body()).isEqualTo("console.log('app');");
        }
    }

    // ---- static_headers ------------------------------------------------------------------------

    @BothTransports
    void theGuidesStaticHeadersExampleRunsForEveryStaticFile(Transport transport) throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        App app = app();
        app.config().staticHeaders((response, filePath, fileInfo) -> {
            seen.add(filePath);
            if (filePath.endsWith(".html")) response.headers().add("Access-Control-Allow-Origin", "*");
            response.headers().add("Content-Size", String.valueOf(fileInfo.size()));
        });
        try (TestClient client = open(transport, app)) {
            TestResponse html = client.get("/index.html");
            assertThat(html.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(html.header("Content-Size")).isEqualTo("13");
            TestResponse js = client.get("/js/app.js");
            assertThat(js.header("Access-Control-Allow-Origin")).isNull();
            assertThat(js.header("Content-Size")).isEqualTo(String.valueOf("console.log('app');".length()));
            TestResponse head = client.head("/img/logo.png");
            assertThat(head.header("Content-Size")).isEqualTo("4096");
        }
        Path realPublic = pub.toRealPath();
        assertThat(seen).containsExactly(realPublic.resolve("index.html").toString(),
                realPublic.resolve("js/app.js").toString(), realPublic.resolve("img/logo.png").toString());
    }

    @Test
    void staticHeadersSeeTheFileAttributes() throws IOException {
        List<BasicFileAttributes> infos = new CopyOnWriteArrayList<>();
        App app = app();
        app.config().staticHeaders((response, filePath, fileInfo) -> infos.add(fileInfo));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/img/logo.png");
        }
        assertThat(infos).hasSize(1);
        BasicFileAttributes expected = Files.readAttributes(pub.resolve("img/logo.png"), BasicFileAttributes.class);
        assertThat(infos.get(0).size()).isEqualTo(4096);
        assertThat(infos.get(0).isRegularFile()).isTrue();
        assertThat(infos.get(0).lastModifiedTime()).isEqualTo(expected.lastModifiedTime());
    }
}
