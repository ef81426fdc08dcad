package kemal.views;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks captured by {@code contentFor} during one render of a view and its layout. Each
 * render has its own, so captures never leak into another request or render (a Kemal bug was
 * output repeated across renders from one global map).
 */
final class ContentBlocks {
    private static final ThreadLocal<ContentBlocks> CURRENT = new ThreadLocal<>();

    private final Map<String, List<Object>> blocks = new HashMap<>();

    /** Runs {@code render} with a fresh set of blocks, restoring any outer render's afterwards. */
    static <T> T within(java.util.function.Supplier<T> render) {
        ContentBlocks outer = CURRENT.get();
        CURRENT.set(new ContentBlocks());
        try {
            return render.get();
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }

    /** The blocks of the render in progress, or null outside {@link Views#render}. */
    static ContentBlocks current() {
        return CURRENT.get();
    }

    void add(String key, Object block) {
        blocks.computeIfAbsent(key, k -> new ArrayList<>(1)).add(block);
    }

    List<Object> get(String key) {
        List<Object> list = blocks.get(key);
        return list == null ? List.of() : list;
    }
}
