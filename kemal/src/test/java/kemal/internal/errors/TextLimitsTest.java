package kemal.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextLimitsTest {

    @Test
    void shortTextIsUnchanged() {
        String s = "x".repeat(TextLimits.MAX_VALUE_CHARS);
        assertThat(TextLimits.truncate(s)).isSameAs(s);
        assertThat(TextLimits.truncate(null)).isNull();
    }

    @Test
    void longTextIsCutWithMarker() {
        String s = "y".repeat(TextLimits.MAX_VALUE_CHARS + 10);
        assertThat(TextLimits.truncate(s))
                .isEqualTo("y".repeat(TextLimits.MAX_VALUE_CHARS) + " ... [truncated 10 more chars]");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String s = "abc\uD83D\uDE00def";
        assertThat(TextLimits.truncate(s, 4)).isEqualTo("abc ... [truncated 5 more chars]");
        assertThat(TextLimits.truncate(s, 5)).isEqualTo("abc\uD83D\uDE00 ... [truncated 3 more chars]");
    }

    @Test
    void firstLine() {
        assertThat(TextLimits.firstLine("one\ntwo")).isEqualTo("one");
        assertThat(TextLimits.firstLine("one\r\ntwo")).isEqualTo("one");
        assertThat(TextLimits.firstLine("single")).isEqualTo("single");
        assertThat(TextLimits.firstLine("")).isEmpty();
    }
}
