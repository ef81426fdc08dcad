package kemal.chain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kemal.Action;
import kemal.App;
import kemal.Env;
import kemal.Handler;
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
     * The steps a request went through, in order. A response closed early (redirect, halt) is
     * sent while the rest of the chain still runs, so {@link #take} waits for requests in
     * progress in applications made by {@link #app}.
     */
    static final class Trail {
        private final List<String> steps = new CopyOnWriteArrayList<>();
        private final AtomicInteger inProgress = new AtomicInteger();

        /**
         * A quiet application whose requests this trail waits for: a handler ahead of everything
         * counts the requests still in the chain.
         */
        App app() {
            App app = Chains.app();
            app.addHandler(new Handler() {
                @Override
                public void call(Env env) throws Exception {
                    inProgress.incrementAndGet();
                    try {
                        callNext(env);
                    } finally {
                        inProgress.decrementAndGet();
                    }
                }
            }, 0);
            return app;
        }

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
            // The request was counted before its response was sent, so this cannot miss it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inProgress.get() > 0) {
                if (System.nanoTime() > deadline) throw new AssertionError("A request is still in the chain");
                Thread.onSpinWait();
                Thread.yield();
            }
            List<String> out = List.copyOf(steps);
            steps.clear();
            return out;
        }
    }
}
