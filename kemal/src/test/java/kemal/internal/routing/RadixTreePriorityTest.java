package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Priority between siblings (static, then params, then glob) and backtracking. */
class RadixTreePriorityTest {

    private static RadixTree<String> tree(String... patterns) {
        RadixTree<String> tree = new RadixTree<>();
        for (String pattern : patterns) tree.add(pattern, pattern);
        return tree;
    }

    private static String route(RadixTree<String> tree, String path) {
        RouteMatch<String> match = tree.find(path);
        return match == null ? null : match.pattern();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void staticBeatsParamWhateverTheOrder(boolean staticFirst) {
        RadixTree<String> tree = staticFirst ? tree("/users/new", "/users/:id") : tree("/users/:id", "/users/new");
        assertThat(route(tree, "/users/new")).isEqualTo("/users/new");
        assertThat(tree.find("/users/5").param("id")).isEqualTo("5");
        assertThat(tree.find("/users/ne").param("id")).isEqualTo("ne");
        assertThat(tree.find("/users/newer").param("id")).isEqualTo("newer");
    }

    @Test
    void paramAndStaticSibling() {
        RadixTree<String> tree = tree("/orders/:id", "/orders/closed");
        assertThat(tree.find("/orders/10").params()).containsExactly(Map.entry("id", "10"));
        assertThat(route(tree, "/orders/closed")).isEqualTo("/orders/closed");
        assertThat(tree.find("/orders/close").param("id")).isEqualTo("close");
    }

    @Test
    void globAndStaticSibling() {
        RadixTree<String> tree = tree("/orders/*anything", "/orders/closed");
        assertThat(tree.find("/orders/cancelled").params()).containsExactly(Map.entry("anything", "cancelled"));
        assertThat(route(tree, "/orders/closed")).isEqualTo("/orders/closed");
        assertThat(tree.find("/orders/closed/1").param("anything")).isEqualTo("closed/1");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void rootGlobBehindStaticRoutes(boolean globFirst) {
        RadixTree<String> tree = globFirst
                ? tree("/*anything", "/robots.txt", "/resources")
                : tree("/robots.txt", "/resources", "/*anything");
        assertThat(tree.find("/reviews").params()).containsExactly(Map.entry("anything", "reviews"));
        assertThat(route(tree, "/robots.txt")).isEqualTo("/robots.txt");
        assertThat(route(tree, "/resources")).isEqualTo("/resources");
        assertThat(tree.find("/resource").param("anything")).isEqualTo("resource");
        assertThat(tree.find("/resourcesX").param("anything")).isEqualTo("resourcesX");
        assertThat(tree.find("/").param("anything")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void paramBeatsGlobAndGlobCatchesDeeperPaths(boolean paramFirst) {
        RadixTree<String> tree = paramFirst ? tree("/h/:id", "/h/*rest") : tree("/h/*rest", "/h/:id");
        assertThat(tree.find("/h/5").params()).containsExactly(Map.entry("id", "5"));
        assertThat(tree.find("/h/5/6").params()).containsExactly(Map.entry("rest", "5/6"));
        assertThat(tree.find("/h/").params()).containsExactly(Map.entry("rest", ""));
    }

    @Test
    void staticThenParamThenGlob() {
        RadixTree<String> tree = tree("/x/*g", "/x/:p", "/x/s");
        assertThat(route(tree, "/x/s")).isEqualTo("/x/s");
        assertThat(route(tree, "/x/t")).isEqualTo("/x/:p");
        assertThat(route(tree, "/x/t/u")).isEqualTo("/x/*g");
    }

    @Test
    void paramDoesNotMatchWithoutItsRemainder() {
        RadixTree<String> tree = tree("/products/:id/edit");
        assertThat(tree.find("/products/10")).isNull();
        assertThat(tree.find("/products/10/")).isNull();
        assertThat(tree.find("/products/10/edit").param("id")).isEqualTo("10");
        assertThat(tree.find("/products/10/editor")).isNull();
    }

    @Test
    void backtracksFromStaticToParam() {
        RadixTree<String> tree = tree("/users/new/form", "/users/:id");
        // "new" first follows the static branch, which needs "/form", then falls back to :id.
        assertThat(tree.find("/users/new").param("id")).isEqualTo("new");
        assertThat(route(tree, "/users/new/form")).isEqualTo("/users/new/form");
        assertThat(tree.find("/users/new/other")).isNull();
    }

    @Test
    void backtracksFromStaticToGlob() {
        RadixTree<String> tree = tree("/a/b/c", "/a/*rest");
        assertThat(tree.find("/a/b/d").param("rest")).isEqualTo("b/d");
        assertThat(tree.find("/a/b").param("rest")).isEqualTo("b");
        assertThat(route(tree, "/a/b/c")).isEqualTo("/a/b/c");
    }

    @Test
    void backtracksFromParamToGlobSeveralLevelsUp() {
        RadixTree<String> tree = tree("/*all", "/api/:version/users/:id");
        assertThat(tree.find("/api/v1/users/7").params()).containsExactly(Map.entry("version", "v1"), Map.entry("id", "7"));
        assertThat(tree.find("/api/v1/users").param("all")).isEqualTo("api/v1/users");
        assertThat(tree.find("/api/v1/users/7/x").param("all")).isEqualTo("api/v1/users/7/x");
    }

    @Test
    void backtrackingAcrossStaticPrefixSplitByParam() {
        RadixTree<String> tree = tree("/a:x", "/ab");
        assertThat(route(tree, "/ab")).isEqualTo("/ab");
        assertThat(tree.find("/abc").param("x")).isEqualTo("bc");
        assertThat(tree.find("/ac").param("x")).isEqualTo("c");
    }

    @Test
    void longerStaticPrefixBeatsShorterOneWithParam() {
        RadixTree<String> tree = tree("/search/:q", "/search/images/:q", "/search/images/recent");
        assertThat(route(tree, "/search/images/recent")).isEqualTo("/search/images/recent");
        assertThat(tree.find("/search/images/cats").param("q")).isEqualTo("cats");
        assertThat(tree.find("/search/images").param("q")).isEqualTo("images");
        assertThat(tree.find("/search/imag").param("q")).isEqualTo("imag");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void differentParamNamesAtTheSamePosition(boolean shortFirst) {
        RadixTree<String> tree = shortFirst ? tree("/u/:id", "/u/:name/posts") : tree("/u/:name/posts", "/u/:id");
        assertThat(tree.find("/u/5").params()).containsExactly(Map.entry("id", "5"));
        assertThat(tree.find("/u/5/posts").params()).containsExactly(Map.entry("name", "5"));
        assertThat(tree.find("/u/5/other")).isNull();
    }

    @Test
    void differentParamNamesAtTheRoot() {
        RadixTree<String> tree = tree("/:post", "/:category/:post");
        assertThat(tree.find("/hello").params()).containsExactly(Map.entry("post", "hello"));
        assertThat(tree.find("/news/hello").params()).containsExactly(Map.entry("category", "news"), Map.entry("post", "hello"));
    }

    @Test
    void ambiguousParamNamesResolveInDefinitionOrder() {
        RadixTree<String> tree = tree("/p/:a/x", "/p/:b/:c", "/p/:d/x/:e");
        assertThat(route(tree, "/p/1/x")).isEqualTo("/p/:a/x"); // /p/:b/:c matches too, defined later
        assertThat(route(tree, "/p/1/y")).isEqualTo("/p/:b/:c");
        assertThat(tree.find("/p/1/x/2").params()).containsExactly(Map.entry("d", "1"), Map.entry("e", "2"));

        RadixTree<String> reversed = tree("/p/:b/:c", "/p/:a/x");
        assertThat(route(reversed, "/p/1/x")).isEqualTo("/p/:b/:c");
    }

    @Test
    void sameParamNameSharesItsNode() {
        RadixTree<String> tree = tree("/u/:id", "/u/:id/posts", "/u/:id/posts/:post");
        assertThat(route(tree, "/u/1")).isEqualTo("/u/:id");
        assertThat(route(tree, "/u/1/posts")).isEqualTo("/u/:id/posts");
        assertThat(tree.find("/u/1/posts/2").params()).containsExactly(Map.entry("id", "1"), Map.entry("post", "2"));
    }

    @Test
    void globAndParamWithDifferentNamesUnderDifferentParams() {
        RadixTree<String> tree = tree("/a/:x/b", "/a/:y/*rest");
        assertThat(tree.find("/a/1/b").params()).containsExactly(Map.entry("x", "1"));
        assertThat(tree.find("/a/1/c/d").params()).containsExactly(Map.entry("y", "1"), Map.entry("rest", "c/d"));
    }
}
