package kemal.api;

import java.util.function.Function;
import kemal.App;
import kemal.test.TestClient;

/** The two ways the test kit reaches an application; every conformance test runs on both. */
enum Transport {
    IN_PROCESS(TestClient::inProcess),
    SOCKET(TestClient::overSocket);

    private final Function<App, TestClient> opener;

    Transport(Function<App, TestClient> opener) {
        this.opener = opener;
    }

    /** Serves {@code app} on this transport; close the client to stop it. */
    TestClient open(App app) {
        return opener.apply(app);
    }
}
