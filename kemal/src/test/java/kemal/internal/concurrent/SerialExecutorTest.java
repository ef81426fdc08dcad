package kemal.internal.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void tasksWaitForStartThenRunInOrderOnOneVirtualThread() throws Exception {
        SerialExecutor executor = new SerialExecutor("test-serial");
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            int n = i;
            executor.execute(() -> {
                ran.add(n);
                threads.add(Thread.currentThread());
                done.countDown();
            });
        }
        Thread.sleep(50);
        assertThat(ran).as("nothing runs before start()").isEmpty();

        executor.start();

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(threads).hasSize(1).allMatch(Thread::isVirtual);
        executor.shutdown();
    }

    @Test
    void theThreadParksBetweenTasksAndEndsOnShutdown() throws Exception {
        SerialExecutor executor = new SerialExecutor("test-serial");
        executor.start();
        Thread first = runAndGetThread(executor);
        Thread.sleep(100); // idle: the thread waits for the next task instead of ending
        Thread second = runAndGetThread(executor);

        assertThat(second).isSameAs(first);
        assertThat(first.isAlive()).isTrue();

        executor.shutdown();
        first.join(5000);
        assertThat(first.isAlive()).as("the thread ends once shut down").isFalse();
    }

    @Test
    void tasksQueuedBeforeShutdownRunAndLaterOnesToo() throws Exception {
        SerialExecutor executor = new SerialExecutor("test-serial");
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        executor.start();
        executor.execute(() -> {
            await(release);
            ran.add("blocking");
        });
        executor.execute(() -> ran.add("queued"));
        executor.shutdown();
        release.countDown();
        Thread late = runAndGetThread(executor);

        late.join(5000);
        assertThat(late.isAlive()).as("a thread started after shutdown ends when its work is done").isFalse();
        assertThat(ran).containsExactly("blocking", "queued");
    }

    @Test
    void tasksSubmittedFromAnEventLoopRunAfterItsTurnInOrderWithoutLoss() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
        try {
            EventLoop loop = group.next();
            SerialExecutor executor = new SerialExecutor("test-serial");
            executor.start();
            int producers = 4;
            int perProducer = 5000;
            ConcurrentHashMap<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(producers * perProducer);
            AtomicInteger outOfOrder = new AtomicInteger();
            // From the loop (batched wakeups) and from plain threads (immediate ones), interleaved.
            List<Thread> senders = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                seen.put(producer, Collections.synchronizedList(new ArrayList<>()));
                Runnable send = () -> {
                    for (int i = 0; i < perProducer; i++) {
                        int n = i;
                        Runnable task = () -> {
                            List<Integer> list = seen.get(producer);
                            if (!list.isEmpty() && list.getLast() != n - 1) outOfOrder.incrementAndGet();
                            list.add(n);
                            done.countDown();
                        };
                        if (producer % 2 == 0) loop.execute(() -> executor.executeFromLoop(task, loop));
                        else executor.execute(task);
                    }
                };
                senders.add(Thread.ofPlatform().start(send));
            }
            for (Thread sender : senders) sender.join();

            assertThat(done.await(10, TimeUnit.SECONDS)).as("every task ran").isTrue();
            assertThat(outOfOrder.get()).as("each producer's tasks ran in its order").isZero();
            executor.shutdown();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static Thread runAndGetThread(SerialExecutor executor) throws InterruptedException {
        Thread[] thread = new Thread[1];
        CountDownLatch ran = new CountDownLatch(1);
        executor.execute(() -> {
            thread[0] = Thread.currentThread();
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        return thread[0];
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
