package kemal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application logging in the guide's shape ({@code Log.info { "..." }}), on SLF4J: bring any
 * backend (the examples use slf4j-simple). Messages take SLF4J {@code {}} placeholders.
 *
 * <pre>{@code
 * Log.info("User {} logged in", userId);
 * Log.warn("Rate limit exceeded for IP {}", ip);
 * }</pre>
 */
public final class Log {
    private static final Logger LOG = LoggerFactory.getLogger("app");

    private Log() {}

    public static void debug(String message, Object... args) {
        LOG.debug(message, args);
    }

    public static void info(String message, Object... args) {
        LOG.info(message, args);
    }

    public static void warn(String message, Object... args) {
        LOG.warn(message, args);
    }

    /** Logs an error; a Throwable as the last argument is logged with its stack trace. */
    public static void error(String message, Object... args) {
        LOG.error(message, args);
    }
}
