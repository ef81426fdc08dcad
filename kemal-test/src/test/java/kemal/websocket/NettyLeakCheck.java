package kemal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tracks every Netty buffer while a test class runs (the paranoid leak detector, switched on at
 * run time so the rest of the module's tests keep their speed) and fails a test after which
 * Netty reports a buffer that was never released. Netty notices a leak only once the garbage
 * collector cleared the buffer and a later allocation looks, so this collects and allocates a
 * few times after each test (whose server is stopped by then).
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static ResourceLeakDetector.Level previous;

    static {
        ByteBufUtil.setLeakListener((resourceType, records) -> LEAKS.add("LEAK: " + resourceType + records));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        previous = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        assertThat(collect(3)).as("Netty buffers leaked").isEmpty();
    }

    /** Lets Netty look for unreleased buffers {@code rounds} times; returns (and forgets) what it found. */
    static List<String> collect(int rounds) throws InterruptedException {
        for (int i = 0; i < rounds; i++) {
            System.gc();
            Thread.sleep(20);
            ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(16);
            probe.release();
        }
        List<String> leaks = List.copyOf(LEAKS);
        LEAKS.removeAll(leaks);
        return leaks;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (previous != null) ResourceLeakDetector.setLevel(previous);
    }
}
