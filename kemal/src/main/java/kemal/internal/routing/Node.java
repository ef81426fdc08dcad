package kemal.internal.routing;

/**
 * A tree node: the static text, parameter or glob it consumes, its children and, if a route ends
 * here, its leaf. Both mutable fields are volatile and only ever replaced by fully built values,
 * so a concurrent reader sees either the old or the new state, never a half-built one.
 */
final class Node<T> {
    /** Literal text for a static node, the parameter name for a param or glob node. */
    final String key;
    volatile Edges<T> edges;
    volatile Leaf<T> leaf;

    Node(String key) {
        this(key, Edges.empty(), null);
    }

    Node(String key, Edges<T> edges, Leaf<T> leaf) {
        this.key = key;
        this.edges = edges;
        this.leaf = leaf;
    }

    @Override
    public String toString() {
        return "Node[" + key + (leaf != null ? " -> " + leaf.pattern : "") + "]";
    }
}
