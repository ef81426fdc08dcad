package kemal.internal.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, thread-safe LRU cache of recent lookups (e.g. method and path to route match).
 *
 * <p>An access-ordered {@link LinkedHashMap} guarded by a {@link ReentrantLock}: a lock rather
 * than {@code synchronized} so that virtual threads do not pin their carrier on JDK 21. Both
 * {@link #get} and {@link #put} count as a use. A capacity of 0 disables the cache.
 *
 * @param <V> the value type
 */
public final class LookupCache<V> {
    /** Upper bound of the initial table, so a huge capacity does not allocate a huge table. */
    private static final int MAX_INITIAL_CAPACITY = 1024;

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, V> entries;

    /** @throws IllegalArgumentException if {@code capacity} is negative */
    public LookupCache(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("Cache capacity must be >= 0, got " + capacity);
        this.capacity = capacity;
        int initial = (int) Math.min(MAX_INITIAL_CAPACITY, capacity / 0.75 + 1);
        this.entries = new LinkedHashMap<>(initial, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > LookupCache.this.capacity;
            }
        };
    }

    /** The cached value, or null; a hit makes the entry the most recently used. */
    public V get(String key) {
        if (capacity == 0) return null;
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores {@code value}, evicting the least recently used entry if the cache is full.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null (null means "absent")
     */
    public void put(String key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (capacity == 0) return;
        lock.lock();
        try {
            entries.put(key, value);
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        lock.lock();
        try {
            entries.clear();
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }
}
