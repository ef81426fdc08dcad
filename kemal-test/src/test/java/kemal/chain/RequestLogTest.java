package kemal.chain;

import static kemal.Kemal.halt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kemal.App;
import kemal.BaseLogHandler;
import kemal.Env;
import kemal.Handler;
import kemal.Kemal;
import kemal.chain.Chains.Trail;
import kemal.internal.log.RequestLogHandler;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guide "Logging Configuration" and "Custom Logger", reference §7: the request log. */
class RequestLogTest {
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC";
    private static final String ELAPSED = "\\d+\\.\\d{1,2}(µs|ms)";

    private final Trail trail = new Trail();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** An application logging with the built-in line format into {@link #lines}. */
    private App loggedApp() {
        App app = trail.app();
        app.config().logging(true).logger(new RequestLogHandler(lines::add));
        return app;
    }

    /** The lines logged so far, once every request has left the chain. */
    private List<String> logged() {
        trail.take();
        List<String> out = List.copyOf(lines);
        lines.clear();
        return out;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theLineIsTimeStatusMethodResourceAndElapsed(Transport transport) {
        App app = loggedApp();
        app.get("/hello/:name", env -> "Hello " + env.params().url("name"));
        try (TestClient client = Chains.open(transport, app)) {
            client.get("/hello/kemal?lang=en&x=%20y");
            assertThat(logged()).singleElement().asString()
                    .matches(TIME + " 200 GET /hello/kemal\\?lang=en&x=%20y " + ELAPSED);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theLineShowsTheFinalStatus(Transport transport) {
        App app = loggedApp();
        app.get("/boom", env -> {
            throw new IllegalStateException("boom");
        });
        app.get("/away", env -> env.redirect("/elsewhere"));
        app.beforeGet("/guarded", env -> halt(env, 401, "no"));
        app.get("/guarded", env -> "secret");
        app.error(418, env -> "teapot");
        app.get("/tea", env -> env.status(418));
        try (TestClient client = Chains.open(transport, app)) {
            // One request at a time: a response closed early (redirect, halt) is logged after
            // it was sent, so lines of successive requests could otherwise swap.
            for (String[] expected : new String[][] {
                {"GET", "/missing", "404"}, {"GET", "/boom", "500"}, {"GET", "/away", "302"},
                {"GET", "/guarded", "401"}, {"GET", "/tea", "418"}, {"HEAD", "/missing", "404"}}) {
                client.request(expected[0], expected[1], java.util.Map.of(), null);
                assertThat(logged()).singleElement().asString()
                        .matches(TIME + " " + expected[2] + " " + expected[0] + " " + expected[1] + " " + ELAPSED);
            }
        }
    }

    @Test
    void withoutTheExceptionHandlerAnEscapingExceptionIsLoggedAs500() {
        App app = loggedApp();
        app.config().alwaysRescue(false);
        app.get("/boom", env -> {
            throw new IllegalStateException("boom");
        });
        try (TestClient client = TestClient.inProcess(app)) {
            try {
                client.get("/boom");
            } catch (IllegalStateException rethrownByTheTestKit) {
                assertThat(rethrownByTheTestKit).hasMessage("boom");
            }
            assertThat(logged()).singleElement().asString().matches(TIME + " 500 GET /boom " + ELAPSED);
        }
    }

    @Test
    void withoutTheExceptionHandlerAHaltInAHandlerIsLoggedWithItsStatus() {
        App app = loggedApp();
        app.config().alwaysRescue(false);
        app.addHandler(new Handler() {
            @Override
            public void call(Env env) {
                halt(env, 403, "Forbidden");
            }
        });
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/").status()).isEqualTo(403);
            assertThat(logged()).singleElement().asString().matches(TIME + " 403 GET / " + ELAPSED);
        }
    }

    @Test
    void theMethodLoggedIsTheOverriddenOne() {
        App app = loggedApp();
        app.addHandler(new kemal.OverrideMethodHandler());
        app.delete("/items/:id", env -> "deleted");
        try (TestClient client = TestClient.inProcess(app)) {
            client.postForm("/items/1", "_method=DELETE");
            assertThat(logged()).singleElement().asString().matches(TIME + " 200 DELETE /items/1 " + ELAPSED);
        }
    }

    // ---- a custom logger -------------------------------------------------------------------

    /** The guide's MyCustomLogger: it runs for each request and must call next. */
    private static final class MyCustomLogger extends BaseLogHandler {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void call(Env env) throws Exception {
            write("Custom logger is in action.");
            callNext(env);
            write(env.request().method() + " " + env.request().path() + " -> " + env.response().status());
        }

        @Override
        public void write(String message) {
            messages.add(message);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCustomLoggerReplacesTheBuiltInOne(Transport transport) {
        MyCustomLogger logger = new MyCustomLogger();
        App app = Kemal.create();
        app.config().logger(logger);
        assertThat(app.config().logger()).isSameAs(logger);
        app.get("/", env -> "home");
        try (TestClient client = Chains.open(transport, app)) {
            assertThat(client.get("/").body()).isEqualTo("home");
            client.get("/nope");
            assertThat(logger.messages).containsExactly(
                    "Custom logger is in action.", "GET / -> 200",
                    "Custom logger is in action.", "GET /nope -> 404");
        }
    }

    @Test
    void withLoggingOffEvenACustomLoggerIsLeftOut() {
        MyCustomLogger logger = new MyCustomLogger();
        App app = Chains.app();
        app.config().logger(logger);
        app.get("/", env -> "home");
        try (TestClient client = TestClient.inProcess(app)) {
            client.get("/");
            assertThat(logger.messages).isEmpty();
        }
    }

    // ---- the default: stdout ---------------------------------------------------------------

    /**
     * Logging is on by default and writes to stdout; {@code logging(false)} and a custom logger
     * leave no line there. Lines are written in order by one writer, so once the last
     * application's line is out, the earlier ones would be out too.
     */
    @Test
    void theDefaultLogGoesToStdoutUnlessTurnedOffOrReplaced() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            App quiet = Kemal.create();
            quiet.config().logging(false);
            quiet.get("/quiet-7f3a", env -> "quiet");
            App replaced = Kemal.create();
            replaced.config().logger(new MyCustomLogger());
            replaced.get("/replaced-7f3a", env -> "replaced");
            App loud = Kemal.create();
            assertThat(loud.config().logging()).isTrue();
            loud.get("/loud-7f3a", env -> "loud");
            for (App app : List.of(quiet, replaced, loud)) {
                try (TestClient client = TestClient.inProcess(app)) {
                    client.get(app == quiet ? "/quiet-7f3a" : app == replaced ? "/replaced-7f3a" : "/loud-7f3a");
                }
            }
            String out = awaitOutput(captured, "GET /loud-7f3a ");
            assertThat(out).containsPattern(TIME + " 200 GET /loud-7f3a " + ELAPSED + "\n");
            assertThat(out).doesNotContain("/quiet-7f3a").doesNotContain("/replaced-7f3a");
        } finally {
            System.setOut(original);
        }
    }

    private static String awaitOutput(ByteArrayOutputStream captured, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String text = captured.toString(StandardCharsets.UTF_8);
            if (text.contains(expected)) return text;
            Thread.sleep(5);
        }
        throw new AssertionError("No log line containing '" + expected + "' in: " + captured);
    }

    @Test
    void theLoggingShorthandSetsTheDefaultApplicationsConfig() {
        boolean before = Kemal.config().logging();
        try {
            Kemal.logging(false);
            assertThat(Kemal.config().logging()).isFalse();
            Kemal.logging(true);
            assertThat(Kemal.config().logging()).isTrue();
        } finally {
            Kemal.config().logging(before);
        }
    }
}
