package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One trailing slash is tolerated in both directions; optional globs. */
class RadixTreeTrailingSlashTest {

    private static RadixTree<String> tree(String... patterns) {
        RadixTree<String> tree = new RadixTree<>();
        for (String pattern : patterns) tree.add(pattern, pattern);
        return tree;
    }

    private static String route(RadixTree<String> tree, String path) {
        RouteMatch<String> match = tree.find(path);
        return match == null ? null : match.pattern();
    }

    @Test
    void extraSlashMatchesRouteWithout() {
        RadixTree<String> tree = tree("/about");
        assertThat(route(tree, "/about/")).isEqualTo("/about");
        assertThat(route(tree, "/about//")).isNull();
        assertThat(route(tree, "/about/x")).isNull();
    }

    @Test
    void missingSlashMatchesRouteWith() {
        RadixTree<String> tree = tree("/about/");
        assertThat(route(tree, "/about")).isEqualTo("/about/");
        assertThat(route(tree, "/about/")).isEqualTo("/about/");
        assertThat(route(tree, "/abou")).isNull();
    }

    @Test
    void missingSlashWhenTheSlashIsItsOwnNode() {
        // "/about/" ends on a "/" child of "/about" because "/aboutx" shares the prefix.
        RadixTree<String> tree = tree("/about/", "/aboutx", "/about/us");
        assertThat(route(tree, "/about")).isEqualTo("/about/");
        assertThat(route(tree, "/aboutx")).isEqualTo("/aboutx");
        assertThat(route(tree, "/aboutx/")).isEqualTo("/aboutx");
        assertThat(route(tree, "/about/us/")).isEqualTo("/about/us");
    }

    @Test
    void eachRequestGetsItsExactPatternWhenBothExist() {
        RadixTree<String> tree = tree("/about", "/about/");
        assertThat(route(tree, "/about")).isEqualTo("/about");
        assertThat(route(tree, "/about/")).isEqualTo("/about/");
        RadixTree<String> reversed = tree("/about/", "/about");
        assertThat(route(reversed, "/about")).isEqualTo("/about");
        assertThat(route(reversed, "/about/")).isEqualTo("/about/");
    }

    @Test
    void extraSlashAfterParameter() {
        RadixTree<String> tree = tree("/users/:id");
        RouteMatch<String> match = tree.find("/users/42/");
        assertThat(match.pattern()).isEqualTo("/users/:id");
        assertThat(match.params()).containsExactly(Map.entry("id", "42"));
        assertThat(tree.find("/users/42//")).isNull();
        assertThat(tree.find("/users/")).isNull();
    }

    @Test
    void missingSlashAfterParameter() {
        RadixTree<String> tree = tree("/users/:id/");
        assertThat(tree.find("/users/42").params()).containsExactly(Map.entry("id", "42"));
        assertThat(tree.find("/users/42/").params()).containsExactly(Map.entry("id", "42"));
    }

    @Test
    void rootRoute() {
        RadixTree<String> tree = tree("/");
        assertThat(route(tree, "/")).isEqualTo("/");
        assertThat(route(tree, "")).isEqualTo("/");
        assertThat(route(tree, "//")).isEqualTo("/");
        assertThat(route(tree, "///")).isNull();
    }

    @Test
    void optionalGlobAfterSlash() {
        RadixTree<String> tree = tree("/search/*extra");
        assertThat(tree.find("/search").params()).containsExactly(Map.entry("extra", ""));
        assertThat(tree.find("/search/").params()).containsExactly(Map.entry("extra", ""));
        assertThat(tree.find("/search/a").params()).containsExactly(Map.entry("extra", "a"));
        assertThat(tree.find("/searc")).isNull();
    }

    @Test
    void optionalGlobMidSegment() {
        RadixTree<String> tree = tree("/members*trailing");
        assertThat(tree.find("/members").params()).containsExactly(Map.entry("trailing", ""));
    }

    @Test
    void optionalGlobFiles() {
        RadixTree<String> tree = tree("/files/*path");
        assertThat(tree.find("/files").params()).containsExactly(Map.entry("path", ""));
        assertThat(tree.find("/files/").params()).containsExactly(Map.entry("path", ""));
        assertThat(tree.find("/files/a/b").params()).containsExactly(Map.entry("path", "a/b"));
        assertThat(tree.find("/filesx")).isNull();
    }

    @Test
    void optionalGlobBesideStaticRoutes() {
        RadixTree<String> tree = tree("/files/*path", "/files/list", "/filesystem");
        assertThat(tree.find("/files").param("path")).isEmpty();
        assertThat(route(tree, "/files/list")).isEqualTo("/files/list");
        assertThat(route(tree, "/filesystem")).isEqualTo("/filesystem");
        assertThat(tree.find("/files/lis").param("path")).isEqualTo("lis");
    }

    @Test
    void slashToleranceBelongsToTheStaticTier() {
        // A route that differs only by the trailing slash beats a catch-all sibling or ancestor.
        RadixTree<String> withSlash = tree("/*page", "/docs/");
        assertThat(route(withSlash, "/docs")).isEqualTo("/docs/");
        assertThat(withSlash.find("/doc").param("page")).isEqualTo("doc");

        RadixTree<String> withoutSlash = tree("/*page", "/docs");
        assertThat(route(withoutSlash, "/docs/")).isEqualTo("/docs");
        assertThat(withoutSlash.find("/docs//").param("page")).isEqualTo("docs//");

        RadixTree<String> globInSegment = tree("/about", "/about*rest");
        assertThat(route(globInSegment, "/about/")).isEqualTo("/about");
        assertThat(globInSegment.find("/about/x").param("rest")).isEqualTo("/x");

        RadixTree<String> emptyGlob = tree("/x/", "/x*g");
        assertThat(route(emptyGlob, "/x")).isEqualTo("/x/");
        assertThat(emptyGlob.find("/xy").param("g")).isEqualTo("y");

        RadixTree<String> paramSibling = tree("/a/:x", "/a/b/");
        assertThat(route(paramSibling, "/a/b")).isEqualTo("/a/b/");
        assertThat(route(paramSibling, "/a/c")).isEqualTo("/a/:x");
    }

    @Test
    void paramThenGlobWithTrailingSlash() {
        RadixTree<String> tree = tree("/h/:id", "/h/*rest");
        assertThat(tree.find("/h/5/").params()).containsExactly(Map.entry("id", "5"));
    }
}
