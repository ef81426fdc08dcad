package kemal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference §14, path joining: one slash between the parts, whatever the parts carry. */
class RouterJoinTest {

    @ParameterizedTest(name = "join(\"{0}\", \"{1}\") = \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''        | ''          | /",
        "''        | /           | /",
        "/         | ''          | /",
        "/         | /           | /",
        "''        | /users      | /users",
        "''        | users       | /users",
        "/api      | ''          | /api",
        "/api/     | ''          | /api",
        "/api      | /users      | /api/users",
        "/api/     | /users/     | /api/users/",
        "/api/     | users       | /api/users",
        "/api      | users/:id   | /api/users/:id",
        "/api/v1   | /admin/*    | /api/v1/admin/*",
    })
    void joinsWithExactlyOneSlash(String prefix, String path, String joined) {
        assertThat(Router.join(prefix, path)).isEqualTo(joined);
    }
}
