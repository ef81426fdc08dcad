package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LookupCacheTest {

    @Test
    void negativeCapacityIsRejected() {
        assertThatThrownBy(() -> new LookupCache<String>(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void getReturnsWhatWasPut() {
        LookupCache<String> cache = new LookupCache<>(4);
        assertThat(cache.get("a")).isNull();
        cache.put("a", "1");
        cache.put("b", "2");
        assertThat(cache.get("a")).isEqualTo("1");
        assertThat(cache.get("b")).isEqualTo("2");
        assertThat(cache.get("c")).isNull();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.capacity()).isEqualTo(4);
    }

    @Test
    void putReplacesTheValue() {
        LookupCache<String> cache = new LookupCache<>(2);
        cache.put("a", "1");
        cache.put("a", "2");
        assertThat(cache.get("a")).isEqualTo("2");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void evictsTheLeastRecentlyUsed() {
        LookupCache<String> cache = new LookupCache<>(3);
        cache.put("a", "A");
        cache.put("b", "B");
        cache.put("c", "C");
        assertThat(cache.get("a")).isEqualTo("A"); // order of use now: b, c, a
        cache.put("d", "D"); // evicts b
        assertThat(cache.get("b")).isNull();
        assertThat(cache.size()).isEqualTo(3);
        cache.put("e", "E"); // evicts c
        assertThat(cache.get("c")).isNull();
        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get("d")).isEqualTo("D");
        assertThat(cache.get("e")).isEqualTo("E");
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void putOfAnExistingKeyCountsAsAUse() {
        LookupCache<String> cache = new LookupCache<>(2);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("a", "3"); // order of use: b, a
        cache.put("c", "4"); // evicts b
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isEqualTo("3");
        assertThat(cache.get("c")).isEqualTo("4");
    }

    @Test
    void missDoesNotChangeTheOrder() {
        LookupCache<String> cache = new LookupCache<>(2);
        cache.put("a", "1");
        cache.put("b", "2");
        assertThat(cache.get("zzz")).isNull();
        cache.put("c", "3"); // still evicts a
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isEqualTo("2");
    }

    @Test
    void capacityZeroDisablesCaching() {
        LookupCache<String> cache = new LookupCache<>(0);
        cache.put("a", "1");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();
        cache.clear();
        assertThat(cache.size()).isZero();
    }

    @Test
    void capacityOneKeepsOnlyTheLastEntry() {
        LookupCache<String> cache = new LookupCache<>(1);
        cache.put("a", "1");
        assertThat(cache.get("a")).isEqualTo("1");
        cache.put("b", "2");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isEqualTo("2");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void clearEmptiesTheCache() {
        LookupCache<String> cache = new LookupCache<>(3);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.clear();
        assertThat(cache.size()).isZero();
        assertThat(cache.get("a")).isNull();
        cache.put("c", "3");
        assertThat(cache.get("c")).isEqualTo("3");
    }

    @Test
    void nullsAreRejectedOnPut() {
        LookupCache<String> cache = new LookupCache<>(3);
        assertThatThrownBy(() -> cache.put(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put("x", null)).isInstanceOf(NullPointerException.class);
        assertThat(cache.get(null)).isNull();
    }

    @Test
    void hugeCapacityDoesNotPreallocate() {
        LookupCache<String> cache = new LookupCache<>(Integer.MAX_VALUE);
        cache.put("a", "1");
        assertThat(cache.get("a")).isEqualTo("1");
    }

    @Test
    @Timeout(60)
    void concurrentUseFromVirtualThreadsStaysBounded() throws Exception {
        int capacity = 16;
        LookupCache<String> cache = new LookupCache<>(capacity);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger maxSeen = new AtomicInteger();
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (running.get()) maxSeen.accumulateAndGet(cache.size(), Math::max);
        });
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 1000; t++) {
                futures.add(executor.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 500; i++) {
                        String key = "/k" + random.nextInt(64);
                        String value = cache.get(key);
                        if (value != null && !value.equals(key + "!")) failures.add(key + "=" + value);
                        if (value == null) cache.put(key, key + "!");
                        if (cache.size() > capacity) failures.add("size " + cache.size());
                    }
                }));
            }
            for (var future : futures) future.get();
        } finally {
            running.set(false);
            watcher.join();
        }
        assertThat(failures).isEmpty();
        assertThat(maxSeen.get()).isLessThanOrEqualTo(capacity);
        assertThat(cache.size()).isLessThanOrEqualTo(capacity).isPositive();
    }
}
