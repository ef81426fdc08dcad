package kemal.api;

import java.util.EnumMap;
import java.util.Map;
import kemal.App;
import kemal.Kemal;
import kemal.test.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the conformance tests: a subclass declares its routes once in {@link #routes(App)}; each
 * transport gets its own application built from them, started on first use and stopped after the
 * class. Scenarios that need a differently configured application build one with {@link #newApp()}
 * and open it themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTest {
    private final Map<Transport, TestClient> clients = new EnumMap<>(Transport.class);

    /** Declares the routes and handlers shared by the tests of the class. */
    abstract void routes(App app);

    /** A client for the class's application on {@code transport}. */
    final TestClient client(Transport transport) {
        return clients.computeIfAbsent(transport, t -> {
            App app = newApp();
            routes(app);
            return t.open(app);
        });
    }

    /** A fresh, independent application without request logging. */
    static App newApp() {
        App app = Kemal.create();
        app.config().logging(false);
        return app;
    }

    @AfterAll
    final void stopApps() {
        clients.values().forEach(TestClient::close);
        clients.clear();
    }
}
