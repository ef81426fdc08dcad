package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** add() running while other threads call find(). */
class RadixTreeConcurrencyTest {

    record Probe(String pattern, String path, String param, String value) {}

    @Test
    @Timeout(60)
    void findSeesEveryExistingRouteWhileRoutesAreAdded() throws Exception {
        RadixTree<String> tree = new RadixTree<>();
        List<Probe> existing = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            existing.add(new Probe("/r" + i + "/seg/:id", "/r" + i + "/seg/val" + i, "id", "val" + i));
            existing.add(new Probe("/s" + i + "/page", "/s" + i + "/page", null, null));
            // Not in the static fast path: the tolerant match walks the tree.
            existing.add(new Probe("/t" + i + "/page", "/t" + i + "/page/", null, null));
            existing.add(new Probe("/g" + i + "/*rest", "/g" + i + "/a/b", "rest", "a/b"));
        }
        for (Probe probe : existing) tree.add(probe.pattern(), probe.pattern());

        AtomicBoolean writing = new AtomicBoolean(true);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong lookups = new AtomicLong();
        AtomicLong lookupsWhileWriting = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    do {
                        for (Probe probe : existing) {
                            RouteMatch<String> match = tree.find(probe.path());
                            lookups.incrementAndGet();
                            if (writing.get()) lookupsWhileWriting.incrementAndGet();
                            if (match == null || !match.pattern().equals(probe.pattern())
                                    || (probe.param() != null && !probe.value().equals(match.param(probe.param())))) {
                                failures.add(probe.path() + " -> " + match);
                            }
                        }
                    } while (writing.get());
                } catch (Throwable e) {
                    failures.add(e.toString());
                }
            }));
        }

        start.countDown();
        while (lookups.get() < 1000) Thread.onSpinWait(); // readers are running
        int added = 0;
        for (int j = 0; j < 400; j++) {
            int i = j % 40;
            // Each new route shares a prefix with an existing one, forcing splits and new siblings.
            tree.add("/r" + i + "/se" + j, "new");
            tree.add("/r" + i + "/seg/z" + j, "new");
            tree.add("/r" + i + "/seg/:other" + j + "/x" + j, "new");
            tree.add("/s" + i + "x" + j, "new");
            tree.add("/t" + i + "/pag" + j, "new");
            tree.add("/s" + i + "/pa" + j + "/:p", "new");
            tree.add("/g" + i + "/z" + j, "new");
            tree.add("/n" + j + "/*x", "new");
            added += 8;
            if (j % 50 == 0) Thread.sleep(1); // let readers interleave with the remaining adds
        }
        writing.set(false);
        for (Thread reader : readers) reader.join();

        assertThat(failures).isEmpty();
        assertThat(lookupsWhileWriting.get()).isGreaterThan(1000);
        assertThat(tree.size()).isEqualTo(existing.size() + added);
        assertThat(tree.find("/r3/seg/val3/x43").params()).containsExactlyEntriesOf(Map.of("other43", "val3"));
        assertThat(tree.find("/s5/pa45/q").param("p")).isEqualTo("q");
        assertThat(tree.find("/n399/a/b").param("x")).isEqualTo("a/b");
        for (Probe probe : existing) assertThat(tree.find(probe.path()).pattern()).isEqualTo(probe.pattern());
    }

    @Test
    @Timeout(60)
    void concurrentAddsAreAllKept() throws Exception {
        RadixTree<Integer> tree = new RadixTree<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int base = t * 1000;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = base; i < base + 200; i++) tree.add("/c/" + i + "/:id", i);
            }));
        }
        for (Thread writer : writers) writer.join();
        assertThat(tree.size()).isEqualTo(1600);
        for (int t = 0; t < 8; t++) {
            for (int i = t * 1000; i < t * 1000 + 200; i++) {
                assertThat(tree.find("/c/" + i + "/x").payload()).isEqualTo(i);
            }
        }
    }
}
