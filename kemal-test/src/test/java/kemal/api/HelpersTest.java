package kemal.api;

import static kemal.Kemal.halt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import kemal.App;
import kemal.Env;
import kemal.Handler;
import kemal.Route;
import kemal.test.TestClient;
import kemal.test.TestResponse;

/** The guide's "Helpers" section: browser redirect and halt (reference §3.3, §3.4). */
class HelpersTest extends ApiTest {

    /** A helper method that ends the request, as an application would write it. */
    static void requireAdmin(Env env) {
        if (!"admin".equals(env.request().header("X-Role"))) halt(env, 403, "Forbidden");
    }

    /** Middleware that halts before the route runs. */
    static final class Gate extends Handler {
        @Override
        public void call(Env env) throws Exception {
            if (env.request().path().equals("/gated")) halt(env, 401, "gate closed");
            callNext(env);
        }
    }

    @Override
    void routes(App app) {
        app.addHandler(new Gate());
        app.get("/logout", env -> env.redirect("/login"));
        app.get("/redirect/then-write", env -> {
            env.redirect("/login");
            env.response().print("printed after");
            return "returned after";
        });
        app.get("/redirect/permanent", env -> env.redirect("/new-home", 301));
        app.get("/redirect/see-other", env -> env.redirect("/done", 303, "see /done"));
        app.get("/redirect/verbatim", env -> env.redirect("/x?y=1&z=%20"));
        app.get("/redirect/injection", env -> env.redirect("/login\r\nSet-Cookie: pwned=1"));
        app.get("/redirect/lf", env -> env.redirect("/login\nX-Injected: 1"));

        app.get("/halt", env -> halt(env, 403, "Forbidden"));
        app.get("/halt/empty", env -> halt(env));
        app.get("/halt/status-only", env -> halt(env, 429));
        app.get("/halt/skips-the-rest", env -> {
            env.response().print("before ");
            halt(env, 403, "halted");
            return "never returned";
        });
        app.get("/admin", env -> {
            requireAdmin(env);
            return "welcome admin";
        });
        app.get("/halt/json", env -> halt(env.status(422).json(Map.of("error", "invalid")), 422, null));
        app.get("/gated", env -> "route ran");
        Route typed = env -> halt(env, 403, "x");
        app.get("/halt/as-route", typed);
    }

    // ---- redirect ---------------------------------------------------------------------------

    @BothTransports
    void guideRedirect(Transport transport) {
        TestResponse response = client(transport).get("/logout");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/login");
        assertThat(response.body()).isEmpty();
    }

    @BothTransports
    void whatFollowsARedirectIsDropped(Transport transport) {
        TestResponse response = client(transport).get("/redirect/then-write");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/login");
        assertThat(response.body()).isEmpty();
    }

    @BothTransports
    void redirectWithStatusAndBody(Transport transport) {
        TestClient client = client(transport);
        TestResponse permanent = client.get("/redirect/permanent");
        assertThat(permanent.status()).isEqualTo(301);
        assertThat(permanent.header("Location")).isEqualTo("/new-home");
        TestResponse seeOther = client.get("/redirect/see-other");
        assertThat(seeOther.status()).isEqualTo(303);
        assertThat(seeOther.header("Location")).isEqualTo("/done");
        assertThat(seeOther.body()).isEqualTo("see /done");
    }

    @BothTransports
    void theLocationIsSentVerbatim(Transport transport) {
        assertThat(client(transport).get("/redirect/verbatim").header("Location")).isEqualTo("/x?y=1&z=%20");
    }

    @BothTransports
    void aUrlWithCrOrLfCannotInjectHeaders(Transport transport) {
        TestClient client = client(transport);
        for (String path : new String[] {"/redirect/injection", "/redirect/lf"}) {
            TestResponse response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(500);
            assertThat(response.header("Location")).as(path).isNull();
            assertThat(response.headers("Set-Cookie")).as(path).isEmpty();
            assertThat(response.header("X-Injected")).as(path).isNull();
        }
    }

    // ---- halt -------------------------------------------------------------------------------

    @BothTransports
    void guideHalt(Transport transport) {
        TestResponse response = client(transport).get("/halt");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("Forbidden");
        assertThat(response.contentType()).isEqualTo("text/html");
    }

    @BothTransports
    void haltWithoutArgumentsIsAnEmpty200(Transport transport) {
        TestResponse response = client(transport).get("/halt/empty");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Length")).isEqualTo("0");
        TestResponse statusOnly = client(transport).get("/halt/status-only");
        assertThat(statusOnly.status()).isEqualTo(429);
        assertThat(statusOnly.body()).isEmpty();
    }

    @BothTransports
    void haltLeavesTheRouteKeepingWhatWasPrinted(Transport transport) {
        TestResponse response = client(transport).get("/halt/skips-the-rest");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("before halted");
    }

    @BothTransports
    void haltFromAHelperMethod(Transport transport) {
        TestClient client = client(transport);
        TestResponse denied = client.get("/admin");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body()).isEqualTo("Forbidden");
        assertThat(client.get("/admin", Map.of("X-Role", "admin")).body()).isEqualTo("welcome admin");
    }

    @BothTransports
    void haltAfterChainedHelpers(Transport transport) {
        TestResponse response = client(transport).get("/halt/json");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"invalid\"}");
    }

    @BothTransports
    void haltFromMiddlewareSkipsTheRoute(Transport transport) {
        TestResponse response = client(transport).get("/gated");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("gate closed");
    }

    @BothTransports
    void haltIsACompleteRoute(Transport transport) {
        TestResponse response = client(transport).get("/halt/as-route");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("x");
    }
}
