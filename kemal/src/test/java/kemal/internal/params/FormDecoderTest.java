package kemal.internal.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormDecoderTest {

    @Test
    void parsesRepeatedKeysInOrder() {
        var params = FormDecoder.parse("name=Serdar&likes=Ruby&likes=Crystal");
        assertThat(params).containsExactly(
                entry("name", List.of("Serdar")),
                entry("likes", List.of("Ruby", "Crystal")));
    }

    @Test
    void bracketsHaveNoSpecialMeaning() {
        var params = FormDecoder.parse("likes[]=A&likes[]=B");
        assertThat(params).containsExactly(entry("likes[]", List.of("A", "B")));
    }

    @Test
    void encodedBracketsDecodeToTheSameKey() {
        var params = FormDecoder.parse("likes%5B%5D=A&likes[]=B");
        assertThat(params).containsExactly(entry("likes[]", List.of("A", "B")));
    }

    @Test
    void semicolonSeparatesToo() {
        var params = FormDecoder.parse("a=1;b=2");
        assertThat(params).containsExactly(entry("a", List.of("1")), entry("b", List.of("2")));
    }

    @Test
    void mixedSeparators() {
        var params = FormDecoder.parse("a=1;b=2&a=3");
        assertThat(params).containsExactly(
                entry("a", List.of("1", "3")), entry("b", List.of("2")));
    }

    @Test
    void skipsEmptySegments() {
        assertThat(FormDecoder.parse("a=1&&b=2")).containsExactly(
                entry("a", List.of("1")), entry("b", List.of("2")));
        assertThat(FormDecoder.parse("a=1&")).containsExactly(entry("a", List.of("1")));
        assertThat(FormDecoder.parse("&a=1")).containsExactly(entry("a", List.of("1")));
        assertThat(FormDecoder.parse(";;&;a=1;&")).containsExactly(entry("a", List.of("1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&", ";", "&&;;&"})
    void onlySeparatorsOrEmptyYieldsEmptyMap(String input) {
        assertThat(FormDecoder.parse(input)).isEmpty();
    }

    @Test
    void nullYieldsEmptyMap() {
        assertThat(FormDecoder.parse(null)).isEmpty();
    }

    @Test
    void keyWithoutEqualsHasEmptyValue() {
        assertThat(FormDecoder.parse("b")).containsExactly(entry("b", List.of("")));
        assertThat(FormDecoder.parse("a=1&b&c=")).containsExactly(
                entry("a", List.of("1")), entry("b", List.of("")), entry("c", List.of("")));
    }

    @Test
    void emptyKeyIsAllowed() {
        assertThat(FormDecoder.parse("=v")).containsExactly(entry("", List.of("v")));
        assertThat(FormDecoder.parse("=")).containsExactly(entry("", List.of("")));
        assertThat(FormDecoder.parse("=a&=b")).containsExactly(entry("", List.of("a", "b")));
    }

    @Test
    void onlyFirstEqualsSplits() {
        assertThat(FormDecoder.parse("k=v=w")).containsExactly(entry("k", List.of("v=w")));
        assertThat(FormDecoder.parse("k==")).containsExactly(entry("k", List.of("=")));
    }

    @Test
    void decodesKeysAndValues() {
        var params = FormDecoder.parse("first+name=J%C3%BCrgen+M&caf%C3%A9=a+b%21&x%3Dy=1%262");
        assertThat(params).containsExactly(
                entry("first name", List.of("Jürgen M")),
                entry("café", List.of("a b!")),
                entry("x=y", List.of("1&2")));
    }

    @Test
    void encodedSeparatorsDoNotSplit() {
        var params = FormDecoder.parse("q=a%26b%3Bc%3Dd");
        assertThat(params).containsExactly(entry("q", List.of("a&b;c=d")));
    }

    @Test
    void plusInValueIsSpaceButEncodedPlusIsPlus() {
        assertThat(FormDecoder.parse("q=1%2B1+%3D+2"))
                .containsExactly(entry("q", List.of("1+1 = 2")));
    }

    @Test
    void keepsLiteralNonAscii() {
        assertThat(FormDecoder.parse("名前=太郎&emoji=\uD83D\uDE00"))
                .containsExactly(entry("名前", List.of("太郎")), entry("emoji", List.of("\uD83D\uDE00")));
    }

    @Test
    void leadingQuestionMarkIsPartOfTheKey() {
        // Callers pass the raw query without '?', as Crystal's URI::Params does.
        assertThat(FormDecoder.parse("?b")).containsExactly(entry("?b", List.of("")));
    }

    @Test
    void returnsMutableInsertionOrderedMap() {
        LinkedHashMap<String, List<String>> params = FormDecoder.parse("z=1&a=2&m=3&a=4");
        assertThat(params.keySet()).containsExactly("z", "a", "m");
        params.get("a").add("5");
        params.put("new", List.of());
        assertThat(params.get("a")).containsExactly("2", "4", "5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%zz", "a=%4", "%=1", "k%z=1", "ok=1&bad=%G0", "a=1;b=50%"})
    void rejectsInvalidEscapesInKeysOrValues(String input) {
        assertThatThrownBy(() -> FormDecoder.parse(input))
                .isInstanceOf(MalformedEncodingException.class)
                .hasMessageStartingWith("invalid percent-encoding '%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%FF", "%FF=1", "a=%C0%AF", "a=%80", "a=%C3&b=%A9", "a=%E2%82"})
    void rejectsInvalidUtf8InKeysOrValues(String input) {
        assertThatThrownBy(() -> FormDecoder.parse(input))
                .isInstanceOf(MalformedEncodingException.class)
                .hasMessage("percent-encoded bytes are not valid UTF-8");
    }

    @Test
    void escapeCannotSpanASeparator() {
        // "%4" ends at '&'; it must not borrow the next pair's characters.
        assertThatThrownBy(() -> FormDecoder.parse("a=%4&1=x"))
                .isInstanceOf(MalformedEncodingException.class)
                .hasMessage("invalid percent-encoding '%4'");
    }
}
