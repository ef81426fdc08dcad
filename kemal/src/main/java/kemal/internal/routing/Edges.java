package kemal.internal.routing;

import java.util.Arrays;

/**
 * The children of a node, grouped by match priority: static children (distinct first characters,
 * so at most one can match), then parameters in definition order, then at most one glob.
 * Immutable: every change builds a new instance, which is the copy-on-write that lets
 * {@code find} run without locks.
 */
final class Edges<T> {
    private static final Edges<?> EMPTY = new Edges<>(new char[0], new Node<?>[0], new Node<?>[0], null);

    /** First character of each static child, scanned instead of the nodes to stay cache-friendly. */
    private final char[] firstChars;
    private final Node<T>[] statics;
    final Node<T>[] params;
    final Node<T> glob;

    private Edges(char[] firstChars, Node<?>[] statics, Node<?>[] params, Node<T> glob) {
        this.firstChars = firstChars;
        this.statics = cast(statics);
        this.params = cast(params);
        this.glob = glob;
    }

    @SuppressWarnings("unchecked")
    static <T> Edges<T> empty() {
        return (Edges<T>) EMPTY;
    }

    @SuppressWarnings("unchecked")
    private static <T> Node<T>[] cast(Node<?>[] nodes) {
        return (Node<T>[]) nodes;
    }

    Node<T> staticChild(char first) {
        char[] chars = firstChars;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == first) return statics[i];
        }
        return null;
    }

    int staticIndex(char first) {
        for (int i = 0; i < firstChars.length; i++) {
            if (firstChars[i] == first) return i;
        }
        return -1;
    }

    Node<T> staticAt(int index) {
        return statics[index];
    }

    Node<T> param(String name) {
        for (Node<T> param : params) {
            if (param.key.equals(name)) return param;
        }
        return null;
    }

    Edges<T> withStatic(Node<T> child) {
        char[] chars = Arrays.copyOf(firstChars, firstChars.length + 1);
        chars[firstChars.length] = child.key.charAt(0);
        Node<?>[] nodes = Arrays.copyOf(statics, statics.length + 1);
        nodes[statics.length] = child;
        return new Edges<>(chars, nodes, params, glob);
    }

    /** Replaces a static child by one starting with the same character (used when splitting). */
    Edges<T> withStaticReplaced(int index, Node<T> child) {
        Node<?>[] nodes = statics.clone();
        nodes[index] = child;
        return new Edges<>(firstChars, nodes, params, glob);
    }

    Edges<T> withParam(Node<T> child) {
        Node<?>[] nodes = Arrays.copyOf(params, params.length + 1);
        nodes[params.length] = child;
        return new Edges<>(firstChars, statics, nodes, glob);
    }

    Edges<T> withGlob(Node<T> child) {
        return new Edges<>(firstChars, statics, params, child);
    }
}
