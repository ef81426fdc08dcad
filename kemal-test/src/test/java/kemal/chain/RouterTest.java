package kemal.chain;

import static kemal.Kemal.halt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import kemal.App;
import kemal.Router;
import kemal.chain.Chains.Trail;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Kemal::Router (reference §14): modular routes, path joining, and filters scoped to a router. */
class RouterTest {
    private final Trail trail = new Trail();

    // ---- routes and prefixes -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void mountedRoutesAnswerUnderThePrefix(Transport transport) {
        Router api = new Router();
        api.get("/users", env -> "users");
        api.post("/users", env -> "created " + env.params().body("name"));
        api.put("/users/:id", env -> "put " + env.params().url("id"));
        api.patch("/users/:id", env -> "patch " + env.params().url("id"));
        api.delete("/users/:id", env -> "delete " + env.params().url("id"));
        api.options("/users", env -> "options");
        api.query("/users", env -> "query");
        App app = trail.app();
        app.mount("/api/v1", api);
        try (TestClient client = Chains.open(transport, app)) {
            assertThat(client.get("/api/v1/users").body()).isEqualTo("users");
            assertThat(client.postForm("/api/v1/users", "name=Ada").body()).isEqualTo("created Ada");
            assertThat(client.put("/api/v1/users/3", Map.of(), "").body()).isEqualTo("put 3");
            assertThat(client.patch("/api/v1/users/3", Map.of(), "").body()).isEqualTo("patch 3");
            assertThat(client.delete("/api/v1/users/3").body()).isEqualTo("delete 3");
            assertThat(client.options("/api/v1/users").body()).isEqualTo("options");
            assertThat(client.request("QUERY", "/api/v1/users", Map.of(), null).body()).isEqualTo("query");
            assertThat(client.get("/users").status()).isEqualTo(404);
            assertThat(client.get("/api/users").status()).isEqualTo(404);
        }
    }

    @Test
    void mountWithoutPrefixUsesTheRoutersOwnPrefix() {
        Router plain = new Router();
        plain.get("/ping", env -> "pong");
        Router v2 = new Router("/v2");
        v2.get("/ping", env -> "pong v2");
        App app = trail.app();
        app.mount(plain);
        app.mount(v2);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/ping").body()).isEqualTo("pong");
            assertThat(client.get("/v2/ping").body()).isEqualTo("pong v2");
        }
        assertThat(v2.prefix()).isEqualTo("/v2");
        assertThat(new Router().prefix()).isEmpty();
    }

    @Test
    void aRouterPrefixGoesAfterTheMountPrefix() {
        Router v2 = new Router("/v2");
        v2.get("/users", env -> "v2 users");
        App app = trail.app();
        app.mount("/api", v2);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/api/v2/users").body()).isEqualTo("v2 users");
            assertThat(client.get("/v2/users").status()).isEqualTo(404);
        }
    }

    @Test
    void pathsAreJoinedWithExactlyOneSlash() {
        Router router = new Router();
        router.get("/users/", env -> "users");
        router.get("posts", env -> "posts without a leading slash");
        router.get("", env -> "the prefix itself");
        App app = trail.app();
        app.mount("/api/", router);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/api/users/").body()).isEqualTo("users");
            assertThat(client.get("/api/posts").body()).isEqualTo("posts without a leading slash");
            assertThat(client.get("/api").body()).isEqualTo("the prefix itself");
            assertThat(client.get("/api//users/").status()).isEqualTo(404);
            assertThat(client.get("/apiposts").status()).isEqualTo(404);
        }
        // The registered path is /api/users/ (with its slash): declaring it again collides.
        assertThatThrownBy(() -> app.get("/api/users/", env -> "again"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routerPathsWithoutALeadingSlashWorkAtTheRootToo() {
        Router router = new Router("admin");
        router.get("stats", env -> "stats");
        App app = trail.app();
        app.mount(router);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/admin/stats").body()).isEqualTo("stats");
        }
    }

    @Test
    void anEmptyPathInANamespaceIsTheNamespaceItself() {
        Router router = new Router();
        router.namespace("/users", users -> {
            users.get("", env -> "all users");
            users.get("/:id", env -> "user " + env.params().url("id"));
        });
        App app = trail.app();
        app.mount(router);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/users").body()).isEqualTo("all users");
            assertThat(client.get("/users/5").body()).isEqualTo("user 5");
        }
    }

    @Test
    void nestedNamespacesComposeTheirPrefixes() {
        Router router = new Router("/api");
        router.namespace("/admin", admin -> admin.namespace("reports/", reports -> reports.get("/daily", env -> "daily")));
        App app = trail.app();
        app.mount("/v1", router);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/v1/api/admin/reports/daily").body()).isEqualTo("daily");
        }
    }

    @Test
    void aRouterCanMountAnotherRouter() {
        Router users = new Router();
        users.get("/", env -> "users index");
        users.get("/:id", env -> "user " + env.params().url("id"));
        Router v3 = new Router("/v3");
        v3.get("/me", env -> "me");
        Router api = new Router();
        api.mount("/users", users);
        api.mount(v3);
        App app = trail.app();
        app.mount("/api", api);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/api/users").body()).isEqualTo("users index");
            assertThat(client.get("/api/users/9").body()).isEqualTo("user 9");
            assertThat(client.get("/api/v3/me").body()).isEqualTo("me");
        }
        assertThatThrownBy(() -> api.mount(api)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneRouterCanBeMountedUnderSeveralPrefixes() {
        Router health = new Router();
        health.get("/health", env -> "ok " + env.request().path());
        App app = trail.app();
        app.mount("/a", health);
        app.mount("/b", health);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/a/health").body()).isEqualTo("ok /a/health");
            assertThat(client.get("/b/health").body()).isEqualTo("ok /b/health");
        }
    }

    @Test
    void mountingRegistersEverythingAtOnce() {
        Router router = new Router();
        router.get("/early", env -> "early");
        App app = trail.app();
        app.mount("/r", router);
        router.get("/late", env -> "late");
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/r/early").body()).isEqualTo("early");
            assertThat(client.get("/r/late").status()).isEqualTo(404);
        }
    }

    @Test
    void headIsAnsweredByARoutersGetRoute() {
        Router router = new Router();
        router.get("/page", env -> "page");
        App app = trail.app();
        app.mount("/r", router);
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.head("/r/page");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo("4");
        }
    }

    // ---- router filters --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRoutersFiltersGuardOnlyItsOwnRoutes(Transport transport) {
        Router api = new Router();
        api.before(trail.step("api before"));
        api.after(trail.step("api after"));
        api.get("/users", trail.route("api users"));
        App app = trail.app();
        app.mount("/api", api);
        app.get("/home", trail.route("home"));
        // Outside the router, but matched by the same patterns a global filter would use.
        app.get("/api/outside", trail.route("outside"));
        try (TestClient client = Chains.open(transport, app)) {
            client.get("/api/users");
            assertThat(trail.take()).containsExactly("api before", "api users", "api after");
            client.get("/home");
            assertThat(trail.take()).containsExactly("home");
            client.get("/api/outside");
            assertThat(trail.take()).containsExactly("outside");
            assertThat(client.get("/api/nothing").status()).isEqualTo(404);
            assertThat(trail.take()).isEmpty();
        }
    }

    @Test
    void aRouterGlobFilterDoesNotLeakToAnOutsideRouteItWouldMatch() {
        Router router = new Router();
        router.before("/admin/*", trail.step("router admin filter"));
        router.get("/admin/panel", trail.route("panel"));
        App app = trail.app();
        app.mount(router);
        app.get("/admin/other", trail.route("outside admin"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/admin/panel");
            assertThat(trail.take()).containsExactly("router admin filter", "panel");
            client.get("/admin/other");
            assertThat(trail.take()).containsExactly("outside admin");
        }
    }

    @Test
    void aRouterFilterDoesNotLeakToAnOutsideRouteOnTheSamePathWithAnotherMethod() {
        Router router = new Router();
        router.before(trail.step("router filter"));
        router.get("/items", trail.route("router get"));
        App app = trail.app();
        app.mount(router);
        app.post("/items", trail.route("outside post"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/items");
            assertThat(trail.take()).containsExactly("router filter", "router get");
            client.post("/items", "");
            assertThat(trail.take()).containsExactly("outside post");
        }
    }

    @Test
    void aRouterFilterRunsOncePerRequestWhenItsPathHasSeveralMethods() {
        Router router = new Router();
        router.before(trail.step("before"));
        router.beforeAll("/items", trail.step("items before"));
        router.get("/items", trail.route("get"));
        router.post("/items", trail.route("post"));
        router.delete("/items", trail.route("delete"));
        App app = trail.app();
        app.mount(router);
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/items");
            assertThat(trail.take()).containsExactly("before", "items before", "get");
            client.post("/items", "");
            assertThat(trail.take()).containsExactly("before", "items before", "post");
            client.delete("/items");
            assertThat(trail.take()).containsExactly("before", "items before", "delete");
        }
    }

    @Test
    void verbFiltersInARouterRunOnlyForThatVerb() {
        Router router = new Router();
        router.beforeGet(trail.step("before_get"));
        router.afterPost(trail.step("after_post"));
        router.beforePut("/things/:id", trail.step("before_put"));
        router.afterDelete("/things/:id", trail.step("after_delete"));
        router.get("/things", trail.route("GET"));
        router.post("/things", trail.route("POST"));
        router.put("/things/:id", trail.route("PUT"));
        router.delete("/things/:id", trail.route("DELETE"));
        App app = trail.app();
        app.mount("/r", router);
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/r/things");
            assertThat(trail.take()).containsExactly("before_get", "GET");
            client.post("/r/things", "");
            assertThat(trail.take()).containsExactly("POST", "after_post");
            client.put("/r/things/1", Map.of(), "");
            assertThat(trail.take()).containsExactly("before_put", "PUT");
            client.delete("/r/things/1");
            assertThat(trail.take()).containsExactly("DELETE", "after_delete");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRouterGetGuardAlsoGuardsHead(Transport transport) {
        Router router = new Router();
        router.beforeGet("/*", env -> halt(env, 401, "Unauthorized"));
        router.get("/secret", env -> "secret");
        App app = trail.app();
        app.mount("/r", router);
        try (TestClient client = Chains.open(transport, app)) {
            assertThat(client.get("/r/secret").status()).isEqualTo(401);
            TestResponse head = client.head("/r/secret");
            assertThat(head.status()).isEqualTo(401);
            assertThat(head.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNamespacesFiltersGuardOnlyTheNamespace(Transport transport) {
        Router router = new Router();
        router.before(trail.step("router before"));
        router.after(trail.step("router after"));
        router.get("/public", trail.route("public"));
        router.namespace("/admin", admin -> {
            admin.before(trail.step("admin before"));
            admin.after(trail.step("admin after"));
            admin.get("/stats", trail.route("stats"));
        });
        router.get("/about", trail.route("about"));
        App app = trail.app();
        app.mount("/api", router);
        try (TestClient client = Chains.open(transport, app)) {
            client.get("/api/admin/stats");
            // The parent's filters cover its namespaces too, and come first in both phases (Kemal
            // registers a router's filters before its namespaces').
            assertThat(trail.take())
                    .containsExactly("router before", "admin before", "stats", "router after", "admin after");
            client.get("/api/public");
            assertThat(trail.take()).containsExactly("router before", "public", "router after");
            client.get("/api/about");
            assertThat(trail.take()).containsExactly("router before", "about", "router after");
        }
    }

    @Test
    void aMountedRoutersFiltersStayInsideIt() {
        Router users = new Router();
        users.before(trail.step("users before"));
        users.get("/:id", trail.route("user"));
        Router api = new Router();
        api.after(trail.step("api after"));
        api.get("/status", trail.route("status"));
        api.mount("/users", users);
        App app = trail.app();
        app.mount("/api", api);
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/api/users/1");
            assertThat(trail.take()).containsExactly("users before", "user", "api after");
            client.get("/api/status");
            assertThat(trail.take()).containsExactly("status", "api after");
        }
    }

    @Test
    void aRouterGlobFilterCoversThePrefixedSubtreeOnly() {
        Router router = new Router();
        router.before("/admin/*", trail.step("admin filter"));
        for (String path : List.of("/admin", "/admin/users", "/admin/users/:id", "/administrator", "/other")) {
            router.get(path, trail.route(path));
        }
        App app = trail.app();
        app.mount("/api", router);
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/api/admin");
            assertThat(trail.take()).containsExactly("admin filter", "/admin");
            client.get("/api/admin/users");
            assertThat(trail.take()).containsExactly("admin filter", "/admin/users");
            client.get("/api/admin/users/4");
            assertThat(trail.take()).containsExactly("admin filter", "/admin/users/:id");
            client.get("/api/administrator");
            assertThat(trail.take()).containsExactly("/administrator");
            client.get("/api/other");
            assertThat(trail.take()).containsExactly("/other");
        }
    }

    @Test
    void aRouterFilterWithAPathCoversExactlyThatRoute() {
        Router router = new Router();
        router.before("/users/:id", env -> trail.add("filter sees id " + env.params().url("id")));
        router.get("/users/:id", trail.route("user"));
        router.get("/users/:id/posts", trail.route("posts"));
        router.get("/users", trail.route("users"));
        App app = trail.app();
        app.mount("/api", router);
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/api/users/8");
            assertThat(trail.take()).containsExactly("filter sees id 8", "user");
            client.get("/api/users/8/posts");
            assertThat(trail.take()).containsExactly("posts");
            client.get("/api/users");
            assertThat(trail.take()).containsExactly("users");
        }
    }

    /** A router's filters are path filters of the app, so the app's global ones come first in each phase. */
    @Test
    void appGlobalFiltersRunBeforeRouterFiltersInBothPhases() {
        Router router = new Router();
        router.before(trail.step("router before"));
        router.after(trail.step("router after"));
        router.get("/x", trail.route("route"));
        App app = trail.app();
        app.mount(router);
        app.beforeAll(trail.step("app before_all"));
        app.afterAll(trail.step("app after_all"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/x");
            assertThat(trail.take()).containsExactly("app before_all", "router before", "route", "app after_all", "router after");
        }
    }

    /** DESIGN §7: router filters are path filters too, so they keep definition order with the app's. */
    @Test
    void appPathFiltersAndRouterFiltersRunInDefinitionOrder() {
        Router router = new Router();
        router.before(trail.step("router before"));
        router.after(trail.step("router after"));
        router.get("/items/:id", trail.route("item"));
        App app = trail.app();
        app.beforeAll("/api/*", trail.step("app before, declared first"));
        app.afterAll("/api/items/:id", trail.step("app after, declared first"));
        app.mount("/api", router);
        app.beforeAll("/api/items/:id", trail.step("app before, declared last"));
        app.afterAll("/api/*", trail.step("app after, declared last"));
        app.get("/api/other", trail.route("other"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/api/items/1");
            assertThat(trail.take()).containsExactly("app before, declared first", "router before",
                    "app before, declared last", "item", "app after, declared first", "router after",
                    "app after, declared last");
            client.get("/api/other");
            assertThat(trail.take()).containsExactly("app before, declared first", "other", "app after, declared last");
        }
    }

    @Test
    void manyRoutersEachRunOnlyTheirOwnFilters() {
        App app = trail.app();
        for (int i = 0; i < 50; i++) {
            Router router = new Router("/r" + i);
            router.before(trail.step("before " + i));
            router.get("/x", trail.route("route " + i));
            router.get("/y/:id", trail.route("route y " + i));
            app.mount(router);
        }
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/r17/x");
            assertThat(trail.take()).containsExactly("before 17", "route 17");
            client.get("/r49/y/3");
            assertThat(trail.take()).containsExactly("before 49", "route y 49");
        }
    }

    @Test
    void aRouterFilterCanHalt() {
        Router router = new Router();
        router.before(env -> {
            if (env.request().header("X-Token") == null) halt(env, 403, "no token");
        });
        router.after(trail.step("after"));
        router.get("/data", trail.route("data"));
        App app = trail.app();
        app.mount("/api", router);
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse refused = client.get("/api/data");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo("no token");
            assertThat(trail.take()).containsExactly("after");
            assertThat(client.get("/api/data", Map.of("X-Token", "t")).body()).isEqualTo("data");
        }
    }

    @Test
    void routerFilterPathsNeedNoLeadingSlashAndAnEmptyOneIsThePrefix() {
        Router router = new Router();
        router.before("admin/*", trail.step("admin filter"));
        router.before("", trail.step("prefix filter"));
        router.get("", trail.route("index"));
        router.get("/admin/x", trail.route("admin x"));
        router.get("/other", trail.route("other"));
        App app = trail.app();
        app.mount("/api", router);
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/api");
            assertThat(trail.take()).containsExactly("prefix filter", "index");
            client.get("/api/admin/x");
            assertThat(trail.take()).containsExactly("admin filter", "admin x");
            client.get("/api/other");
            assertThat(trail.take()).containsExactly("other");
        }
    }

    @Test
    void aMalformedRouterFilterPathIsRefusedWhenDeclared() {
        Router router = new Router();
        assertThatThrownBy(() -> router.before("/users/:", env -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> router.before(null, env -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullMountPrefixIsNoPrefix() {
        Router inner = new Router();
        inner.get("/x", env -> "x");
        Router outer = new Router();
        outer.mount(null, inner);
        App app = trail.app();
        app.mount(null, outer);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/x").body()).isEqualTo("x");
        }
    }
}
