package kemal.internal.routing;

import java.util.Arrays;

/**
 * One depth-first search of the tree for one path. At each node it tries, in order: the route
 * ending here, the static child (trailing-slash tolerance included), the parameters in definition
 * order, then the glob; a failure deeper down falls back to the next option. Each node is visited
 * at most once, because the position at which a node is reached depends only on its ancestors.
 *
 * <p>Nothing is allocated while exploring except, once, the array of parameter bounds; strings are
 * cut from the path only for the final result.
 */
final class PathMatcher<T> {
    private final String path;
    private final int length;
    /** Start and end index of each captured parameter, two ints per parameter. */
    private int[] bounds;
    private Leaf<T> found;
    private int foundParams;

    PathMatcher(String path, int expectedParams) {
        this.path = path;
        this.length = path.length();
        this.bounds = new int[Math.max(2, 2 * expectedParams)];
    }

    RouteMatch<T> search(Node<T> root) {
        if (!visit(root, 0, 0)) return null;
        Leaf<T> leaf = found;
        if (foundParams == 0) return leaf.staticMatch;
        String[] values = new String[foundParams];
        for (int i = 0; i < foundParams; i++) {
            values[i] = path.substring(bounds[2 * i], bounds[2 * i + 1]);
        }
        return new RouteMatch<>(leaf.payload, leaf.pattern, leaf.paramNames, values);
    }

    /** {@code node}'s own key is already matched; {@code pos} is the next unmatched character. */
    private boolean visit(Node<T> node, int pos, int depth) {
        if (pos == length) {
            Leaf<T> leaf = node.leaf;
            if (leaf != null) return accept(leaf, depth);
        }
        Edges<T> edges = node.edges;
        if (visitStatic(node, edges, pos, depth)) return true;
        if (edges.params.length > 0 && pos < length && path.charAt(pos) != '/') {
            int end = segmentEnd(pos);
            for (Node<T> param : edges.params) {
                capture(depth, pos, end);
                if (visit(param, end, depth + 1)) return true;
            }
        }
        Node<T> glob = edges.glob;
        if (glob != null) {
            Leaf<T> leaf = glob.leaf;
            if (leaf != null) {
                capture(depth, pos, length);
                return accept(leaf, depth + 1);
            }
        }
        return false;
    }

    /**
     * The static child, plus the one-slash tolerance, which belongs to the static tier so that a
     * route differing only by a trailing slash beats a parameter or glob sibling.
     */
    private boolean visitStatic(Node<T> node, Edges<T> edges, int pos, int depth) {
        int remaining = length - pos;
        // With the path used up, the only static child worth finding is a final "/".
        char first = remaining > 0 ? path.charAt(pos) : '/';
        Node<T> child = edges.staticChild(first);
        if (child != null) {
            String key = child.key;
            int keyLength = key.length();
            if (keyLength <= remaining) {
                if (path.regionMatches(pos, key, 0, keyLength) && visit(child, pos + keyLength, depth)) {
                    return true;
                }
            } else if (keyLength == remaining + 1 && key.charAt(remaining) == '/'
                    && path.regionMatches(pos, key, 0, remaining)) {
                // The path is this key minus its final '/': "/about" matches "/about/".
                if (acceptWithoutFinalSlash(child, depth)) return true;
            }
        }
        if (remaining == 1 && first == '/') {
            // One extra '/' after a route's end: "/about/" matches "/about".
            Leaf<T> leaf = node.leaf;
            if (leaf != null) return accept(leaf, depth);
        }
        return false;
    }

    /** {@code child}'s key equals the rest of the path plus a '/'. */
    private boolean acceptWithoutFinalSlash(Node<T> child, int depth) {
        Leaf<T> leaf = child.leaf;
        if (leaf != null) return accept(leaf, depth);
        // "/files/*path" matches "/files": the glob is optional, so it captures "".
        Node<T> glob = child.edges.glob;
        if (glob != null && (leaf = glob.leaf) != null) {
            capture(depth, length, length);
            return accept(leaf, depth + 1);
        }
        return false;
    }

    private int segmentEnd(int pos) {
        int slash = path.indexOf('/', pos);
        return slash < 0 ? length : slash;
    }

    private void capture(int depth, int start, int end) {
        int index = 2 * depth;
        if (index + 1 >= bounds.length) {
            // Only if a route with more parameters was added while this search ran.
            bounds = Arrays.copyOf(bounds, 2 * (index + 2));
        }
        bounds[index] = start;
        bounds[index + 1] = end;
    }

    private boolean accept(Leaf<T> leaf, int paramCount) {
        found = leaf;
        foundParams = paramCount;
        return true;
    }
}
