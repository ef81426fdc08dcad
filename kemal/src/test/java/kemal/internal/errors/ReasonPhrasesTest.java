package kemal.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReasonPhrasesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100|Continue",
        "101|Switching Protocols",
        "200|OK",
        "201|Created",
        "204|No Content",
        "301|Moved Permanently",
        "302|Found",
        "304|Not Modified",
        "307|Temporary Redirect",
        "308|Permanent Redirect",
        "400|Bad Request",
        "401|Unauthorized",
        "403|Forbidden",
        "404|Not Found",
        "405|Method Not Allowed",
        "413|Payload Too Large",
        "414|URI Too Long",
        "415|Unsupported Media Type",
        "418|I'm a teapot",
        "422|Unprocessable Content",
        "429|Too Many Requests",
        "431|Request Header Fields Too Large",
        "451|Unavailable For Legal Reasons",
        "500|Internal Server Error",
        "501|Not Implemented",
        "502|Bad Gateway",
        "503|Service Unavailable",
        "504|Gateway Timeout",
        "505|HTTP Version Not Supported",
        "511|Network Authentication Required",
    })
    void knowsStandardCodes(int status, String phrase) {
        assertThat(ReasonPhrases.reasonPhrase(status)).isEqualTo(phrase);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 99, 199, 299, 306, 419, 420, 499, 509, 599, 600, 999})
    void unknownOtherwise(int status) {
        assertThat(ReasonPhrases.reasonPhrase(status)).isEqualTo("Unknown");
    }
}
