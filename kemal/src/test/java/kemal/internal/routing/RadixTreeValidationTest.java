package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Duplicate, conflicting and malformed patterns. */
class RadixTreeValidationTest {

    private static RadixTree<String> tree(String... patterns) {
        RadixTree<String> tree = new RadixTree<>();
        for (String pattern : patterns) tree.add(pattern, pattern);
        return tree;
    }

    @Test
    void duplicateRouteIsRejected() {
        RadixTree<String> tree = tree("/users/:id");
        assertThatThrownBy(() -> tree.add("/users/:id", "again"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Duplicate route: /users/:id");
        assertThat(tree.find("/users/1").payload()).isEqualTo("/users/:id");
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void duplicateStaticRouteIsRejected() {
        RadixTree<String> tree = tree("/about", "/");
        assertThatThrownBy(() -> tree.add("/about", "x")).hasMessage("Duplicate route: /about");
        assertThatThrownBy(() -> tree.add("/", "x")).hasMessage("Duplicate route: /");
        assertThat(tree.find("/about").payload()).isEqualTo("/about");
    }

    @Test
    void paramNamesAloneDoNotMakeARouteDifferent() {
        RadixTree<String> tree = tree("/u/:id");
        assertThatThrownBy(() -> tree.add("/u/:name", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Route /u/:name conflicts with /u/:id: they match the same paths");
        assertThat(tree.find("/u/1").param("id")).isEqualTo("1");
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void globNamesAloneDoNotMakeARouteDifferent() {
        RadixTree<String> tree = tree("/h/*a");
        assertThatThrownBy(() -> tree.add("/h/*b", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/h/*b").hasMessageContaining("/h/*a");
        assertThatThrownBy(() -> tree.add("/h/*", "x")).hasMessageContaining("/h/*a");
    }

    @Test
    void conflictAcrossSeveralNames() {
        RadixTree<String> tree = tree("/a/:x/b/:y/*rest");
        assertThatThrownBy(() -> tree.add("/a/:p/b/:q/*r", "x"))
                .hasMessage("Route /a/:p/b/:q/*r conflicts with /a/:x/b/:y/*rest: they match the same paths");
        // A name that swallows the rest of the segment is still just a parameter.
        RadixTree<String> files = tree("/file/:name");
        assertThatThrownBy(() -> files.add("/file/:name.json", "x"))
                .hasMessageContaining("/file/:name.json").hasMessageContaining("/file/:name");
    }

    @Test
    void similarButDifferentShapesAreAccepted() {
        RadixTree<String> tree = tree(
                "/about", "/about/", "/u/:id", "/u/:id/", "/u/:id/posts", "/u/:name/posts/:post",
                "/u/*rest", "/u*rest", "/v/:a", "/v:a", "/w/:a/*g", "/w/*g");
        assertThat(tree.size()).isEqualTo(12);
    }

    @Test
    void emptyParamNameIsRejected() {
        RadixTree<String> tree = new RadixTree<>();
        assertThatThrownBy(() -> tree.add("/a/:", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/a/:").hasMessageContaining("without a name");
        assertThatThrownBy(() -> tree.add("/a/:/b", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/a/:/b").hasMessageContaining("without a name");
        assertThatThrownBy(() -> tree.add(":", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.find("/a/x")).isNull();
    }

    @Test
    void nullArgumentsAreRejected() {
        RadixTree<String> tree = new RadixTree<>();
        assertThatThrownBy(() -> tree.add(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tree.add("/a", null)).isInstanceOf(NullPointerException.class);
        assertThat(tree.isEmpty()).isTrue();
    }

    @Test
    void failedAddLeavesTheTreeUsable() {
        RadixTree<String> tree = tree("/a/:id");
        assertThatThrownBy(() -> tree.add("/a/:other", "x")).isInstanceOf(IllegalArgumentException.class);
        tree.add("/a/:other/more", "more");
        assertThat(tree.find("/a/1").param("id")).isEqualTo("1");
        assertThat(tree.find("/a/1/more").param("other")).isEqualTo("1");
    }
}
