package kemal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import kemal.App;
import kemal.Env;
import kemal.Handler;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;

/** The guide's {@code Kemal.config.add_handler MyCustomHandler.new}. */
class ConfigAddHandlerTest {
    static final class Tagging extends Handler {
        private final String tag;

        Tagging(String tag) {
            this.tag = tag;
        }

        @Override
        public void call(Env env) throws Exception {
            env.response().headers().add("X-Tag", tag);
            callNext(env);
        }
    }

    @Test
    void configAddHandlerAddsToTheChainLikeAppAddHandler() {
        App app = Kemal.create();
        app.config().logging(false).addHandler(new Tagging("config")).addHandler(new Tagging("first"), 0);
        app.addHandler(new Tagging("app"));
        app.get("/", env -> "ok");
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.get("/").headers("X-Tag")).containsExactly("first", "config", "app");
        }
    }
}
