package kemal.chain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kemal.Action;
import kemal.App;
import kemal.Kemal;
import kemal.Route;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;

/** Shared set-up for the handler-chain tests: quiet applications, both transports, a step trail. */
final class Chains {
    private Chains() {}

    /** A new application that does not log requests. */
    static App app() {
        App app = Kemal.create();
        app.config().logging(false);
        return app;
    }

    /** A client for {@code app} over {@code transport}. */
    static TestClient open(Transport transport, App app) {
        return transport == Transport.SOCKET ? TestClient.overSocket(app) : TestClient.inProcess(app);
    }

    /**
     * The steps a request went through, in order. Requests in these tests are sequential and the
     * whole chain has run before the response is sent, so the trail is complete when it is read.
     */
    static final class Trail {
        private final List<String> steps = new CopyOnWriteArrayList<>();

        /** A filter or handler step that records {@code name}. */
        Action step(String name) {
            return env -> steps.add(name);
        }

        /** A route that records {@code name} and answers it. */
        Route route(String name) {
            return env -> {
                steps.add(name);
                return name;
            };
        }

        void add(String name) {
            steps.add(name);
        }

        /** The steps recorded so far, and a fresh start for the next request. */
        List<String> take() {
            List<String> out = List.copyOf(steps);
            steps.clear();
            return out;
        }
    }
}
