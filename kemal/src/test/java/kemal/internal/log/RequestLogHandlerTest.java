package kemal.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference §7: the request log line and Kemal's elapsed-time text. */
class RequestLogHandlerTest {

    @ParameterizedTest(name = "{0} ns -> {1}")
    @CsvSource({
        "0,             0.0µs",
        "1,             0.0µs",
        "10,            0.01µs",
        "123450,        123.45µs",
        "114560,        114.56µs",
        "666000,        666.0µs",
        "120500,        120.5µs",
        "999994,        999.99µs",
        "999999,        1000.0µs",
        "1000000,       1.0ms",
        "2000000,       2.0ms",
        "3500000,       3.5ms",
        "1234567,       1.23ms",
        "1006000,       1.01ms",
        "60000000000,   60000.0ms",
    })
    void elapsedIsMillisecondsFromOneMillisecondElseMicroseconds(long nanos, String text) {
        assertThat(RequestLogHandler.elapsed(nanos)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0,        0.0",
        "2.0,        2.0",
        "3.5,        3.5",
        "3.50001,    3.5",
        "114.56,     114.56",
        "114.564,    114.56",
        "114.566,    114.57",
        "0.05,       0.05",
        "0.1,        0.1",
        "7.09,       7.09",
        "7.995,      8.0",
        "0.3333333,  0.33",
        "12345678.9, 12345678.9",
    })
    void twoDecimalsFormatsLikeCrystalsRoundedFloat(double value, String text) {
        assertThat(RequestLogHandler.twoDecimals(value)).isEqualTo(text);
    }

    @Test
    void aLineIsTimeStatusMethodResourceAndElapsed() {
        RequestLogHandler handler = new RequestLogHandler(line -> {});
        Instant before = Instant.now().minusSeconds(1);
        String line = handler.line(404, "GET", "/missing?x=1", 2_000_000);
        Instant after = Instant.now().plusSeconds(1);

        assertThat(line).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC 404 GET /missing\\?x=1 2\\.0ms");
        Instant stamped = LocalDateTime.parse(line.substring(0, 19), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                .toInstant(ZoneOffset.UTC);
        assertThat(stamped).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), after);
    }

    @Test
    void writeHandsTheMessageToTheSink() {
        List<String> lines = new ArrayList<>();
        new RequestLogHandler(lines::add).write("hello");
        assertThat(lines).containsExactly("hello");
    }
}
