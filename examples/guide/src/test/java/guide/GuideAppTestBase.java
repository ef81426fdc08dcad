package guide;

import static org.assertj.core.api.Assertions.assertThat;

import kemal.App;
import kemal.Kemal;
import kemal.test.KemalApp;
import kemal.test.KemalTest;
import kemal.test.TestClient;
import org.junit.jupiter.api.Test;

/**
 * Every guide test drives the real guide application over a real socket: subclasses inherit the
 * transport, and {@link #overARealSocket} checks that they really use it.
 */
@KemalTest(transport = KemalTest.Transport.SOCKET)
abstract class GuideAppTestBase {
    @KemalApp
    static App guideApp() {
        GuideApp.defineRoutes();
        Kemal.config().logging(false);
        return Kemal.app();
    }

    @Test
    void overARealSocket(TestClient client) {
        assertThat(client.port()).as("the test client's port (-1 in-process)").isPositive();
        assertThat(client.uri("/").getHost()).isEqualTo("127.0.0.1");
    }
}
