package kemal.chain;

import static kemal.Kemal.halt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kemal.App;
import kemal.BaseLogHandler;
import kemal.Env;
import kemal.Handler;
import kemal.chain.Chains.Trail;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guide "Middleware" and "Add Custom Handlers", reference §6.1, DESIGN §3: where handlers sit in the chain. */
class HandlerChainTest {
    private final Trail trail = new Trail();

    /** Records its name, then passes the request on. */
    private final class Step extends Handler {
        private final String name;

        Step(String name) {
            this.name = name;
        }

        @Override
        public void call(Env env) throws Exception {
            trail.add(name);
            env.response().header("X-" + name, "seen");
            callNext(env);
        }
    }

    /** Answers the request itself and ends the chain. */
    private static final class Answer extends Handler {
        @Override
        public void call(Env env) {
            env.response().print("answered early");
        }
    }

    /** A request logger that records that it ran, and the final status it saw. */
    private final class RecordingLogger extends BaseLogHandler {
        @Override
        public void call(Env env) throws Exception {
            trail.add("log");
            callNext(env);
            write(env.response().status() + " " + env.request().method() + " " + env.request().path());
        }

        @Override
        public void write(String message) {
            trail.add(message);
        }
    }

    // ---- addHandler(h) --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCustomHandlerRunsAfterTheBuiltInsAndBeforeFiltersAndRoutes(Transport transport) {
        App app = Chains.app();
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) throws Exception {
                // InitHandler ran already: the default headers are in place.
                trail.add("handler saw X-Powered-By=" + env.response().headers().get("X-Powered-By"));
                callNext(env);
            }
        });
        app.beforeAll(trail.step("before_all"));
        app.get("/", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            assertThat(client.get("/").body()).isEqualTo("route");
            assertThat(trail.take()).containsExactly("handler saw X-Powered-By=Kemal", "before_all", "route");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCustomHandlersHeadersAppearOnErrorPagesAnd404s(Transport transport) {
        App app = Chains.app();
        app.addHandler(new Step("Custom"));
        app.get("/boom", env -> {
            throw new IllegalStateException("boom");
        });
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse missing = client.get("/no-such-page");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("X-Custom")).isEqualTo("seen");
            TestResponse failed = client.get("/boom");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.header("X-Custom")).isEqualTo("seen");
        }
    }

    @Test
    void handlersRunInTheOrderTheyWereAdded() {
        App app = Chains.app();
        app.addHandler(new Step("A"));
        app.addHandler(new Step("B"));
        app.addHandler(new Step("C"));
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/");
            assertThat(trail.take()).containsExactly("A", "B", "C", "route");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerThatNeitherWritesNorCallsNextAnswersAnEmpty200(Transport transport) {
        App app = Chains.app();
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) {
                trail.add("handler");
            }
        });
        app.get("/", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            assertThat(response.header("Content-Length")).isEqualTo("0");
            assertThat(trail.take()).containsExactly("handler");
        }
    }

    @Test
    void aHandlerThatWritesWithoutCallingNextAnswersAndSkipsTheRest() {
        App app = Chains.app();
        app.addHandler(new Answer());
        app.beforeAll(trail.step("before"));
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/");
            assertThat(response.body()).isEqualTo("answered early");
            assertThat(response.header("X-Powered-By")).isEqualTo("Kemal");
            assertThat(response.contentType()).isEqualTo("text/html");
            assertThat(trail.take()).isEmpty();
        }
    }

    @Test
    void callNextReturnsSoAHandlerCanWrapTheRestOfTheChain() {
        App app = Chains.app();
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) throws Exception {
                trail.add("outer in");
                callNext(env);
                trail.add("outer out, status " + env.response().status());
                env.response().header("X-Wrapped", "yes");
            }
        });
        app.addHandler(new Step("inner"));
        app.get("/", env -> {
            trail.add("route");
            return env.status(201).text("created");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("created");
            assertThat(response.header("X-Wrapped")).isEqualTo("yes");
            assertThat(trail.take()).containsExactly("outer in", "inner", "route", "outer out, status 201");
        }
    }

    @Test
    void aHandlerThatThrowsGetsTheErrorPage() {
        App app = Chains.app();
        app.error(UnsupportedOperationException.class, (env, ex) -> "handled: " + ex.getMessage());
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) {
                throw new UnsupportedOperationException("not here");
            }
        });
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("handled: not here");
            assertThat(trail.take()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void haltInAHandlerAnswersWithTheHalt(Transport transport) {
        App app = trail.app();
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) throws Exception {
                if (env.request().header("Authorization") == null) halt(env, 401, "Unauthorized");
                callNext(env);
            }
        });
        app.get("/", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("Unauthorized");
            assertThat(trail.take()).isEmpty();
            assertThat(client.get("/", java.util.Map.of("Authorization", "Bearer x")).body()).isEqualTo("route");
        }
    }

    @Test
    void haltInAHandlerWorksWithoutTheExceptionHandler() {
        App app = Chains.app();
        app.config().alwaysRescue(false);
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) {
                halt(env, 403, "Forbidden");
            }
        });
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("Forbidden");
        }
    }

    @Test
    void aHandlerThatRedirectsAndCallsNextSkipsTheRoute() {
        App app = trail.app();
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) throws Exception {
                env.redirect("/login");
                callNext(env);
            }
        });
        app.delete("/account", trail.route("deleted"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.delete("/account");
            assertThat(response.status()).isEqualTo(302);
            assertThat(trail.take()).isEmpty();
        }
    }

    // ---- addHandler(h, position) --------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void positionZeroRunsBeforeEverythingEvenTheDefaultHeaders(Transport transport) {
        App app = Chains.app();
        app.addHandler(new Answer(), 0);
        app.get("/", trail.route("route"));
        try (TestClient client = Chains.open(transport, app)) {
            TestResponse response = client.get("/");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("answered early");
            // InitHandler never ran: no X-Powered-By and no default Content-Type.
            assertThat(response.header("X-Powered-By")).isNull();
            assertThat(response.contentType()).isNull();
            assertThat(trail.take()).isEmpty();
        }
    }

    @Test
    void positionZeroSeesTheRequestBeforeTheRequestLog() {
        App app = Chains.app();
        app.config().logging(true).logger(new RecordingLogger());
        app.addHandler(new Step("zero"), 0);
        app.addHandler(new Step("default"));
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/");
            assertThat(trail.take()).containsExactly("zero", "log", "default", "route", "200 GET /");
        }
    }

    @Test
    void aHandlerAtPositionZeroThatAnswersIsNotLogged() {
        App app = Chains.app();
        app.config().logging(true).logger(new RecordingLogger());
        app.addHandler(new Answer(), 0);
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/").body()).isEqualTo("answered early");
            assertThat(trail.take()).isEmpty();
        }
    }

    @Test
    void positionsAreIndexesIntoTheChainBeingBuilt() {
        App app = Chains.app();
        app.config().logging(true).logger(new RecordingLogger());
        // Chain: Init(0), Log(1), HeadRequest(2), Exception(3), then the custom handlers.
        app.addHandler(new Step("default"));
        app.addHandler(new Step("one"), 1);
        app.addHandler(new Step("first-zero"), 0);
        app.addHandler(new Step("second-zero"), 0); // inserted at 0 later, so it runs first
        app.addHandler(new Step("far"), 99); // past the end: the end of the list at that point
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/");
            assertThat(trail.take())
                    .containsExactly("second-zero", "first-zero", "one", "log", "default", "far", "route", "200 GET /");
            // "one" ran after InitHandler: the default headers were set before it answered.
            assertThat(response.header("X-Powered-By")).isEqualTo("Kemal");
        }
    }

    @Test
    void aHandlerAtPositionZeroThatCallsNextGetsTheUsualResponse() {
        App app = Chains.app();
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) throws Exception {
                trail.add("zero");
                callNext(env);
            }
        }, 0);
        try (TestClient client = TestClient.inProcess(app)) {
            TestResponse response = client.get("/nowhere");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("X-Powered-By")).isEqualTo("Kemal");
            assertThat(trail.take()).containsExactly("zero");
        }
    }

    // ---- how the chain is built -----------------------------------------------------------------

    /**
     * Without a declared filter there is no filter step: a status left by a handler reaches the
     * route (whose output the error handler then replaces). With any filter, the filter step
     * renders the error handler before the route, as Kemal's FilterHandler does.
     */
    @Test
    void theFilterStepIsInTheChainOnlyOnceAFilterIsDeclared() {
        for (boolean withFilter : new boolean[] {false, true}) {
            App app = Chains.app();
            app.error(403, env -> "Forbidden page");
            app.addHandler(new Handler() {
                @Override
                public void call(Env env) throws Exception {
                    env.response().status(403);
                    callNext(env);
                }
            });
            if (withFilter) app.beforeGet("/somewhere-else", trail.step("unrelated filter"));
            app.get("/", trail.route("route"));
            try (TestClient client = TestClient.inProcess(app)) {
                TestResponse response = client.get("/");
                assertThat(response.status()).isEqualTo(403);
                assertThat(response.body()).isEqualTo("Forbidden page");
                assertThat(trail.take()).as("with a filter: %s", withFilter)
                        .isEqualTo(withFilter ? java.util.List.of() : java.util.List.of("route"));
            }
        }
    }

    @Test
    void aHandlerCannotBeAddedOnceTheChainIsBuilt() {
        App app = Chains.app();
        app.get("/", trail.route("route"));
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/");
            assertThatThrownBy(() -> app.addHandler(new Step("late")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before the application starts");
        }
    }

    @Test
    void aHandlerCannotBeAddedTwice() {
        App app = Chains.app();
        Step step = new Step("twice");
        app.addHandler(step);
        assertThatThrownBy(() -> app.addHandler(step, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already added");
    }

    @Test
    void oneHandlerInstanceCannotServeTwoApplications() {
        Step shared = new Step("shared");
        App first = Chains.app();
        first.addHandler(shared);
        first.get("/", env -> "first");
        App second = Chains.app();
        second.addHandler(shared);
        second.get("/", env -> "second");
        try (TestClient client = TestClient.inProcess(first)) {
            assertThatThrownBy(() -> TestClient.inProcess(second))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another application");
            // The first application's chain is untouched.
            assertThat(client.get("/").body()).isEqualTo("first");
        }
    }

    @Test
    void theLoggerCannotAlsoBeACustomHandler() {
        RecordingLogger logger = new RecordingLogger();
        App app = Chains.app();
        app.config().logging(true).logger(logger);
        app.addHandler(logger);
        assertThatThrownBy(() -> TestClient.inProcess(app))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in this application's chain");
    }

    @Test
    void aNullHandlerIsRefused() {
        assertThatThrownBy(() -> Chains.app().addHandler(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
