package kemal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import kemal.App;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** The guide's "Routes" section and Kemal's matching rules (reference §1, §1.1, §1.3, §1.4). */
class RoutingTest extends ApiTest {
    static final String NOT_FOUND_TEXT = "Kemal doesn't know this way.";

    @Override
    void routes(App app) {
        app.get("/", env -> "Hello World!");
        app.get("/verbs", env -> "GET");
        app.post("/verbs", env -> "POST");
        app.put("/verbs", env -> "PUT");
        app.patch("/verbs", env -> "PATCH");
        app.delete("/verbs", env -> "DELETE");
        app.options("/verbs", env -> "OPTIONS");
        app.query("/verbs", env -> "QUERY");
        app.route("PROPFIND", "/dav", env -> "PROPFIND " + env.request().method());
        app.route("mkcol", "/dav", env -> "MKCOL");

        // Static beats :param whatever the declaration order.
        app.get("/users/:id", env -> "user " + env.params().url("id"));
        app.get("/users/new", env -> "new user form");
        app.get("/orders/:id", env -> "order " + env.params().url("id"));
        app.get("/orders/closed", env -> "closed orders");
        app.get("/files/*anything", env -> "glob " + env.params().url("anything"));
        app.get("/files/closed", env -> "closed files");
        app.get("/h/:id", env -> "param " + env.params().url("id"));
        app.get("/h/*rest", env -> "rest " + env.params().url("rest"));
        app.get("/products/:id/edit", env -> "edit " + env.params().url("id"));
        // A static branch that fails deeper down backtracks to the parameter.
        app.get("/b/static/x", env -> "static x");
        app.get("/b/:p/y", env -> "param y " + env.params().url("p"));

        app.get("/about", env -> "about");
        app.get("/both", env -> "without slash");
        app.get("/both/", env -> "with slash");
        app.get("/members*trailing", env -> "members [" + env.params().url("trailing") + "]");
        app.get("/file/:name.json", env -> "param called name.json = " + env.params().url("name.json")
                + ", name = " + env.params().url("name"));
        app.get("/big", env -> "x".repeat(40_000));
        app.get("/contact/", env -> "contact");
        app.get("/search/*extra", env -> "search [" + env.params().url("extra") + "]");
        app.get("/dir/*all", env -> "Found path " + env.params().url("all"));

        // Same prefix, different parameter names: both reachable (DESIGN §7).
        app.get("/u/:id", env -> "u id=" + env.params().url("id"));
        app.get("/u/:name/posts", env -> "posts of " + env.params().url("name"));

        app.get("/head", env -> {
            env.response().header("X-Route", "get");
            return "a body of 17 chrs";
        });
        app.get("/head/explicit", env -> "from GET");
        app.head("/head/explicit", env -> {
            env.response().header("X-Route", "head");
            return null;
        });
        app.post("/post-only", env -> "posted");
        app.get("/get-only", env -> "got");

        app.query("/q", env -> "query ok " + env.params().body("name") + " " + env.params().json().get("name"));
    }

    // ---- verbs ------------------------------------------------------------------------------

    @BothTransports
    void everyVerbReachesItsOwnRoute(Transport transport) {
        TestClient client = client(transport);
        for (String verb : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "QUERY")) {
            TestResponse response = client.request(verb, "/verbs", Map.of(), null);
            assertThat(response.status()).as(verb).isEqualTo(200);
            assertThat(response.body()).as(verb).isEqualTo(verb);
        }
    }

    @BothTransports
    void helloWorld(Transport transport) {
        TestResponse response = client(transport).get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Hello World!");
        assertThat(response.contentType()).isEqualTo("text/html");
        assertThat(response.header("Content-Length")).isEqualTo("12");
    }

    @BothTransports
    void anyMethodCanBeRouted(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.request("PROPFIND", "/dav", Map.of(), null).body()).isEqualTo("PROPFIND PROPFIND");
        assertThat(client.request("MKCOL", "/dav", Map.of(), null).body()).isEqualTo("MKCOL");
        assertThat(client.get("/dav").status()).isEqualTo(404);
    }

    @Test
    void anInvalidMethodIsRefusedAtDeclaration() {
        App app = newApp();
        assertThatThrownBy(() -> app.route("BAD METHOD", "/x", env -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid HTTP method");
        assertThatThrownBy(() -> app.route(null, "/x", env -> "x")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- radix priority ---------------------------------------------------------------------

    @BothTransports
    void staticBeatsParamWhateverTheOrder(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/users/new").body()).isEqualTo("new user form");
        assertThat(client.get("/users/7").body()).isEqualTo("user 7");
        assertThat(client.get("/orders/closed").body()).isEqualTo("closed orders");
        assertThat(client.get("/orders/10").body()).isEqualTo("order 10");
    }

    @BothTransports
    void staticBeatsGlob(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/files/closed").body()).isEqualTo("closed files");
        assertThat(client.get("/files/cancelled").body()).isEqualTo("glob cancelled");
    }

    @BothTransports
    void paramBeatsGlobForOneSegment(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/h/5").body()).isEqualTo("param 5");
        assertThat(client.get("/h/5/6").body()).isEqualTo("rest 5/6");
    }

    @BothTransports
    void aFailedStaticBranchBacktracksToTheParam(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/b/static/x").body()).isEqualTo("static x");
        assertThat(client.get("/b/static/y").body()).isEqualTo("param y static");
        assertThat(client.get("/b/other/y").body()).isEqualTo("param y other");
    }

    @BothTransports
    void aPrefixOfARouteIsNotARoute(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/products/10/edit").body()).isEqualTo("edit 10");
        assertThat(client.get("/products/10").status()).isEqualTo(404);
        // Named segments are never empty.
        assertThat(client.get("/products//edit").status()).isEqualTo(404);
    }

    @BothTransports
    void matchingIsCaseSensitive(Transport transport) {
        assertThat(client(transport).get("/About").status()).isEqualTo(404);
    }

    @BothTransports
    void theQueryStringIsIgnoredForMatching(Transport transport) {
        assertThat(client(transport).get("/about?x=1").body()).isEqualTo("about");
    }

    @BothTransports
    void aRootGlobTakesWhatNothingElseMatches(Transport transport) {
        App app = newApp();
        app.get("/*anything", env -> "glob " + env.params().url("anything"));
        app.get("/robots.txt", env -> "robots");
        app.get("/resources", env -> "resources");
        try (TestClient client = transport.open(app)) {
            assertThat(client.get("/robots.txt").body()).isEqualTo("robots");
            assertThat(client.get("/resources").body()).isEqualTo("resources");
            assertThat(client.get("/reviews").body()).isEqualTo("glob reviews");
            assertThat(client.get("/").body()).isEqualTo("glob ");
        }
    }

    // ---- trailing slash, optional glob ------------------------------------------------------

    @BothTransports
    void oneTrailingSlashIsToleratedBothWays(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/about/").body()).isEqualTo("about");
        assertThat(client.get("/contact").body()).isEqualTo("contact");
        assertThat(client.get("/contact/").body()).isEqualTo("contact");
        assertThat(client.get("/users/42/").body()).isEqualTo("user 42");
        assertThat(client.get("/about//").status()).isEqualTo(404);
    }

    @BothTransports
    void aGlobIsOptional(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/search").body()).isEqualTo("search []");
        assertThat(client.get("/search/").body()).isEqualTo("search []");
        assertThat(client.get("/search/a/b").body()).isEqualTo("search [a/b]");
    }

    @BothTransports
    void aRouteWithAndWithoutTrailingSlashEachGetTheirOwn(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/both").body()).isEqualTo("without slash");
        assertThat(client.get("/both/").body()).isEqualTo("with slash");
    }

    @BothTransports
    void aGlobNeedNotFollowASlash(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/members").body()).isEqualTo("members []");
        assertThat(client.get("/members/42").body()).isEqualTo("members [/42]");
        assertThat(client.get("/membership").body()).isEqualTo("members [hip]");
    }

    @BothTransports
    void aParamNameRunsToTheNextSlash(Transport transport) {
        assertThat(client(transport).get("/file/report.json").body())
                .isEqualTo("param called name.json = report.json, name = null");
    }

    @BothTransports
    void aGlobCapturesTheRestOfThePath(Transport transport) {
        assertThat(client(transport).get("/dir/and/anything/after").body())
                .isEqualTo("Found path and/anything/after");
    }

    // ---- declarations -----------------------------------------------------------------------

    @Test
    void aPathMustStartWithASlash() {
        App app = newApp();
        assertThatThrownBy(() -> app.get("route", env -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Route declaration get \"route\" needs to start with '/', should be get \"/route\"");
        assertThatThrownBy(() -> app.query("q", env -> "x"))
                .hasMessage("Route declaration query \"q\" needs to start with '/', should be query \"/q\"");
        assertThatThrownBy(() -> app.get(null, env -> "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRouteNeedsABlock() {
        App app = newApp();
        assertThatThrownBy(() -> app.get("/a", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Route GET /a has no block");
        assertThatThrownBy(() -> app.route("PROPFIND", "/a", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDuplicateRouteIsRefused() {
        App app = newApp();
        app.get("/a", env -> "a");
        assertThatThrownBy(() -> app.get("/a", env -> "again"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET")
                .hasMessageContaining("Duplicate route")
                .hasMessageContaining("/a");
        // The same path under another verb is another route.
        app.post("/a", env -> "post a");
    }

    @Test
    void aRouteDifferingOnlyByParamNameIsRefused() {
        App app = newApp();
        app.get("/u/:id", env -> "id");
        assertThatThrownBy(() -> app.get("/u/:name", env -> "name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/u/:name")
                .hasMessageContaining("conflicts with /u/:id");
        app.get("/g/*a", env -> "a");
        assertThatThrownBy(() -> app.get("/g/*b", env -> "b"))
                .hasMessageContaining("conflicts with /g/*a");
    }

    @BothTransports
    void routesSharingAPrefixWithDifferentParamNamesBothWork(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/u/5").body()).isEqualTo("u id=5");
        assertThat(client.get("/u/5/posts").body()).isEqualTo("posts of 5");
    }

    @BothTransports
    void paramsOfDifferentNamesAtTheRoot(Transport transport) {
        App app = newApp();
        app.get("/:post", env -> "post " + env.params().url("post"));
        app.get("/:category/:post", env -> env.params().url("category") + " / " + env.params().url("post"));
        try (TestClient client = transport.open(app)) {
            assertThat(client.get("/hello").body()).isEqualTo("post hello");
            assertThat(client.get("/news/hello").body()).isEqualTo("news / hello");
        }
    }

    // ---- HEAD -------------------------------------------------------------------------------

    @BothTransports
    void headRunsTheGetRouteWithoutBody(Transport transport) {
        TestClient client = client(transport);
        TestResponse get = client.get("/head");
        TestResponse head = client.head("/head");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo("17").isEqualTo(get.header("Content-Length"));
        assertThat(head.contentType()).isEqualTo("text/html");
        assertThat(head.header("X-Route")).isEqualTo("get");
    }

    @BothTransports
    void headCountsALargeBodyWithoutSendingIt(Transport transport) {
        TestResponse head = client(transport).head("/big");
        assertThat(head.header("Content-Length")).isEqualTo("40000");
        assertThat(head.header("Transfer-Encoding")).isNull();
        assertThat(head.body()).isEmpty();
    }

    @BothTransports
    void aHeadRouteAddedLaterReplacesTheCachedGetFallback(Transport transport) {
        App app = newApp();
        app.get("/late/:id", env -> {
            env.response().header("X-Route", "get");
            return "from GET";
        });
        try (TestClient client = transport.open(app)) {
            assertThat(client.head("/late/1").header("X-Route")).isEqualTo("get");
            app.head("/late/:id", env -> {
                env.response().header("X-Route", "head");
                return null;
            });
            assertThat(client.head("/late/1").header("X-Route")).isEqualTo("head");
            assertThat(client.get("/late/1").body()).isEqualTo("from GET");
        }
    }

    @BothTransports
    void anExplicitHeadRouteWins(Transport transport) {
        TestResponse head = client(transport).head("/head/explicit");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("X-Route")).isEqualTo("head");
        assertThat(head.header("Content-Length")).isEqualTo("0");
        assertThat(head.body()).isEmpty();
        assertThat(client(transport).get("/head/explicit").body()).isEqualTo("from GET");
    }

    @BothTransports
    void headNeverFallsBackToOtherVerbs(Transport transport) {
        TestClient client = client(transport);
        TestResponse head = client.head("/post-only");
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        assertThat(client.head("/verbs").status()).isEqualTo(200);
        assertThat(client.request("HEAD", "/q", Map.of(), null).status()).isEqualTo(404);
    }

    @BothTransports
    void headOfAnUnknownRouteIsA404WithoutBody(Transport transport) {
        TestClient client = client(transport);
        TestResponse get = client.get("/nowhere");
        TestResponse head = client.head("/nowhere");
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length"));
    }

    // ---- not found, no 405, no automatic OPTIONS ----------------------------------------------

    @BothTransports
    void anUnknownRouteIsTheKemal404Page(Transport transport) {
        TestResponse response = client(transport).get("/nowhere");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("text/html");
        assertThat(response.body()).contains(NOT_FOUND_TEXT);
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.bodyBytes().length));
    }

    @BothTransports
    void anAppWithoutRoutesAnswers404(Transport transport) {
        try (TestClient client = transport.open(newApp())) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).contains(NOT_FOUND_TEXT);
        }
    }

    @BothTransports
    void aWrongMethodIsA404NotA405(Transport transport) {
        TestClient client = client(transport);
        TestResponse post = client.post("/get-only", "x");
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.header("Allow")).isNull();
        assertThat(post.body()).contains(NOT_FOUND_TEXT);
        TestResponse options = client.options("/get-only");
        assertThat(options.status()).isEqualTo(404);
        assertThat(options.header("Allow")).isNull();
        assertThat(client.options("*").status()).isEqualTo(404);
    }

    // ---- QUERY ------------------------------------------------------------------------------

    @BothTransports
    void queryWithABodyNeedsAContentType(Transport transport) {
        TestResponse response = client(transport).query("/q", Map.of(), "name=x");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("QUERY request with a body requires a Content-Type header");
        assertThat(response.contentType()).startsWith("text/plain");
    }

    @BothTransports
    void queryWithoutBodyIsFine(Transport transport) {
        TestResponse response = client(transport).request("QUERY", "/q", Map.of(), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("query ok null null");
    }

    @BothTransports
    void queryBodyParamsWork(Transport transport) {
        TestClient client = client(transport);
        TestResponse form = client.query("/q", Map.of("Content-Type", "application/x-www-form-urlencoded"), "name=Serdar");
        assertThat(form.body()).isEqualTo("query ok Serdar null");
        TestResponse json = client.query("/q", Map.of("Content-Type", "application/json"), "{\"name\":\"Kemal\"}");
        assertThat(json.body()).isEqualTo("query ok null Kemal");
    }

    @Test
    void aChunkedQueryBodyNeedsAContentTypeToo() {
        App app = newApp();
        app.query("/q", env -> "ok");
        try (TestClient client = TestClient.overSocket(app)) {
            String raw = RawHttp.exchange(client.port(), "QUERY /q HTTP/1.1\r\nHost: localhost\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\nname\r\n0\r\n\r\n");
            assertThat(RawHttp.statusLine(raw)).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(RawHttp.body(raw)).isEqualTo("QUERY request with a body requires a Content-Type header");
        }
    }

    @BothTransports
    void aQueryRouteAnswersNeitherGetNorHead(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/q").status()).isEqualTo(404);
        assertThat(client.head("/q").status()).isEqualTo(404);
    }

    @BothTransports
    void aCustom400PageReplacesTheQueryMessage(Transport transport) {
        App app = newApp();
        app.query("/q", env -> "ok");
        app.error(400, env -> "custom bad request");
        try (TestClient client = transport.open(app)) {
            TestResponse response = client.query("/q", Map.of(), "name=x");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("custom bad request");
        }
    }

    // ---- route cache ------------------------------------------------------------------------

    @BothTransports
    void routingWorksWithTheCacheTurnedOff(Transport transport) {
        App app = newApp();
        app.config().maxRouteCacheSize(0);
        app.get("/static", env -> "static");
        app.get("/items/:id", env -> "item " + env.params().url("id"));
        try (TestClient client = transport.open(app)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/static").body()).isEqualTo("static");
                assertThat(client.get("/items/" + i).body()).isEqualTo("item " + i);
                assertThat(client.head("/items/" + i).header("Content-Length")).isEqualTo("6");
            }
            assertThat(client.get("/items").status()).isEqualTo(404);
        }
    }
}
