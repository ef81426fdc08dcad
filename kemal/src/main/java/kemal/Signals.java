package kemal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Stops an application gracefully on SIGINT, SIGTERM and SIGHUP (as Kemal traps them), prints
 * Kemal's farewell and exits with status 0 (a plain JVM shutdown hook would exit 130, 143 or 129).
 * A signal that was ignored when the JVM started (SIGINT in a background job of a script, SIGHUP
 * under nohup) stays ignored: the JVM cannot take it back. Uses {@code sun.misc.Signal} from
 * the jdk.unsupported module; where that is missing, a shutdown hook still stops gracefully.
 */
final class Signals {
    private Signals() {}

    static void stopOn(App app) {
        // Only the first signal stops the application: a second one (Ctrl-C pressed twice, or
        // TERM sent to the whole process group) would otherwise race it and say goodbye twice.
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable shutdown = () -> {
            // Trapped before the server listens: a signal during startup just exits (status 0).
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
            for (String name : new String[] {"INT", "TERM", "HUP"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (!stopping.compareAndSet(false, true)) return;
                    // The handler runs on a signal thread; exit from another so hooks can run.
                    Thread.ofPlatform().name("kemal-shutdown").start(() -> {
                        int status = 0;
                        try {
                            shutdown.run();
                        } catch (Throwable failed) {
                            // Still exit: a stop that failed must not leave a process that ignores signals.
                            LoggerFactory.getLogger("kemal").error("Graceful stop failed", failed);
                            status = 1;
                        } finally {
                            System.exit(status);
                        }
                    });
                });
            }
        } catch (Throwable unavailable) {
            LoggerFactory.getLogger("kemal").debug("Signal handling unavailable, using a shutdown hook", unavailable);
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "kemal-shutdown"));
        }
    }
}
