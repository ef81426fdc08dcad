package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RadixTreeMatchingTest {

    private static RadixTree<String> tree(String... patterns) {
        RadixTree<String> tree = new RadixTree<>();
        for (String pattern : patterns) tree.add(pattern, pattern);
        return tree;
    }

    /** The pattern of the route found for {@code path}, or null. */
    private static String route(RadixTree<String> tree, String path) {
        RouteMatch<String> match = tree.find(path);
        return match == null ? null : match.payload();
    }

    @Test
    void emptyTreeFindsNothing() {
        RadixTree<String> tree = new RadixTree<>();
        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.size()).isZero();
        assertThat(tree.find("/")).isNull();
        assertThat(tree.find("")).isNull();
    }

    @Test
    void isEmptyAndSizeFollowAdds() {
        RadixTree<String> tree = tree("/a");
        assertThat(tree.isEmpty()).isFalse();
        tree.add("/b", "b");
        assertThat(tree.size()).isEqualTo(2);
    }

    @Test
    void staticRoutes() {
        RadixTree<String> tree = tree("/", "/about", "/abc", "/a", "/about/team", "/contact");
        assertThat(route(tree, "/")).isEqualTo("/");
        assertThat(route(tree, "/about")).isEqualTo("/about");
        assertThat(route(tree, "/abc")).isEqualTo("/abc");
        assertThat(route(tree, "/a")).isEqualTo("/a");
        assertThat(route(tree, "/about/team")).isEqualTo("/about/team");
        assertThat(route(tree, "/contact")).isEqualTo("/contact");
        assertThat(route(tree, "/ab")).isNull();
        assertThat(route(tree, "/abou")).isNull();
        assertThat(route(tree, "/about/tea")).isNull();
        assertThat(route(tree, "/about/teams")).isNull();
        assertThat(route(tree, "/nothing")).isNull();
        assertThat(route(tree, "")).isEqualTo("/"); // "" + one slash
    }

    @Test
    void staticMatchHasNoParams() {
        RouteMatch<String> match = tree("/about").find("/about");
        assertThat(match.paramCount()).isZero();
        assertThat(match.params()).isEmpty();
        assertThat(match.param("id")).isNull();
        assertThat(match.pattern()).isEqualTo("/about");
    }

    @Test
    void splittingANodeKeepsEveryRoute() {
        // Each add splits the key of the previous one.
        RadixTree<String> tree = tree("/abcdef", "/abcd", "/ab", "/abcx", "/a", "/abcdefg");
        for (String p : new String[] {"/abcdef", "/abcd", "/ab", "/abcx", "/a", "/abcdefg"}) {
            assertThat(route(tree, p)).isEqualTo(p);
        }
        assertThat(route(tree, "/abc")).isNull();
        assertThat(route(tree, "/abcde")).isNull();
    }

    @Test
    void matchingIsCaseSensitive() {
        RadixTree<String> tree = tree("/About", "/users/:id");
        assertThat(route(tree, "/About")).isEqualTo("/About");
        assertThat(route(tree, "/about")).isNull();
        assertThat(route(tree, "/USERS/1")).isNull();
    }

    @Test
    void patternsNeedNotStartWithSlash() {
        RadixTree<String> tree = tree("users/:id", "*rest");
        assertThat(tree.find("users/5").param("id")).isEqualTo("5");
        assertThat(tree.find("/users/5").param("rest")).isEqualTo("/users/5");
    }

    @Test
    void emptyPatternMatchesEmptyPath() {
        RadixTree<String> tree = tree("", "/x");
        assertThat(route(tree, "")).isEqualTo("");
        assertThat(route(tree, "/x")).isEqualTo("/x");
    }

    @Test
    void namedParameter() {
        RouteMatch<String> match = tree("/users/:id").find("/users/42");
        assertThat(match.payload()).isEqualTo("/users/:id");
        assertThat(match.paramCount()).isEqualTo(1);
        assertThat(match.paramName(0)).isEqualTo("id");
        assertThat(match.paramValue(0)).isEqualTo("42");
        assertThat(match.param("id")).isEqualTo("42");
        assertThat(match.params()).containsExactly(Map.entry("id", "42"));
    }

    @Test
    void severalParametersInPatternOrder() {
        RouteMatch<String> match = tree("/users/:user/posts/:post/comments/:comment").find("/users/u1/posts/p2/comments/c3");
        assertThat(match.params()).containsExactly(
                Map.entry("user", "u1"), Map.entry("post", "p2"), Map.entry("comment", "c3"));
        assertThat(match.paramName(2)).isEqualTo("comment");
        assertThat(match.paramValue(1)).isEqualTo("p2");
    }

    @Test
    void paramsReturnsAFreshModifiableCopy() {
        RouteMatch<String> match = tree("/a/:x/b/:y").find("/a/1/b/2");
        Map<String, String> params = match.params();
        params.put("x", "changed");
        params.put("extra", "v");
        assertThat(match.params()).containsExactly(Map.entry("x", "1"), Map.entry("y", "2"));
        assertThat(match.param("x")).isEqualTo("1");
    }

    @Test
    void paramIndexOutOfRangeThrows() {
        RouteMatch<String> match = tree("/a/:x").find("/a/1");
        assertThatThrownBy(() -> match.paramName(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> match.paramValue(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void repeatedParamNameKeepsLastValue() {
        RouteMatch<String> match = tree("/a/:id/b/:id").find("/a/1/b/2");
        assertThat(match.paramCount()).isEqualTo(2);
        assertThat(match.paramValue(0)).isEqualTo("1");
        assertThat(match.param("id")).isEqualTo("2");
        assertThat(match.params()).containsExactly(Map.entry("id", "2"));
    }

    @Test
    void paramNameRunsToTheNextSlashDotsIncluded() {
        RadixTree<String> tree = tree("/file/:name.json", "/v/:a.b/:c-d/x");
        RouteMatch<String> match = tree.find("/file/report.json");
        assertThat(match.params()).containsExactly(Map.entry("name.json", "report.json"));
        assertThat(tree.find("/file/report").param("name.json")).isEqualTo("report");
        assertThat(tree.find("/v/1/2/x").params()).containsExactly(Map.entry("a.b", "1"), Map.entry("c-d", "2"));
    }

    @Test
    void parameterMayStartMidSegment() {
        RadixTree<String> tree = tree("/v:version/info");
        assertThat(tree.find("/v2/info").param("version")).isEqualTo("2");
        assertThat(tree.find("/v/info")).isNull();
    }

    @Test
    void parameterNeverMatchesAnEmptySegment() {
        RadixTree<String> tree = tree("/users/:id/edit", "/users/:id");
        assertThat(tree.find("/users//edit")).isNull();
        assertThat(tree.find("/users/")).isNull();
        assertThat(tree.find("/users")).isNull();
        assertThat(route(tree, "/users/7/edit")).isEqualTo("/users/:id/edit");
    }

    @Test
    void parameterAtTheRoot() {
        RadixTree<String> tree = tree("/:slug");
        assertThat(tree.find("/hello").param("slug")).isEqualTo("hello");
        assertThat(tree.find("/")).isNull();
        assertThat(tree.find("/a/b")).isNull();
    }

    @Test
    void glob() {
        RadixTree<String> tree = tree("/dir/*all");
        assertThat(tree.find("/dir/and/anything/after").params())
                .containsExactly(Map.entry("all", "and/anything/after"));
        assertThat(tree.find("/dir/x").param("all")).isEqualTo("x");
        assertThat(tree.find("/dir/").param("all")).isEmpty();
        assertThat(tree.find("/dirx")).isNull();
    }

    @Test
    void globMayStartMidSegment() {
        RadixTree<String> tree = tree("/members*trailing");
        assertThat(tree.find("/members-list/2").param("trailing")).isEqualTo("-list/2");
        assertThat(tree.find("/members/").param("trailing")).isEqualTo("/");
        assertThat(tree.find("/member")).isNull();
    }

    @Test
    void bareGlobIsNamedEmptyString() {
        RadixTree<String> tree = tree("/static/*");
        RouteMatch<String> match = tree.find("/static/css/site.css");
        assertThat(match.paramCount()).isEqualTo(1);
        assertThat(match.paramName(0)).isEmpty();
        assertThat(match.param("")).isEqualTo("css/site.css");
    }

    @Test
    void globAfterParameters() {
        RouteMatch<String> match = tree("/repos/:owner/:repo/tree/*path").find("/repos/o/r/tree/src/main/A.java");
        assertThat(match.params()).containsExactly(
                Map.entry("owner", "o"), Map.entry("repo", "r"), Map.entry("path", "src/main/A.java"));
    }

    @Test
    void rootGlobMatchesEverything() {
        RadixTree<String> tree = tree("*path");
        assertThat(tree.find("").param("path")).isEmpty();
        assertThat(tree.find("/").param("path")).isEqualTo("/");
        assertThat(tree.find("/a/b").param("path")).isEqualTo("/a/b");
    }

    @Test
    void valuesAreRawAndNotDecoded() {
        RadixTree<String> tree = tree("/hello/:name", "/files/*path", "/caf%C3%A9");
        assertThat(tree.find("/hello/a%20b").param("name")).isEqualTo("a%20b");
        assertThat(tree.find("/hello/a+b").param("name")).isEqualTo("a+b");
        assertThat(tree.find("/files/a%2Fb/c%20d").param("path")).isEqualTo("a%2Fb/c%20d");
        assertThat(route(tree, "/caf%C3%A9")).isEqualTo("/caf%C3%A9");
        assertThat(route(tree, "/café")).isNull();
    }

    @Test
    void unicodeIsPlainCharacters() {
        RadixTree<String> tree = tree("/café/:name", "/日本/*rest", "/\uD83D\uDE00a", "/\uD83D\uDE01b", "/ü");
        assertThat(tree.find("/café/żółw").param("name")).isEqualTo("żółw");
        assertThat(tree.find("/cafe/x")).isNull();
        assertThat(tree.find("/日本/東京/駅").param("rest")).isEqualTo("東京/駅");
        // The two emoji share their high surrogate, so the tree splits between surrogates.
        assertThat(route(tree, "/\uD83D\uDE00a")).isEqualTo("/\uD83D\uDE00a");
        assertThat(route(tree, "/\uD83D\uDE01b")).isEqualTo("/\uD83D\uDE01b");
        assertThat(route(tree, "/\uD83D\uDE00b")).isNull();
        assertThat(route(tree, "/ü")).isEqualTo("/ü");
        assertThat(route(tree, "/u")).isNull();
    }

    @Test
    void payloadIsReturnedAsAdded() {
        RadixTree<Integer> tree = new RadixTree<>();
        tree.add("/a/:x", 1);
        tree.add("/b", 2);
        assertThat(tree.find("/a/q").payload()).isEqualTo(1);
        assertThat(tree.find("/b").payload()).isEqualTo(2);
        assertThat(tree.find("/b").pattern()).isEqualTo("/b");
        assertThat(tree.find("/a/q").pattern()).isEqualTo("/a/:x");
    }

    @Test
    void toStringShowsPatternAndParams() {
        assertThat(tree("/a/:x").find("/a/1").toString()).contains("/a/:x").contains("x=1");
    }
}
