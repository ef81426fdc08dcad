package kemal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kemal.App;
import kemal.Env;
import kemal.Handler;
import kemal.test.TestClient;
import kemal.test.TestResponse;

/** The guide's "Context Storage" section and reference §3.1. */
class ContextStorageTest extends ApiTest {

    /** The guide's custom storage type. */
    static final class User {
        final String name;

        User(String name) {
            this.name = name;
        }
    }

    /** Runs before the routes, like the guide's {@code before_get "/"} and {@code before "/"} filters. */
    static final class BeforeFilters extends Handler {
        @Override
        public void call(Env env) throws Exception {
            String path = env.request().path();
            if (path.equals("/")) env.set("is_kemal_cool", true);
            if (path.startsWith("/user")) env.set("user", new User("dummy-user"));
            callNext(env);
        }
    }

    @Override
    void routes(App app) {
        app.addHandler(new BeforeFilters());
        app.get("/", env -> {
            boolean isKemalCool = env.get("is_kemal_cool");
            return "Kemal cool = " + isKemalCool;
        });
        app.get("/user", env -> {
            User user = env.get("user");
            return "user " + user.name;
        });
        app.get("/user/typed", env -> "typed " + env.get("user", User.class).name);
        app.get("/missing", env -> "value " + env.get("non_existent_key"));
        app.get("/missing/null", env -> {
            Object value = env.getOrNull("non_existent_key");
            return "value " + value + ", has " + env.has("non_existent_key") + ", typed "
                    + env.get("non_existent_key", String.class);
        });
        app.get("/null-value", env -> {
            env.set("nothing", null);
            return "has " + env.has("nothing") + ", value " + env.get("nothing");
        });
        app.get("/chain", env -> {
            Env same = env.set("a", 1).set("b", 2L).set("a", 3);
            int a = same.get("a");
            long b = same.get("b");
            return same == env ? "a=" + a + " b=" + b : "not chained";
        });
        app.get("/user/wrong-type", env -> "typed " + env.get("user", Integer.class));
        app.get("/isolated/:id", env -> {
            env.set("id", env.params().url("id"));
            Thread.yield();
            return env.get("id") + "/" + env.params().query("q");
        });
        app.get("/leak", env -> {
            String before = env.getOrNull("once");
            env.set("once", "set");
            return "before=" + before;
        });
    }

    @BothTransports
    void guideExample(Transport transport) {
        assertThat(client(transport).get("/").body()).isEqualTo("Kemal cool = true");
    }

    @BothTransports
    void aCustomTypeStoredByAHandlerReachesTheRoute(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/user").body()).isEqualTo("user dummy-user");
        assertThat(client.get("/user/typed").body()).isEqualTo("typed dummy-user");
    }

    @BothTransports
    void getOrNullIsKemalsGetQuestionMark(Transport transport) {
        assertThat(client(transport).get("/missing/null").body()).isEqualTo("value null, has false, typed null");
    }

    @BothTransports
    void aStoredNullIsPresent(Transport transport) {
        assertThat(client(transport).get("/null-value").body()).isEqualTo("has true, value null");
    }

    @BothTransports
    void setChainsAndReplaces(Transport transport) {
        assertThat(client(transport).get("/chain").body()).isEqualTo("a=3 b=2");
    }

    @BothTransports
    void getOfAMissingKeyIsA500NamingTheKey(Transport transport) {
        TestResponse response = client(transport).get("/missing");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("Missing context key: &quot;non_existent_key&quot;")
                .contains("NoSuchElementException");
    }

    @BothTransports
    void aTypedGetOfTheWrongTypeIsA500(Transport transport) {
        TestResponse response = client(transport).get("/user/wrong-type");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("ClassCastException");
    }

    @BothTransports
    void storageLastsOneRequest(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/leak").body()).isEqualTo("before=null");
        assertThat(client.get("/leak").body()).isEqualTo("before=null");
    }

    @BothTransports
    void concurrentRequestsNeverShareState(Transport transport) throws Exception {
        TestClient client = client(transport);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                answers.add(pool.submit(() -> client.get("/isolated/" + n + "?q=" + (n * 7)).body()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + "/" + (i * 7));
            }
        }
    }
}
