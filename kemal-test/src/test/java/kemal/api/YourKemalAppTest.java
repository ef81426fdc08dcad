package kemal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import kemal.App;
import kemal.Kemal;
import kemal.test.KemalApp;
import kemal.test.KemalTest;
import kemal.test.TestClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The guide's "Testing" section, written as {@link KemalTest} documents it: the application is
 * the guide's {@code src/your-kemal-app.cr}, and every spec-kemal verb (get, post, put, patch,
 * delete, head) calls its route. Once in-process, once over a socket.
 */
class YourKemalAppTest {

    /** The guide's application, plus one route per verb spec-kemal can call. */
    static App yourKemalApp() {
        App app = Kemal.create();
        app.config().logging(false);
        app.get("/", env -> "Hello World!");
        app.post("/", env -> "posted " + env.request().body());
        app.put("/", env -> "put " + env.request().body());
        app.patch("/", env -> "patched " + env.request().body());
        app.delete("/", env -> "deleted");
        return app;
    }

    /** The specs, shared by both transports. */
    abstract static class Specs {
        @Test
        void rendersRoot(TestClient client) {
            assertEquals("Hello World!", client.get("/").body());
        }

        @Test
        void callsEveryVerb(TestClient client) {
            assertEquals("posted a", client.post("/", "a").body());
            assertEquals("put b", client.put("/", "b").body());
            assertEquals("patched c", client.patch("/", "c").body());
            assertEquals("deleted", client.delete("/").body());
            assertEquals("12", client.head("/").header("Content-Length"));
        }

        @Test
        void injectsTheApplication(App app, TestClient client) {
            assertEquals(app, client.app());
        }
    }

    @Nested
    @KemalTest
    class InProcess extends Specs {
        @KemalApp
        static App app() {
            return yourKemalApp();
        }
    }

    @Nested
    @KemalTest(transport = KemalTest.Transport.SOCKET)
    class OverSocket extends Specs {
        @KemalApp
        static App app() {
            return yourKemalApp();
        }
    }
}
