package kemal.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import kemal.App;
import kemal.Env;
import kemal.Handler;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guide "Conditional Middleware Execution", reference §6.3 and §1.3: {@code only} and {@code exclude}. */
class ConditionalHandlerTest {

    /** Marks the responses to requests its {@code only} rules match. */
    private static final class OnlyHandler extends Handler {
        OnlyHandler(List<String> paths) {
            only(paths);
        }

        OnlyHandler(List<String> paths, String method) {
            only(paths, method);
        }

        @Override
        public void call(Env env) throws Exception {
            if (!onlyMatch(env)) {
                callNext(env);
                return;
            }
            env.response().header("X-Only", "1");
            callNext(env);
        }
    }

    /** Marks the responses to requests its {@code exclude} rules do not match. */
    private static final class ExcludeHandler extends Handler {
        ExcludeHandler(List<String> paths) {
            exclude(paths);
        }

        ExcludeHandler(List<String> paths, String method) {
            exclude(paths, method);
        }

        @Override
        public void call(Env env) throws Exception {
            if (excludeMatch(env)) {
                callNext(env);
                return;
            }
            env.response().header("X-Processed", "1");
            callNext(env);
        }
    }

    private static App app(Handler handler) {
        App app = Chains.app();
        app.addHandler(handler);
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/", "/specials", "/deals", "/blogs", "/users/:id", "/users/:id/edit", "/admin",
                    "/admin/users/:id", "/administrator")) {
                app.route(method, path, env -> "ok");
            }
        }
        return app;
    }

    private static boolean marked(TestClient client, String method, String path, String header) {
        return client.request(method, path, Map.of(), null).header(header) != null;
    }

    // ---- only --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onlyMatchesGetByDefault(Transport transport) {
        try (TestClient client = Chains.open(transport, app(new OnlyHandler(List.of("/specials", "/deals"))))) {
            assertThat(marked(client, "GET", "/specials", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/deals", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/blogs", "X-Only")).isFalse();
            assertThat(marked(client, "POST", "/specials", "X-Only")).isFalse();
            assertThat(marked(client, "DELETE", "/deals", "X-Only")).isFalse();
            // HEAD follows the GET rules, so a GET-only guard also guards HEAD.
            assertThat(marked(client, "HEAD", "/specials", "X-Only")).isTrue();
            // Unknown routes are matched on the path alone.
            assertThat(client.get("/specials/nope").header("X-Only")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onlyForPostNeverMatchesHeadOrGet(Transport transport) {
        try (TestClient client = Chains.open(transport, app(new OnlyHandler(List.of("/blogs"), "POST")))) {
            assertThat(marked(client, "POST", "/blogs", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/blogs", "X-Only")).isFalse();
            assertThat(marked(client, "HEAD", "/blogs", "X-Only")).isFalse();
            assertThat(marked(client, "PUT", "/blogs", "X-Only")).isFalse();
        }
    }

    @Test
    void theMethodOfARuleIsCaseInsensitive() {
        try (TestClient client = TestClient.inProcess(app(new OnlyHandler(List.of("/blogs"), "post")))) {
            assertThat(marked(client, "POST", "/blogs", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/blogs", "X-Only")).isFalse();
        }
    }

    @Test
    void onlyWithStarMatchesEveryMethodOnThatPathOnly() {
        try (TestClient client = TestClient.inProcess(app(new OnlyHandler(List.of("/deals"), "*")))) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
                assertThat(marked(client, method, "/deals", "X-Only")).as(method).isTrue();
                assertThat(marked(client, method, "/specials", "X-Only")).as(method).isFalse();
            }
        }
    }

    @Test
    void onlyAcceptsRoutePatternsWithParameters() {
        try (TestClient client = TestClient.inProcess(app(new OnlyHandler(List.of("/users/:id"))))) {
            assertThat(marked(client, "GET", "/users/5", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/users/5/", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/users/5/edit", "X-Only")).isFalse();
            assertThat(marked(client, "GET", "/users", "X-Only")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGlobRuleCoversThePrefixAndItsSubtree(Transport transport) {
        try (TestClient client = Chains.open(transport, app(new OnlyHandler(List.of("/admin/*"), "*")))) {
            assertThat(marked(client, "GET", "/admin", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/admin/", "X-Only")).isTrue();
            assertThat(marked(client, "DELETE", "/admin/users/3", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/administrator", "X-Only")).isFalse();
            assertThat(marked(client, "GET", "/", "X-Only")).isFalse();
        }
    }

    @Test
    void rulesTolerateOneTrailingSlashEitherWay() {
        try (TestClient client = TestClient.inProcess(app(new OnlyHandler(List.of("/deals", "/specials/"))))) {
            assertThat(marked(client, "GET", "/deals/", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/specials", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/deals//", "X-Only")).isFalse();
        }
    }

    @Test
    void rulesMatchTheRawPathCaseSensitivelyAndIgnoreTheQuery() {
        try (TestClient client = TestClient.inProcess(app(new OnlyHandler(List.of("/deals"))))) {
            assertThat(marked(client, "GET", "/deals?page=2", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/Deals", "X-Only")).isFalse();
        }
    }

    @Test
    void aHandlerWithoutRulesMatchesNothing() {
        Handler none = new Handler() {
            @Override
            public void call(Env env) throws Exception {
                env.response().header("X-Only", String.valueOf(onlyMatch(env)));
                env.response().header("X-Exclude", String.valueOf(excludeMatch(env)));
                callNext(env);
            }
        };
        try (TestClient client = TestClient.inProcess(app(none))) {
            assertThat(client.get("/").header("X-Only")).isEqualTo("false");
            assertThat(client.get("/").header("X-Exclude")).isEqualTo("false");
        }
    }

    @Test
    void severalOnlyCallsAddUp() {
        Handler handler = new Handler() {
            {
                only(List.of("/specials"));
                only(List.of("/blogs"), "POST");
            }

            @Override
            public void call(Env env) throws Exception {
                if (onlyMatch(env)) env.response().header("X-Only", "1");
                callNext(env);
            }
        };
        try (TestClient client = TestClient.inProcess(app(handler))) {
            assertThat(marked(client, "GET", "/specials", "X-Only")).isTrue();
            assertThat(marked(client, "POST", "/blogs", "X-Only")).isTrue();
            assertThat(marked(client, "GET", "/blogs", "X-Only")).isFalse();
        }
    }

    @Test
    void aMalformedRulePathIsRefusedWhenDeclared() {
        assertThatThrownBy(() -> new OnlyHandler(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        // Without its leading slash a rule would silently never match.
        assertThatThrownBy(() -> new OnlyHandler(List.of("specials")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }

    // ---- exclude -----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void excludeSkipsGetByDefault(Transport transport) {
        try (TestClient client = Chains.open(transport, app(new ExcludeHandler(List.of("/"))))) {
            assertThat(marked(client, "GET", "/", "X-Processed")).isFalse();
            assertThat(marked(client, "HEAD", "/", "X-Processed")).isFalse();
            assertThat(marked(client, "POST", "/", "X-Processed")).isTrue();
            assertThat(marked(client, "GET", "/specials", "X-Processed")).isTrue();
            assertThat(client.get("/no-such-page").header("X-Processed")).isEqualTo("1");
        }
    }

    @Test
    void excludeForPostSkipsOnlyPost() {
        try (TestClient client = TestClient.inProcess(app(new ExcludeHandler(List.of("/"), "POST")))) {
            assertThat(marked(client, "POST", "/", "X-Processed")).isFalse();
            assertThat(marked(client, "GET", "/", "X-Processed")).isTrue();
            assertThat(marked(client, "HEAD", "/", "X-Processed")).isTrue();
        }
    }

    @Test
    void excludeWithPatternsAndStar() {
        try (TestClient client = TestClient.inProcess(app(new ExcludeHandler(List.of("/users/:id", "/admin/*"), "*")))) {
            assertThat(marked(client, "PUT", "/users/1", "X-Processed")).isFalse();
            assertThat(marked(client, "GET", "/admin/users/1", "X-Processed")).isFalse();
            assertThat(marked(client, "GET", "/admin", "X-Processed")).isFalse();
            assertThat(marked(client, "GET", "/users/1/edit", "X-Processed")).isTrue();
            assertThat(marked(client, "GET", "/administrator", "X-Processed")).isTrue();
        }
    }

    @Test
    void rulesBelongToTheInstanceNotTheClass() {
        try (TestClient specials = TestClient.inProcess(app(new OnlyHandler(List.of("/specials"))));
                TestClient deals = TestClient.inProcess(app(new OnlyHandler(List.of("/deals"))))) {
            assertThat(marked(specials, "GET", "/specials", "X-Only")).isTrue();
            assertThat(marked(specials, "GET", "/deals", "X-Only")).isFalse();
            assertThat(marked(deals, "GET", "/deals", "X-Only")).isTrue();
            assertThat(marked(deals, "GET", "/specials", "X-Only")).isFalse();
        }
    }
}
