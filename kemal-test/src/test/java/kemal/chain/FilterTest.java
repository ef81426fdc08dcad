package kemal.chain;

import static kemal.Kemal.halt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import kemal.Action;
import kemal.App;
import kemal.chain.Chains.Trail;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guide "Filters", reference §5 and DESIGN §7: which filters run, in which order, and what stops them. */
class FilterTest {
    private final Trail trail = new Trail();

    // ---- which requests a filter sees ---------------------------------------------------------

    @Test
    void aFilterWithoutPathRunsForEveryPath() {
        App app = trail.app();
        app.beforeAll(trail.step("before"));
        app.afterAll(trail.step("after"));
        app.get("/a", trail.route("a"));
        app.get("/b/c", trail.route("b/c"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/a");
            assertThat(trail.take()).containsExactly("before", "a", "after");
            client.get("/b/c?x=1");
            assertThat(trail.take()).containsExactly("before", "b/c", "after");
        }
    }

    /** One verb's filters, declared through the public DSL. */
    private record VerbFilters(String verb, BiConsumer<App, Action> before, BiConsumer<App, Action> after) {}

    private static final List<VerbFilters> VERBS = List.of(
            new VerbFilters("GET", App::beforeGet, App::afterGet),
            new VerbFilters("POST", App::beforePost, App::afterPost),
            new VerbFilters("PUT", App::beforePut, App::afterPut),
            new VerbFilters("PATCH", App::beforePatch, App::afterPatch),
            new VerbFilters("DELETE", App::beforeDelete, App::afterDelete),
            new VerbFilters("OPTIONS", App::beforeOptions, App::afterOptions),
            new VerbFilters("QUERY", App::beforeQuery, App::afterQuery));

    @ParameterizedTest
    @EnumSource(Transport.class)
    void eachVerbFamilyRunsOnlyForItsMethod(Transport transport) {
        App app = trail.app();
        for (VerbFilters verb : VERBS) {
            verb.before().accept(app, trail.step("before_" + verb.verb()));
            verb.after().accept(app, trail.step("after_" + verb.verb()));
            app.route(verb.verb(), "/thing", trail.route(verb.verb()));
        }
        try (TestClient client = Chains.open(transport, app)) {
            for (VerbFilters verb : VERBS) {
                TestResponse response = client.request(verb.verb(), "/thing", Map.of(), null);
                assertThat(response.status()).as(verb.verb()).isEqualTo(200);
                assertThat(trail.take()).as(verb.verb())
                        .containsExactly("before_" + verb.verb(), verb.verb(), "after_" + verb.verb());
            }
        }
    }

    @Test
    void eachVerbFamilyTakesAPathAndAListOfPaths() {
        App app = trail.app();
        for (VerbFilters verb : VERBS) {
            String v = verb.verb();
            app.route(v, "/one", trail.route(v + " one"));
            app.route(v, "/two", trail.route(v + " two"));
            app.route(v, "/three", trail.route(v + " three"));
        }
        app.beforeGet("/one", trail.step("path"));
        app.beforeGet(List.of("/two", "/three"), trail.step("list"));
        app.afterPost("/one", trail.step("path"));
        app.afterPost(List.of("/two", "/three"), trail.step("list"));
        app.beforePut("/one", trail.step("path"));
        app.afterPut(List.of("/two"), trail.step("list"));
        app.beforePatch(List.of("/three"), trail.step("list"));
        app.afterPatch("/one", trail.step("path"));
        app.beforeDelete("/two", trail.step("path"));
        app.afterDelete(List.of("/one", "/three"), trail.step("list"));
        app.beforeOptions("/three", trail.step("path"));
        app.afterOptions(List.of("/one"), trail.step("list"));
        app.beforeQuery(List.of("/one", "/two"), trail.step("list"));
        app.afterQuery("/three", trail.step("path"));
        app.beforeAll("/one", trail.step("all path"));
        app.afterAll(List.of("/two"), trail.step("all list"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/one");
            assertThat(trail.take()).containsExactly("all path", "path", "GET one");
            client.get("/three");
            assertThat(trail.take()).containsExactly("list", "GET three");
            client.request("POST", "/two", Map.of(), null);
            assertThat(trail.take()).containsExactly("POST two", "list", "all list");
            client.request("PUT", "/three", Map.of(), null);
            assertThat(trail.take()).containsExactly("PUT three");
            client.request("PATCH", "/three", Map.of(), null);
            assertThat(trail.take()).containsExactly("list", "PATCH three");
            client.request("PATCH", "/one", Map.of(), null);
            assertThat(trail.take()).containsExactly("all path", "PATCH one", "path");
            client.request("DELETE", "/two", Map.of(), null);
            assertThat(trail.take()).containsExactly("path", "DELETE two", "all list");
            client.request("DELETE", "/three", Map.of(), null);
            assertThat(trail.take()).containsExactly("DELETE three", "list");
            client.request("OPTIONS", "/one", Map.of(), null);
            assertThat(trail.take()).containsExactly("all path", "OPTIONS one", "list");
            client.request("QUERY", "/two", Map.of(), null);
            assertThat(trail.take()).containsExactly("list", "QUERY two", "all list");
            client.request("QUERY", "/three", Map.of(), null);
            assertThat(trail.take()).containsExactly("QUERY three", "path");
        }
    }

    @Test
    void aStaticPathFilterToleratesOneTrailingSlashAndNothingElse() {
        App app = trail.app();
        app.beforeGet("/foo", trail.step("filter"));
        for (String path : List.of("/foo", "/foobar", "/foo/bar")) app.get(path, trail.route(path));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/foo");
            assertThat(trail.take()).containsExactly("filter", "/foo");
            client.get("/foo/");
            assertThat(trail.take()).containsExactly("filter", "/foo");
            client.get("/foobar");
            assertThat(trail.take()).containsExactly("/foobar");
            client.get("/foo/bar");
            assertThat(trail.take()).containsExactly("/foo/bar");
        }
    }

    @Test
    void aParameterFilterMatchesOneSegment() {
        App app = trail.app();
        app.beforeGet("/users/:id", trail.step("filter"));
        for (String path : List.of("/users", "/users/:id", "/users/:id/edit")) app.get(path, trail.route(path));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/users/7");
            assertThat(trail.take()).containsExactly("filter", "/users/:id");
            client.get("/users");
            assertThat(trail.take()).containsExactly("/users");
            client.get("/users/7/edit");
            assertThat(trail.take()).containsExactly("/users/:id/edit");
        }
    }

    @Test
    void aGlobFilterCoversThePrefixAndEverythingBelowIt() {
        App app = trail.app();
        app.beforeAll("/admin/*", trail.step("filter"));
        for (String path : List.of("/admin", "/admin/users", "/admin/users/7", "/administrator", "/other")) {
            app.get(path, trail.route(path));
        }
        try (TestClient client = TestClient.inProcess(app)) {
            for (String covered : List.of("/admin", "/admin/", "/admin/users", "/admin/users/7")) {
                client.get(covered);
                assertThat(trail.take()).as(covered).startsWith("filter").hasSize(2);
            }
            client.get("/administrator");
            assertThat(trail.take()).containsExactly("/administrator");
            client.get("/other");
            assertThat(trail.take()).containsExactly("/other");
        }
    }

    @Test
    void starAndSlashStarAreGlobal() {
        App app = trail.app();
        app.beforeGet("*", trail.step("star"));
        app.beforeGet("/*", trail.step("slash-star"));
        app.get("/", trail.route("root"));
        app.get("/deep/path/here", trail.route("deep"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/");
            assertThat(trail.take()).containsExactly("star", "slash-star", "root");
            client.get("/deep/path/here");
            assertThat(trail.take()).containsExactly("star", "slash-star", "deep");
        }
    }

    // ---- order -------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void filtersRunBeforeAllThenVerbThenRouteThenVerbThenAll(Transport transport) {
        App app = trail.app();
        // Declared out of order on purpose: the phase decides, not the declaration.
        app.afterAll(trail.step("after_all"));
        app.afterGet(trail.step("after_get"));
        app.get("/foo", trail.route("route"));
        app.beforeGet(trail.step("before_get"));
        app.beforeAll(trail.step("before_all"));
        try (TestClient client = Chains.open(transport, app)) {
            assertThat(client.get("/foo").body()).isEqualTo("route");
            assertThat(trail.take()).containsExactly("before_all", "before_get", "route", "after_get", "after_all");
        }
    }

    @Test
    void orderHoldsWhenStepsAreRecordedInAResponseHeader() {
        App app = trail.app();
        app.beforeAll(env -> env.response().header("X-Order", "before_all"));
        app.beforeGet(env -> append(env, "before_get"));
        app.afterGet(env -> append(env, "after_get"));
        app.afterAll(env -> append(env, "after_all"));
        app.get("/foo", env -> {
            append(env, "route");
            return "ok";
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/foo").header("X-Order")).isEqualTo("before_all,before_get,route,after_get,after_all");
        }
    }

    private static void append(kemal.Env env, String step) {
        env.response().header("X-Order", env.response().headers().get("X-Order") + "," + step);
    }

    @Test
    void severalFiltersOnTheSameVerbAndPathRunInDefinitionOrder() {
        App app = trail.app();
        app.beforeAll(trail.step("all 1"));
        app.beforeAll(trail.step("all 2"));
        app.beforeGet("/x", trail.step("get 1"));
        app.beforeGet("/x", trail.step("get 2"));
        app.beforeGet("/x", trail.step("get 3"));
        app.afterGet("/x", trail.step("after 1"));
        app.afterGet("/x", trail.step("after 2"));
        app.get("/x", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/x");
            assertThat(trail.take()).containsExactly("all 1", "all 2", "get 1", "get 2", "get 3", "route", "after 1", "after 2");
        }
    }

    /** DESIGN §7: all matching path filters run (Kemal runs only the best radix match). */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyMatchingPathFilterRunsInDefinitionOrderAfterTheGlobalOnes(Transport transport) {
        App app = trail.app();
        app.beforeGet("/a/*", trail.step("glob"));
        app.beforeGet("/a/:id", trail.step("param"));
        app.beforeGet("/a/1", trail.step("static"));
        app.beforeGet("/b/:id", trail.step("other"));
        app.beforeGet(trail.step("global")); // declared last, still first: globals run before path filters
        app.get("/a/:id", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            client.get("/a/1");
            assertThat(trail.take()).containsExactly("global", "glob", "param", "static", "route");
            client.get("/a/2");
            assertThat(trail.take()).containsExactly("global", "glob", "param", "route");
        }
    }

    // ---- HEAD and URL parameters ---------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headAnsweredByAGetRouteRunsTheGetFilters(Transport transport) {
        App app = trail.app();
        app.beforeAll(trail.step("before_all"));
        app.beforeGet("/page", trail.step("before_get"));
        app.beforePost("/page", trail.step("before_post"));
        app.afterGet(trail.step("after_get"));
        app.afterAll(trail.step("after_all"));
        app.get("/page", env -> {
            trail.add("route");
            env.response().header("X-Route", "get");
            return "page body";
        });
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.head("/page");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Route")).isEqualTo("get");
            assertThat(response.header("Content-Length")).isEqualTo("9");
            assertThat(response.body()).isEmpty();
            assertThat(trail.take()).containsExactly("before_all", "before_get", "route", "after_get", "after_all");
        }
    }

    @Test
    void anExplicitHeadRouteDoesNotRunGetFilters() {
        App app = trail.app();
        app.beforeGet(trail.step("before_get"));
        app.beforeAll(trail.step("before_all"));
        app.get("/page", trail.route("get"));
        app.head("/page", trail.route("head"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.head("/page");
            assertThat(trail.take()).containsExactly("before_all", "head");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void filtersSeeTheMatchedRoutesUrlParams(Transport transport) {
        App app = trail.app();
        app.beforeGet("/users/:id", env -> env.set("seen", "before " + env.params().url("id")));
        app.beforeAll(env -> env.response().header("X-Id", String.valueOf(env.params().url("id"))));
        app.afterGet("/users/:id", env -> env.response().header("X-After", env.params().url("id")));
        app.get("/users/:id", env -> env.get("seen") + ", route " + env.params().url("id"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/users/42");
            assertThat(response.body()).isEqualTo("before 42, route 42");
            assertThat(response.header("X-Id")).isEqualTo("42");
            assertThat(response.header("X-After")).isEqualTo("42");
        }
    }

    @Test
    void filtersShareTheContextWithTheRoute() {
        App app = trail.app();
        app.beforeGet("/", env -> env.set("is_kemal_cool", true));
        app.get("/", env -> "Kemal cool = " + env.get("is_kemal_cool"));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/").body()).isEqualTo("Kemal cool = true");
        }
    }

    @Test
    void aBeforeFilterSetsTheContentTypeTheRouteSees() {
        App app = trail.app();
        app.beforeGet("/foo", env -> env.response().contentType("application/json"));
        app.get("/foo", env -> env.response().contentType() + " " + "{\"name\":\"Kemal\"}");
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/foo");
            assertThat(response.body()).isEqualTo("application/json {\"name\":\"Kemal\"}");
            assertThat(response.contentType()).isEqualTo("application/json");
        }
    }

    // ---- what stops the chain ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStatusWithAnErrorHandlerLeftByABeforeFilterRendersThatHandler(Transport transport) {
        App app = trail.app();
        app.error(403, env -> "Access Forbidden!");
        app.beforeGet("/secret", env -> {
            trail.add("guard");
            env.response().status(403);
        });
        app.beforeGet("/secret", trail.step("second before"));
        app.afterGet(trail.step("after_get"));
        app.afterAll(trail.step("after_all"));
        app.get("/secret", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/secret");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("Access Forbidden!");
            // The before phase completes; the route and every after filter are skipped.
            assertThat(trail.take()).containsExactly("guard", "second before");
        }
    }

    @Test
    void aStatusWithoutAnErrorHandlerLeftByABeforeFilterLetsTheRouteRun() {
        App app = trail.app();
        app.beforeGet("/created", env -> env.response().status(201));
        app.afterGet(trail.step("after"));
        app.get("/created", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/created");
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("route");
            assertThat(trail.take()).containsExactly("route", "after");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void haltInABeforeFilterSkipsTheRouteButNotTheAfterFilters(Transport transport) {
        App app = trail.app();
        app.beforeGet("/private", env -> {
            trail.add("guard");
            halt(env, 401, "Unauthorized");
        });
        app.beforeGet("/private", trail.step("second before"));
        app.afterGet("/private", trail.step("after_get"));
        app.afterAll(trail.step("after_all"));
        app.get("/private", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/private");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("Unauthorized");
            assertThat(trail.take()).containsExactly("guard", "after_get", "after_all");
        }
    }

    @Test
    void haltWithAStatusThatHasAnErrorHandlerKeepsTheHaltsResponseAndSkipsAfterFilters() {
        App app = trail.app();
        app.error(403, env -> "handler page");
        app.beforeGet("/x", env -> halt(env, 403, "halted"));
        app.afterGet(trail.step("after"));
        app.get("/x", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/x");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("halted");
            assertThat(trail.take()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRedirectInABeforeFilterSkipsTheRoute(Transport transport) {
        App app = trail.app();
        app.beforeAll("/admin/*", env -> env.redirect("/login"));
        app.afterAll(trail.step("after"));
        app.delete("/admin/users/:id", trail.route("deleted"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.delete("/admin/users/1");
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).isEqualTo("/login");
            assertThat(response.body()).isEmpty();
            // As in Kemal, a closed response skips the route; the after filters still run.
            assertThat(trail.take()).containsExactly("after");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRouteThatThrowsSkipsTheAfterFiltersAndRendersTheErrorPage(Transport transport) {
        App app = trail.app();
        app.beforeGet(trail.step("before"));
        app.afterGet(trail.step("after_get"));
        app.afterAll(trail.step("after_all"));
        app.get("/boom", env -> {
            throw new IllegalStateException("route failed");
        });
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/boom");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("route failed");
            assertThat(trail.take()).containsExactly("before");
        }
    }

    @Test
    void aRouteLeavingAStatusWithAnErrorHandlerSkipsTheAfterFilters() {
        App app = trail.app();
        app.error(418, env -> "teapot page");
        app.afterGet(trail.step("after"));
        app.get("/tea", env -> {
            env.response().status(418);
            return "route body";
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/tea");
            assertThat(response.status()).isEqualTo(418);
            assertThat(response.body()).isEqualTo("teapot page");
            assertThat(trail.take()).isEmpty();
        }
    }

    @Test
    void aBeforeFilterThatThrowsSkipsTheRouteAndTheAfterFilters() {
        App app = trail.app();
        app.error(IllegalArgumentException.class, (env, ex) -> "rescued: " + ex.getMessage());
        app.beforeGet(env -> {
            throw new IllegalArgumentException("bad filter");
        });
        app.afterAll(trail.step("after"));
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("rescued: bad filter");
            assertThat(trail.take()).isEmpty();
        }
    }

    @Test
    void anAfterFilterThatThrowsTurnsTheResponseIntoAnError() {
        App app = trail.app();
        app.afterGet(env -> {
            throw new IllegalStateException("after failed");
        });
        app.afterAll(trail.step("after_all"));
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("after failed");
            assertThat(trail.take()).containsExactly("route");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownRouteRunsOnlyTheBeforeAllFiltersThenAnswers404(Transport transport) {
        App app = trail.app();
        app.beforeAll(trail.step("before_all"));
        app.beforeAll("/missing", trail.step("before_all path"));
        app.beforeAll("/elsewhere", trail.step("before_all other path"));
        app.beforeGet(trail.step("before_get"));
        app.beforeGet("/missing", trail.step("before_get path"));
        app.afterGet(trail.step("after_get"));
        app.afterAll(trail.step("after_all"));
        app.get("/", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/missing");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).contains("Kemal doesn't know this way.");
            assertThat(trail.take()).containsExactly("before_all", "before_all path");
        }
    }

    @Test
    void aBeforeAllFilterDecoratesThe404() {
        App app = trail.app();
        app.beforeAll(env -> env.response().header("Access-Control-Allow-Origin", "*"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/missing");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
    }

    @Test
    void aBeforeAllFilterCanAnswerAnUnknownRoute() {
        App app = trail.app();
        app.beforeAll("/legacy/*", env -> env.redirect("/new"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/legacy/page");
            assertThat(response.status()).isEqualTo(302);
            assertThat(response.header("Location")).isEqualTo("/new");
        }
    }

    @Test
    void aBeforeAllFilterThatAnswersAnUnknownRouteNeedsNoExceptionHandler() {
        App app = trail.app();
        app.config().alwaysRescue(false);
        app.beforeAll("/old/*", env -> env.redirect("/new"));
        app.beforeAll("/gone/*", env -> halt(env, 410, "Gone"));
        try (TestClient client = TestClient.inProcess(app)) {
            // Nothing escapes the chain (the test kit would rethrow it): the filter answered.
            assertThat(client.get("/old/page").status()).isEqualTo(302);
            TestResponse gone = client.get("/gone/page");
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.body()).isEqualTo("Gone");
        }
    }

    @Test
    void aFilterPathMustStartWithASlash() {
        App app = trail.app();
        assertThatThrownBy(() -> app.beforeAll("admin/*", env -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> app.afterGet(List.of("/ok", "foo"), env -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.beforeGet("/x", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMethodWithoutARouteIsA404WithoutVerbFilters() {
        App app = trail.app();
        app.beforePost("/form", trail.step("before_post"));
        app.beforeAll(trail.step("before_all"));
        app.get("/form", trail.route("form"));
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.post("/form", "x").status()).isEqualTo(404);
            assertThat(trail.take()).containsExactly("before_all");
        }
    }

    @Test
    void anAfterFilterCanAddToTheBody() {
        App app = trail.app();
        app.beforeGet("/page", env -> env.response().print("[before] "));
        app.afterGet("/page", env -> env.response().print(" [after]"));
        app.get("/page", env -> "route");
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/page");
            assertThat(response.body()).isEqualTo("[before] route [after]");
            assertThat(response.header("Content-Length")).isEqualTo("22");
        }
    }

    /** Reference §1.4: the QUERY body check runs after the before filters, so a filter can answer first. */
    @Test
    void aQueryFilterRunsBeforeTheQueryBodyCheck() {
        App app = trail.app();
        app.beforeQuery("/search", env -> {
            if (env.request().header("X-Key") == null) halt(env, 403, "no key");
        });
        app.afterQuery(trail.step("after_query"));
        app.query("/search", trail.route("search"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse refused = client.query("/search", Map.of(), "q=kemal");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo("no key");
            assertThat(trail.take()).containsExactly("after_query");
            TestResponse bad = client.query("/search", Map.of("X-Key", "k"), "q=kemal");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("QUERY request with a body requires a Content-Type header");
            assertThat(trail.take()).isEmpty();
            TestResponse ok = client.query("/search", Map.of("X-Key", "k", "Content-Type", "text/plain"), "q=kemal");
            assertThat(ok.body()).isEqualTo("search");
            assertThat(trail.take()).containsExactly("search", "after_query");
        }
    }

    // ---- the filter step exists only once a filter is declared --------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFilterDeclaredAfterTheApplicationStartedStillRuns(Transport transport) {
        App app = trail.app();
        app.get("/", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            client.get("/");
            assertThat(trail.take()).containsExactly("route");
            app.beforeAll(trail.step("late before"));
            app.afterGet("/", trail.step("late after"));
            assertThat(client.get("/").body()).isEqualTo("route");
            assertThat(trail.take()).containsExactly("late before", "route", "late after");
        }
    }
}
