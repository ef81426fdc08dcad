package kemal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Guide "Logging Configuration": application logging through SLF4J (slf4j-simple in these tests). */
class LogTest {

    private static String capturingStderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void messagesGoToTheAppLoggerWithTheirPlaceholdersFilled() {
        String out = capturingStderr(() -> {
            Log.info("User {} logged in", 42);
            Log.warn("Rate limit exceeded for IP {}", "10.0.0.1");
        });
        assertThat(out).contains("INFO app - User 42 logged in").contains("WARN app - Rate limit exceeded for IP 10.0.0.1");
    }

    @Test
    void anErrorWithAThrowableLastLogsItsStackTrace() {
        String out = capturingStderr(() -> Log.error("Payment {} failed", "p-1", new IllegalStateException("declined")));
        assertThat(out).contains("ERROR app - Payment p-1 failed")
                .contains("java.lang.IllegalStateException: declined")
                .contains("at kemal.LogTest");
    }

    @Test
    void debugIsBelowTheDefaultLevel() {
        assertThat(capturingStderr(() -> Log.debug("hidden {}", 1))).doesNotContain("hidden");
    }
}
