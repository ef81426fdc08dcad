package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reported a leaked buffer. Netty notices a leak only when the garbage
 * collector has cleared the buffer and a later allocation polls its queue, so after each test
 * (the server is stopped by then) this collects garbage and allocates a few times first.
 */
final class LeakCheck implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (!RecordingLeakDetector.isInstalled()) return;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(16);
            probe.release();
        }
        assertThat(RecordingLeakDetector.drain()).as("buffers leaked (Netty LEAK reports)").isEmpty();
    }
}
