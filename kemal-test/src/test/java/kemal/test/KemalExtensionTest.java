package kemal.test;

import static org.assertj.core.api.Assertions.assertThat;

import kemal.App;
import kemal.Kemal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The guide's "Testing" example, translated, on both transports. */
class KemalExtensionTest {

    static App yourKemalApp() {
        App app = Kemal.create();
        app.config().logging(false);
        app.get("/", env -> "Hello World!");
        return app;
    }

    @Nested
    @KemalTest
    class InProcess {
        @KemalApp
        static App app() {
            return yourKemalApp();
        }

        @Test
        void rendersRoot(TestClient client) {
            assertThat(client.get("/").body()).isEqualTo("Hello World!");
        }

        @Test
        void injectsTheApp(App app, TestClient client) {
            assertThat(client.app()).isSameAs(app);
        }
    }

    @Nested
    @KemalTest(transport = KemalTest.Transport.SOCKET)
    class OverSocket {
        @KemalApp
        static App app() {
            return yourKemalApp();
        }

        @Test
        void rendersRoot(TestClient client) {
            assertThat(client.port()).isPositive();
            assertThat(client.get("/").body()).isEqualTo("Hello World!");
        }
    }

    @Nested
    @KemalTest
    class WithNestedGroups {
        @KemalApp
        static App app() {
            return yourKemalApp();
        }

        @Nested
        class Group {
            @Test
            void usesTheEnclosingApp(TestClient client, App app) {
                assertThat(client.get("/").body()).isEqualTo("Hello World!");
                assertThat(app).isNotSameAs(Kemal.app());
                assertThat(client.port()).isEqualTo(-1);
            }
        }

        @Nested
        @KemalTest(transport = KemalTest.Transport.SOCKET)
        class OverSocketToo {
            @Test
            void getsItsOwnClientOfTheEnclosingApp(TestClient client) {
                assertThat(client.port()).isPositive();
                assertThat(client.get("/").body()).isEqualTo("Hello World!");
            }
        }
    }
}
