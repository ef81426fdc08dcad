package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The single-pattern matcher behind path filters and only/exclude rules (reference §1.1, §5.1, §6.3). */
class PathPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "/foo,          /foo,             true",
        "/foo,          /foo/,            true",
        "/foo/,         /foo,             true",
        "/foo,          /foo//,           false",
        "/foo,          /foobar,          false",
        "/foo,          /foo/bar,         false",
        "/foo,          /Foo,             false",
        "/foo,          /,                false",
        "/,             /,                true",
        "/,             /foo,             false",
        "/users/:id,    /users/7,         true",
        "/users/:id,    /users/7/,        true",
        "/users/:id,    /users,           false",
        "/users/:id,    /users/,          false",
        "/users/:id,    /users/7/edit,    false",
        "/admin/*,      /admin,           true",
        "/admin/*,      /admin/,          true",
        "/admin/*,      /admin/users,     true",
        "/admin/*,      /admin/users/7,   true",
        "/admin/*,      /adminx,          false",
        "/admin/*,      /administrator,   false",
        "/admin/*,      /other,           false",
        "/files/*path,  /files/a/b.txt,   true",
        "/files/*path,  /files,           true",
        "/a/:id/*rest,  /a/1/x/y,         true",
        "/日本,          /日本,             true",
        "/a%20b,        /a%20b,           true",
        "/a%20b,        /a b,             false",
    })
    void matchesLikeARoute(String pattern, String path, boolean matches) {
        assertThat(PathPattern.of(pattern).matches(path)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "/*"})
    void starAndSlashStarMatchEveryPath(String pattern) {
        PathPattern everything = PathPattern.of(pattern);
        assertThat(everything.matchesEverything()).isTrue();
        assertThat(PathPattern.isEverything(pattern)).isTrue();
        for (String path : new String[] {"/", "/a", "/a/b/c", "/a?b"}) assertThat(everything.matches(path)).isTrue();
    }

    @Test
    void otherPatternsDoNotMatchEverything() {
        assertThat(PathPattern.of("/admin/*").matchesEverything()).isFalse();
        assertThat(PathPattern.isEverything("/**")).isFalse();
        assertThat(PathPattern.isEverything("**")).isFalse();
    }

    @Test
    void aPatternKeepsItsText() {
        PathPattern pattern = PathPattern.of("/users/:id");
        assertThat(pattern.pattern()).isEqualTo("/users/:id");
        assertThat(pattern).hasToString("/users/:id");
    }

    /** A request path always starts with '/': such a pattern would silently never match. */
    @ParameterizedTest
    @ValueSource(strings = {"foo", "admin/*", ":id", "**"})
    void aPatternWithoutLeadingSlashIsRefused(String pattern) {
        assertThatThrownBy(() -> PathPattern.of(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + pattern + "'")
                .hasMessageContaining("must start with '/'");
    }

    @Test
    void aMalformedPatternIsRefused() {
        assertThatThrownBy(() -> PathPattern.of("/a/:")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEmptyPatternIsRefused(String pattern) {
        assertThatThrownBy(() -> PathPattern.of(pattern)).isInstanceOf(IllegalArgumentException.class);
    }
}
