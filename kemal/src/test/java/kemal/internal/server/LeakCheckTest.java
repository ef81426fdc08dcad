package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The leak check the engine tests rely on really sees a leaked buffer. */
@Timeout(30)
class LeakCheckTest {

    @Test
    void theSurefireSettingsInstallTheRecordingDetector() {
        assumeTrue(System.getProperty("io.netty.customResourceLeakDetector") != null, "run without surefire's argLine");
        ByteBufAllocator.DEFAULT.buffer(1).release();
        assertThat(RecordingLeakDetector.isInstalled()).isTrue();
    }

    @Test
    void aBufferNeverReleasedIsReported() throws InterruptedException {
        ByteBufAllocator.DEFAULT.buffer(1).release();
        assumeTrue(RecordingLeakDetector.isInstalled(), "Netty uses its own leak detector");
        List<String> leaks = new ArrayList<>();
        RecordingLeakDetector.quiet = true; // keep "LEAK" out of the test output: this one is deliberate
        try {
            leakOne();
            for (int i = 0; i < 50 && leaks.isEmpty(); i++) {
                System.gc();
                Thread.sleep(20);
                ByteBufAllocator.DEFAULT.buffer(16).release();
                leaks.addAll(RecordingLeakDetector.drain());
            }
        } finally {
            RecordingLeakDetector.quiet = false;
        }
        assertThat(leaks).isNotEmpty();
        assertThat(leaks.get(0)).contains("LEAK").contains("leakOne");
    }

    private static void leakOne() {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeInt(42);
    }
}
