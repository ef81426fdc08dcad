package kemal.api;

import static kemal.Kemal.halt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kemal.App;
import kemal.Cookie;
import kemal.Env;
import kemal.ErrorRoute;
import kemal.Handler;
import kemal.HttpException;
import kemal.Route;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The guide's "Custom Errors" section and reference §4: status pages, exception handlers, error pages. */
class ErrorsTest {
    static final String XSS = "<script>alert(1)</script>";

    static class GrandParentException extends RuntimeException {}

    static class ParentException extends GrandParentException {}

    static class ChildException extends ParentException {}

    static class ValueError extends RuntimeException {
        ValueError(String message) {
            super(message);
        }
    }

    static class Unavailable extends RuntimeException {}

    /** Status pages and exception handlers declared as in the guide. */
    @Nested
    class CustomErrors extends ApiTest {
        @Override
        void routes(App app) {
            app.error(404, env -> "This is a customized 404 page.");
            app.error(403, env -> "Access Forbidden!");
            app.error(418, (env, ex) -> "teapot: " + ex.getMessage());
            app.error(422, (env, ex) -> "unprocessable: " + ex.getMessage());
            app.error(410, env -> halt(env, 410, "Gone for good"));
            app.error(409, env -> Map.of("error", "conflict"));
            app.error(GrandParentException.class, (env, ex) -> "Grandparent exception");
            app.error(ParentException.class, (env, ex) -> "Parent exception");
            app.error(ValueError.class, (env, ex) -> "Something has gone wrong: " + ex.getMessage());
            app.error(Unavailable.class, (env, ex) -> {
                env.response().status(503).header("Retry-After", "120");
                return "try again later";
            });

            app.get("/", env -> "Hello Kemal");
            app.get("/forbidden", env -> {
                env.response().status(403);
                return "the route's own text is discarded";
            });
            app.get("/forbidden/printed", env -> {
                env.response().print("printed before ");
                env.response().status(403);
                return null;
            });
            app.get("/not-found", env -> {
                env.response().status(404);
                return "my own not found";
            });
            app.get("/teapot", env -> {
                env.response().status(418);
                return null;
            });
            app.get("/halt/404", env -> halt(env, 404, "halted with my own 404"));
            app.get("/child", env -> {
                throw new ChildException();
            });
            app.get("/parent", env -> {
                throw new ParentException();
            });
            app.get("/value", env -> {
                throw new ValueError("bad value");
            });
            app.get("/unavailable", env -> {
                throw new Unavailable();
            });
            app.get("/http/422", env -> {
                throw new HttpException(422, "nope");
            });
            app.get("/http/429", env -> {
                throw new HttpException(429, "slow down");
            });
            app.get("/gone", env -> {
                env.response().status(410);
                return null;
            });
            app.get("/conflict", env -> {
                env.response().status(409);
                return null;
            });
            app.post("/json", env -> env.params().json());
        }

        @BothTransports
        void aCustom404Page(Transport transport) {
            TestResponse response = client(transport).get("/nowhere");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("This is a customized 404 page.");
            assertThat(response.contentType()).isEqualTo("text/html");
            TestResponse head = client(transport).head("/nowhere");
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("Content-Length")).isEqualTo("30");
        }

        @BothTransports
        void the404PageReceivesTheRequestedPath(Transport transport) {
            App app = ApiTest.newApp();
            app.error(404, (env, ex) -> ex.getMessage());
            try (TestClient client = transport.open(app)) {
                assertThat(client.request("DELETE", "/nope", Map.of(), null).body())
                        .isEqualTo("Requested path: 'DELETE:/nope' was not found.");
            }
        }

        @BothTransports
        void aStatusPageFiresWhenARouteSetsTheStatus(Transport transport) {
            TestResponse response = client(transport).get("/forbidden");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("Access Forbidden!");
        }

        @BothTransports
        void theStatusPageReplacesWhatTheRoutePrinted(Transport transport) {
            TestResponse response = client(transport).get("/forbidden/printed");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("Access Forbidden!");
        }

        @BothTransports
        void aRouteSetting404GetsTheCustom404Page(Transport transport) {
            TestResponse response = client(transport).get("/not-found");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("This is a customized 404 page.");
        }

        @BothTransports
        void aStatusPageReceivesTheReason(Transport transport) {
            assertThat(client(transport).get("/teapot").body()).isEqualTo("teapot: Rendered error with 418");
        }

        @BothTransports
        void haltIsNeverReplacedByAStatusPage(Transport transport) {
            TestResponse response = client(transport).get("/halt/404");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("halted with my own 404");
        }

        @BothTransports
        void haltInsideAnErrorHandler(Transport transport) {
            TestResponse response = client(transport).get("/gone");
            assertThat(response.status()).isEqualTo(410);
            assertThat(response.body()).isEqualTo("Gone for good");
        }

        @BothTransports
        void anErrorHandlerResultFollowsTheRouteRules(Transport transport) {
            TestResponse response = client(transport).get("/conflict");
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.contentType()).isEqualTo("application/json");
            assertThat(response.body()).isEqualTo("{\"error\":\"conflict\"}");
        }

        @BothTransports
        void definitionOrderBeatsInheritance(Transport transport) {
            TestClient client = client(transport);
            TestResponse child = client.get("/child");
            assertThat(child.status()).isEqualTo(500);
            assertThat(child.body()).isEqualTo("Grandparent exception");
            assertThat(child.contentType()).isEqualTo("text/html");
            assertThat(client.get("/parent").body()).isEqualTo("Grandparent exception");
        }

        @BothTransports
        void anExceptionHandlerGetsTheException(Transport transport) {
            TestResponse response = client(transport).get("/value");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("Something has gone wrong: bad value");
        }

        @BothTransports
        void anExceptionHandlerCanChangeTheStatus(Transport transport) {
            TestResponse response = client(transport).get("/unavailable");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("120");
            assertThat(response.body()).isEqualTo("try again later");
        }

        @BothTransports
        void anHttpExceptionUsesItsStatusPage(Transport transport) {
            TestResponse response = client(transport).get("/http/422");
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.body()).isEqualTo("unprocessable: nope");
        }

        @BothTransports
        void anHttpExceptionWithoutPageIsItsMessage(Transport transport) {
            TestResponse response = client(transport).get("/http/429");
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.contentType()).startsWith("text/plain");
            assertThat(response.body()).isEqualTo("slow down");
        }

        @BothTransports
        void routesWithoutErrorsAreUntouched(Transport transport) {
            assertThat(client(transport).get("/").body()).isEqualTo("Hello Kemal");
        }
    }

    /** No status page is declared: what the framework answers by itself. */
    @Nested
    class BuiltInPages extends ApiTest {
        @Override
        void routes(App app) {
            app.get("/status-code", env -> {
                env.response().status(404);
                return null;
            });
            app.get("/not-found/own-body", env -> {
                env.response().status(404);
                return "no such user";
            });
            app.get("/http/422", env -> {
                throw new HttpException(422, "nope");
            });
            app.get("/boom", env -> {
                throw new IllegalStateException("kaboom");
            });
            app.get("/xss/*rest", env -> {
                throw new IllegalStateException("failed on " + env.request().path() + " " + XSS);
            });
            app.post("/json", env -> env.params().json());
            app.get("/streamed-then-boom", env -> {
                env.response().print("partial ");
                env.response().flush();
                throw new IllegalStateException("too late for an error page");
            });
            app.addHandler(new Handler() {
                @Override
                public void call(Env env) throws Exception {
                    if (env.request().path().equals("/middleware/boom")) throw new IllegalArgumentException("in middleware");
                    callNext(env);
                }
            });
        }

        @BothTransports
        void anExceptionInMiddlewareIsRescuedToo(Transport transport) {
            TestResponse response = client(transport).get("/middleware/boom");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).contains("IllegalArgumentException").contains("in middleware");
        }

        @BothTransports
        void anExceptionAfterStreamingBeganCutsTheConnection(Transport transport) {
            assertThatThrownBy(() -> client(transport).get("/streamed-then-boom"))
                    .hasMessageContaining("closed before a response came");
            assertThat(client(transport).get("/http/422").status()).isEqualTo(422);
        }

        @BothTransports
        void aRouteSetting404KeepsItsOwnBody(Transport transport) {
            TestClient client = client(transport);
            TestResponse own = client.get("/not-found/own-body");
            assertThat(own.status()).isEqualTo(404);
            assertThat(own.body()).isEqualTo("no such user");
            TestResponse empty = client.get("/status-code");
            assertThat(empty.status()).isEqualTo(404);
            assertThat(empty.body()).isEmpty();
        }

        @BothTransports
        void anHttpExceptionIsItsMessageAsPlainText(Transport transport) {
            TestResponse response = client(transport).get("/http/422");
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("text/plain");
            assertThat(response.body()).isEqualTo("nope");
        }

        @BothTransports
        void theDevelopmentExceptionPage(Transport transport) {
            TestResponse response = client(transport).get("/boom?page=2", Map.of("X-Trace", "abc"));
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).isEqualTo("text/html");
            assertThat(response.header("Content-Security-Policy")).isEqualTo("default-src 'none'; "
                    + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.body())
                    .contains("java.lang.IllegalStateException")
                    .contains("kaboom")
                    .contains("ErrorsTest")
                    .contains("GET")
                    .contains("/boom")
                    .contains("page=2")
                    .contains("X-Trace")
                    .contains("abc");
        }

        @BothTransports
        void theExceptionPageEscapesEverythingItShows(Transport transport) {
            TestResponse response = client(transport).get("/xss/" + XSS + "?q=" + XSS,
                    Map.of("X-Evil", XSS, "Cookie", "evil=" + XSS));
            assertThat(response.status()).isEqualTo(500);
            String body = response.body();
            assertThat(body.toLowerCase()).doesNotContain("<script");
            assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(body).contains("X-Evil").contains("evil");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
        }

        @BothTransports
        void headOfAFailingRouteIsA500WithoutBody(Transport transport) {
            TestResponse response = client(transport).head("/boom");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEmpty();
        }

        @BothTransports
        void malformedJsonIsA400(Transport transport) {
            TestResponse response = client(transport).postJson("/json", "{");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("text/plain");
        }
    }

    @BothTransports
    void inheritanceDecidesAfterDefinitionOrder(Transport transport) {
        App app = ApiTest.newApp();
        app.error(ChildException.class, (env, ex) -> "Child exception");
        app.error(ParentException.class, (env, ex) -> "Parent exception");
        app.get("/child", env -> {
            throw new ChildException();
        });
        app.get("/parent", env -> {
            throw new ParentException();
        });
        app.get("/grandparent", env -> {
            throw new GrandParentException();
        });
        try (TestClient client = transport.open(app)) {
            assertThat(client.get("/child").body()).isEqualTo("Child exception");
            assertThat(client.get("/parent").body()).isEqualTo("Parent exception");
            TestResponse unhandled = client.get("/grandparent");
            assertThat(unhandled.status()).isEqualTo(500);
            assertThat(unhandled.body()).contains("GrandParentException");
        }
    }

    @BothTransports
    void theLastPageDeclaredForAStatusWins(Transport transport) {
        App app = ApiTest.newApp();
        app.error(404, env -> "first");
        app.error(404, env -> "second");
        try (TestClient client = transport.open(app)) {
            assertThat(client.get("/nowhere").body()).isEqualTo("second");
        }
    }

    @BothTransports
    void aStatusPageKeepsTheContentTypeTheRouteSet(Transport transport) {
        App app = ApiTest.newApp();
        app.error(500, env -> "{\"error\":\"internal\"}");
        app.get("/api", env -> {
            env.response().contentType("application/json").status(500);
            return "discarded";
        });
        try (TestClient client = transport.open(app)) {
            TestResponse response = client.get("/api");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).isEqualTo("application/json");
            assertThat(response.body()).isEqualTo("{\"error\":\"internal\"}");
        }
    }

    @BothTransports
    void badJsonParsedByTheApplicationItselfIsA500(Transport transport) {
        App app = ApiTest.newApp();
        app.post("/own-parser", env -> tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(env.request().body()).toString());
        try (TestClient client = transport.open(app)) {
            assertThat(client.post("/own-parser", "{\"a\":1}").body()).isEqualTo("{\"a\":1}");
            assertThat(client.post("/own-parser", "{").status()).isEqualTo(500);
        }
    }

    @BothTransports
    void error500CatchesUnhandledExceptions(Transport transport) {
        App app = ApiTest.newApp();
        app.error(500, (env, ex) -> "500 page: " + ex.getMessage());
        app.get("/boom", env -> {
            throw new IllegalStateException("kaboom");
        });
        app.get("/status", env -> {
            env.response().status(500);
            return "discarded";
        });
        try (TestClient client = transport.open(app)) {
            TestResponse thrown = client.get("/boom");
            assertThat(thrown.status()).isEqualTo(500);
            assertThat(thrown.body()).isEqualTo("500 page: kaboom");
            TestResponse status = client.get("/status");
            assertThat(status.status()).isEqualTo(500);
            assertThat(status.body()).isEqualTo("500 page: Rendered error with 500");
        }
    }

    @BothTransports
    void anErrorHandlerThatFailsGivesTheBuiltIn500Page(Transport transport) {
        App app = ApiTest.newApp();
        app.error(404, env -> {
            throw new IllegalStateException("the 404 page is broken");
        });
        app.error(ValueError.class, (env, ex) -> {
            throw new IllegalArgumentException("the handler is broken");
        });
        app.get("/value", env -> {
            throw new ValueError("original");
        });
        try (TestClient client = transport.open(app)) {
            TestResponse value = client.get("/value");
            assertThat(value.status()).isEqualTo(500);
            assertThat(value.contentType()).isEqualTo("text/html");
            assertThat(value.body()).contains("the handler is broken");
            TestResponse missing = client.get("/nowhere");
            assertThat(missing.status()).isEqualTo(500);
            assertThat(missing.body()).contains("the 404 page is broken");
        }
    }

    @BothTransports
    void customBadRequestAndPayloadTooLargePages(Transport transport) {
        App app = ApiTest.newApp();
        app.config().maxRequestBodySize(8);
        app.error(400, (env, ex) -> "custom 400");
        app.error(413, (env, ex) -> "custom 413");
        app.post("/json", env -> env.params().json());
        app.get("/hello/:name", env -> env.params().url("name"));
        try (TestClient client = transport.open(app)) {
            TestResponse bad = client.postJson("/json", "{");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("custom 400");
            TestResponse badPath = client.get("/hello/%zz");
            assertThat(badPath.status()).isEqualTo(400);
            assertThat(badPath.body()).isEqualTo("custom 400");
            TestResponse large = client.postJson("/json", "{\"a\":\"0123456789\"}");
            assertThat(large.status()).isEqualTo(413);
            assertThat(large.body()).isEqualTo("custom 413");
        }
    }

    @BothTransports
    void productionHidesTheInternals(Transport transport) {
        App app = ApiTest.newApp();
        app.config().env("production");
        app.get("/boom", env -> {
            throw new IllegalStateException("secret detail " + XSS);
        });
        app.error(404, env -> {
            throw new IllegalStateException("broken 404 page");
        });
        try (TestClient client = transport.open(app)) {
            TestResponse response = client.get("/boom?token=hunter2");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).isEqualTo("text/html");
            assertThat(response.body())
                    .contains("Kemal has encountered an error. (500)")
                    .contains("Something wrong with the server :(")
                    .doesNotContain("IllegalStateException")
                    .doesNotContain("secret detail")
                    .doesNotContain("/boom")
                    .doesNotContain("hunter2")
                    .doesNotContain("<script");
            TestResponse broken = client.get("/nowhere");
            assertThat(broken.status()).isEqualTo(500);
            assertThat(broken.body()).contains("Kemal has encountered an error. (500)").doesNotContain("broken 404 page");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "production", "test"})
    void everyEnvironmentShowsThe404Page(String environment) {
        App app = ApiTest.newApp();
        app.config().env(environment);
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/nowhere");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).contains(RoutingTest.NOT_FOUND_TEXT);
        }
    }

    // ---- alwaysRescue(false) ----------------------------------------------------------------

    static App unrescued() {
        App app = ApiTest.newApp();
        app.config().alwaysRescue(false);
        app.error(IllegalStateException.class, (env, ex) -> "never used");
        app.error(500, (env, ex) -> "never used either");
        app.get("/boom", env -> {
            throw new IllegalStateException("kaboom");
        });
        app.get("/ok", env -> "ok");
        return app;
    }

    @BothTransports
    void withoutRescueTheTestKitRethrows(Transport transport) {
        try (TestClient client = transport.open(unrescued())) {
            assertThatThrownBy(() -> client.get("/boom"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("kaboom");
            assertThat(client.get("/ok").body()).isEqualTo("ok");
        }
    }

    @BothTransports
    void withoutRescueBadInputReachesTheTestAsAnHttpException(Transport transport) {
        App app = unrescued();
        app.get("/hello/:name", env -> env.params().url("name"));
        try (TestClient client = transport.open(app)) {
            assertThatThrownBy(() -> client.get("/hello/%zz"))
                    .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("'%zz'");
        }
    }

    @Test
    void withoutRescueAPlainClientGetsABare500() {
        try (TestClient client = TestClient.overSocket(unrescued())) {
            String raw = RawHttp.exchange(client.port(),
                    "GET /boom HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.statusLine(raw)).isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(raw).containsIgnoringCase("\r\nContent-Type: text/plain");
            assertThat(RawHttp.body(raw)).isEqualTo("500 Internal Server Error\n");
        }
    }

    @Test
    void withoutRescueTheBare500DropsTheRoutesHeaders() {
        App app = unrescued();
        app.get("/half-done", env -> {
            env.response().header("X-Half", "done").cookie(new Cookie("session", "abc"));
            throw new IllegalStateException("kaboom");
        });
        try (TestClient client = TestClient.overSocket(app)) {
            String raw = RawHttp.exchange(client.port(),
                    "GET /half-done HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.statusLine(raw)).isEqualTo("HTTP/1.1 500 Internal Server Error");
            assertThat(raw).doesNotContainIgnoringCase("Set-Cookie").doesNotContainIgnoringCase("X-Half");
        }
    }

    @BothTransports
    void withoutRescueAnUnknownRouteIsStillA404(Transport transport) {
        try (TestClient client = transport.open(unrescued())) {
            TestResponse response = client.get("/nowhere");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).contains(RoutingTest.NOT_FOUND_TEXT);
        }
    }

    @BothTransports
    void withoutRescueStatusPagesStillApply(Transport transport) {
        App app = unrescued();
        app.error(404, env -> "custom 404");
        app.error(403, env -> "custom 403");
        app.get("/forbidden", env -> {
            env.response().status(403);
            return "discarded";
        });
        try (TestClient client = transport.open(app)) {
            TestResponse missing = client.get("/nowhere");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("custom 404");
            TestResponse forbidden = client.get("/forbidden");
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.body()).isEqualTo("custom 403");
        }
    }

    @BothTransports
    void withoutRescueAFailingStatusPageReachesTheTest(Transport transport) {
        App app = unrescued();
        app.error(404, env -> {
            throw new IllegalStateException("broken 404 page");
        });
        try (TestClient client = transport.open(app)) {
            assertThatThrownBy(() -> client.get("/nowhere")).hasMessage("broken 404 page");
        }
    }

    // ---- declaration errors -----------------------------------------------------------------

    @Test
    void aNullStatusPageIsRefusedAtDeclaration() {
        assertThatThrownBy(() -> ApiTest.newApp().error(404, (Route) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidDeclarationsAreRefused() {
        App app = ApiTest.newApp();
        assertThatThrownBy(() -> app.error(99, env -> "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.error(600, env -> "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.error(404, (ErrorRoute<Throwable>) null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.error(ValueError.class, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.error(null, (env, ex) -> "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpException(302, "not an error")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("302");
        assertThat(new HttpException(404, "missing").status()).isEqualTo(404);
    }
}
