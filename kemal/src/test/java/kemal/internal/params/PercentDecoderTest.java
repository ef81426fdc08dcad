package kemal.internal.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentDecoderTest {

    private static final String INVALID_UTF8 = "percent-encoded bytes are not valid UTF-8";

    @Nested
    class PathSegment {

        @Test
        void returnsSameInstanceWithoutPercent() {
            String s = new String("a+b c/é");
            assertThat(PercentDecoder.decodePathSegment(s)).isSameAs(s);
        }

        @Test
        void returnsSameInstanceForEmptyString() {
            String s = "";
            assertThat(PercentDecoder.decodePathSegment(s)).isSameAs(s);
        }

        @Test
        void keepsPlusLiterally() {
            assertThat(PercentDecoder.decodePathSegment("a%2Bb+c%25")).isEqualTo("a+b+c%");
        }

        @Test
        void decodesSpaceAndSlash() {
            assertThat(PercentDecoder.decodePathSegment("a%20b+c%2Fd")).isEqualTo("a b+c/d");
        }

        @Test
        void decodesTheExamplePathParameter() {
            String path = "/u/a%2Bb+c%25";
            String param = path.substring("/u/".length());
            assertThat(PercentDecoder.decodePathSegment(param)).isEqualTo("a+b+c%");
        }

        @Test
        void decodesRangeWithoutCopyingFirst() {
            String path = "/u/caf%C3%A9/x";
            assertThat(PercentDecoder.decodePathSegment(path, 3, 12)).isEqualTo("café");
        }

        @Test
        void rangeOverWholeStringWithoutPercentIsSameInstance() {
            String s = new String("plain+text");
            assertThat(PercentDecoder.decodePathSegment(s, 0, s.length())).isSameAs(s);
        }

        @Test
        void partialRangeWithoutPercentIsSubstring() {
            assertThat(PercentDecoder.decodePathSegment("/users/42", 7, 9)).isEqualTo("42");
        }

        @Test
        void acceptsNonStringCharSequence() {
            StringBuilder sb = new StringBuilder("x%41y");
            assertThat(PercentDecoder.decodePathSegment(sb, 0, sb.length())).isEqualTo("xAy");
            assertThat(PercentDecoder.decodePathSegment(sb, 1, 4)).isEqualTo("A");
            assertThat(PercentDecoder.decodePathSegment(sb, 3, 5)).isEqualTo("1y");
        }

        @Test
        void doesNotTreatPlusAsSpaceEvenNextToEscapes() {
            assertThat(PercentDecoder.decodePathSegment("+%41+")).isEqualTo("+A+");
        }
    }

    @Nested
    class FormComponent {

        @Test
        void returnsSameInstanceWithoutPercentOrPlus() {
            String s = new String("hello world/é");
            assertThat(PercentDecoder.decodeFormComponent(s)).isSameAs(s);
        }

        @Test
        void plusBecomesSpace() {
            assertThat(PercentDecoder.decodeFormComponent("a+b%21")).isEqualTo("a b!");
            assertThat(PercentDecoder.decodeFormComponent("+")).isEqualTo(" ");
            assertThat(PercentDecoder.decodeFormComponent("++a++")).isEqualTo("  a  ");
        }

        @Test
        void encodedPlusStaysPlus() {
            assertThat(PercentDecoder.decodeFormComponent("1%2B1+%3D+2")).isEqualTo("1+1 = 2");
        }

        @Test
        void decodesRange() {
            String q = "k=caf%C3%A9+au+lait&z";
            assertThat(PercentDecoder.decodeFormComponent(q, 2, 19)).isEqualTo("café au lait");
        }

        @Test
        void rangeOverWholeStringIsSameInstance() {
            String s = new String("abc");
            assertThat(PercentDecoder.decodeFormComponent(s, 0, 3)).isSameAs(s);
        }

        @Test
        void emptyRange() {
            assertThat(PercentDecoder.decodeFormComponent("abc", 1, 1)).isEmpty();
        }
    }

    @Nested
    class Escapes {

        @ParameterizedTest
        @CsvSource({
            "%2B, +",
            "%2b, +",
            "%25, %",
            "%2F, /",
            "%2f, /",
            "%41%42c, ABc",
            "%7e%7E, ~~",
            "%3D%26%3B, =&;",
            "caf%C3%A9, café",
            "caf%c3%a9, café",
            "%E2%82%AC, €",
            "%F0%9F%98%80, \uD83D\uDE00",
            "%C2%80, \u0080",
            "%DF%BF, \u07FF",
            "%E0%A0%80, \u0800",
            "%EF%BF%BF, \uFFFF",
            "%ED%9F%BF, \uD7FF",
            "%EE%80%80, \uE000",
            "%F0%90%80%80, \uD800\uDC00",
            "%F4%8F%BF%BF, \uDBFF\uDFFF",
        })
        void decodesValidEscapes(String input, String expected) {
            assertThat(PercentDecoder.decodePathSegment(input)).isEqualTo(expected);
            assertThat(PercentDecoder.decodeFormComponent(input)).isEqualTo(expected);
        }

        @Test
        void decodesNul() {
            assertThat(PercentDecoder.decodePathSegment("a%00b")).isEqualTo("a\u0000b");
        }

        @Test
        void keepsLiteralNonAsciiAroundEscapes() {
            assertThat(PercentDecoder.decodeFormComponent("é+%C3%A9+日本+\uD83D\uDE00%21"))
                    .isEqualTo("é é 日本 \uD83D\uDE00!");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "%|'%'",
            "abc%|'%'",
            "%z|'%z'",
            "%zz|'%zz'",
            "%4|'%4'",
            "ab%4|'%4'",
            "%4g|'%4g'",
            "%g4|'%g4'",
            "% 1|'% 1'",
            "%+1|'%+1'",
            "%%41|'%%4'",
            "%-1|'%-1'",
            "%é1|'%é1'",
        })
        void rejectsInvalidEscapes(String input, String quoted) {
            String expected = "invalid percent-encoding " + quoted;
            assertThatThrownBy(() -> PercentDecoder.decodePathSegment(input))
                    .isInstanceOf(MalformedEncodingException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected);
            assertThatThrownBy(() -> PercentDecoder.decodeFormComponent(input))
                    .isInstanceOf(MalformedEncodingException.class)
                    .hasMessage(expected);
        }

        @Test
        void escapeAtEndOfRangeIsInvalidEvenIfTextFollows() {
            // The decoder must not read past 'end' to complete an escape.
            assertThatThrownBy(() -> PercentDecoder.decodeFormComponent("a=%41&b", 2, 4))
                    .isInstanceOf(MalformedEncodingException.class)
                    .hasMessage("invalid percent-encoding '%4'");
        }

        @Test
        void invalidEscapeInsideUtf8SequenceIsReportedAsEscape() {
            assertThatThrownBy(() -> PercentDecoder.decodePathSegment("%C3%zz"))
                    .isInstanceOf(MalformedEncodingException.class)
                    .hasMessage("invalid percent-encoding '%zz'");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "%FF",            // never valid in UTF-8
            "%FE",
            "%F5%80%80%80",   // lead byte beyond U+10FFFF
            "%F8%88%80%80%80",
            "%80",            // lone continuation bytes
            "%BF",
            "a%A9b",
            "%C0%AF",         // overlong '/'
            "%C1%BF",         // overlong 2-byte
            "%E0%80%AF",      // overlong 3-byte
            "%E0%9F%BF",
            "%F0%80%80%AF",   // overlong 4-byte
            "%F0%8F%BF%BF",
            "%ED%A0%80",      // encoded surrogates
            "%ED%BF%BF",
            "%ED%A0%BD%ED%B8%80",
            "%F4%90%80%80",   // above U+10FFFF
            "%C3",            // truncated sequences
            "caf%C3",
            "%C3a",
            "%C3+",
            "%E2%82",
            "%E2%82x",
            "%F0%9F%98",
            "%C3%C3",         // lead where a continuation is required
            "%E2%28%A1",
            "%C3%41",
        })
        void rejectsInvalidUtf8(String input) {
            assertThatThrownBy(() -> PercentDecoder.decodePathSegment(input))
                    .isInstanceOf(MalformedEncodingException.class)
                    .hasMessage(INVALID_UTF8);
            assertThatThrownBy(() -> PercentDecoder.decodeFormComponent(input))
                    .isInstanceOf(MalformedEncodingException.class)
                    .hasMessage(INVALID_UTF8);
        }

        @Test
        void literalCharacterCannotCompleteAnEncodedSequence() {
            // "%C3" followed by a literal 'é' is still a truncated escaped sequence.
            assertThatThrownBy(() -> PercentDecoder.decodePathSegment("%C3é"))
                    .isInstanceOf(MalformedEncodingException.class)
                    .hasMessage(INVALID_UTF8);
        }
    }

    @Nested
    class AgainstTheJdk {

        @Test
        void everyOneAndTwoByteSequenceMatchesStrictJdkDecoder() {
            for (int a = 0; a < 256; a++) {
                assertSameVerdict(new byte[] {(byte) a});
                for (int b = 0; b < 256; b++) {
                    assertSameVerdict(new byte[] {(byte) a, (byte) b});
                }
            }
        }

        @Test
        void boundaryThreeAndFourByteSequencesMatchStrictJdkDecoder() {
            int[] edges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
            for (int lead = 0xC0; lead <= 0xFF; lead++) {
                for (int b : edges) {
                    for (int c : edges) {
                        assertSameVerdict(new byte[] {(byte) lead, (byte) b, (byte) c});
                        for (int d : edges) {
                            assertSameVerdict(new byte[] {(byte) lead, (byte) b, (byte) c, (byte) d});
                        }
                    }
                }
            }
        }

        @Test
        void randomTextRoundTripsThroughJdkEncoder() {
            Random random = new Random(42);
            for (int n = 0; n < 2_000; n++) {
                String original = randomText(random);
                String form = URLEncoder.encode(original, StandardCharsets.UTF_8);
                assertThat(PercentDecoder.decodeFormComponent(form)).isEqualTo(original);
                String path = form.replace("+", "%20");
                assertThat(PercentDecoder.decodePathSegment(path)).isEqualTo(original);
            }
        }

        private static String randomText(Random random) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int cp;
                do {
                    cp = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x80);
                        case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                        case 2 -> 0x800 + random.nextInt(0x10000 - 0x800);
                        default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                    };
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }

        private static void assertSameVerdict(byte[] bytes) {
            StringBuilder escaped = new StringBuilder();
            for (byte b : bytes) {
                escaped.append('%').append(String.format("%02X", b & 0xFF));
            }
            String expected = jdkStrictDecode(bytes);
            String actual;
            try {
                actual = PercentDecoder.decodePathSegment(escaped.toString());
            } catch (MalformedEncodingException e) {
                actual = null;
            }
            assertThat(actual).as("decoding %s", escaped).isEqualTo(expected);
        }

        private static String jdkStrictDecode(byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
    }

    @Nested
    class Ranges {

        @Test
        void rejectsOutOfBoundsRanges() {
            assertThatThrownBy(() -> PercentDecoder.decodePathSegment("abc", -1, 2))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> PercentDecoder.decodePathSegment("abc", 0, 4))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> PercentDecoder.decodeFormComponent("abc", 2, 1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void rejectsNull() {
            assertThatThrownBy(() -> PercentDecoder.decodePathSegment(null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> PercentDecoder.decodeFormComponent(null))
                    .isInstanceOf(NullPointerException.class);
        }
    }
}
