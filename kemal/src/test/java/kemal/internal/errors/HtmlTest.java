package kemal.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

    @Test
    void nullBecomesEmpty() {
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void returnsSameInstanceWhenNothingToEscape() {
        String s = new String("plain text / é 日本 \uD83D\uDE00 = ; %");
        assertThat(Html.escape(s)).isSameAs(s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "&|&amp;",
        "<|&lt;",
        ">|&gt;",
        "\"|&quot;",
        "'|&#39;",
        "<script>alert(1)</script>|&lt;script&gt;alert(1)&lt;/script&gt;",
        "a & b < c > d \" e ' f|a &amp; b &lt; c &gt; d &quot; e &#39; f",
        "&amp;|&amp;amp;",
        "\"><img src=x onerror=alert(1)>|&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
        "é<é|é&lt;é",
    })
    void escapesTheFiveSpecialCharacters(String input, String expected) {
        assertThat(Html.escape(input)).isEqualTo(expected);
    }

    @Test
    void appendEscapedAppendsAndReturnsBuilder() {
        StringBuilder sb = new StringBuilder("x:");
        assertThat(Html.appendEscaped(sb, "<b>")).isSameAs(sb);
        assertThat(Html.appendEscaped(sb, null)).isSameAs(sb);
        assertThat(sb).hasToString("x:&lt;b&gt;");
    }
}
