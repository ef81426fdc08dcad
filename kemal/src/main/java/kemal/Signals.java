package kemal;

import org.slf4j.LoggerFactory;

/**
 * Stops an application gracefully on SIGINT and SIGTERM, prints Kemal's farewell and exits with
 * status 0 (a plain JVM shutdown hook would exit 130 or 143). Uses {@code sun.misc.Signal} from
 * the jdk.unsupported module; where that is missing, a shutdown hook still stops gracefully.
 */
final class Signals {
    private Signals() {}

    static void stopOn(App app) {
        Runnable shutdown = () -> {
            if (!app.isRunning()) return;
            if (app.config().shutdownMessage()) {
                System.out.println(app.config().appName() + " is going to take a rest!");
            }
            try {
                app.stop();
            } catch (IllegalStateException alreadyStopped) {
                // stopped by someone else meanwhile
            }
        };
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    // The handler runs on a signal thread; exit from another so hooks can run.
                    Thread.ofPlatform().name("kemal-shutdown").start(() -> {
                        shutdown.run();
                        System.exit(0);
                    });
                });
            }
        } catch (Throwable unavailable) {
            LoggerFactory.getLogger("kemal").debug("Signal handling unavailable, using a shutdown hook", unavailable);
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "kemal-shutdown"));
        }
    }
}
