package kemal.internal.server;

import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, also remembering every leak it reports so {@link LeakCheck} can fail
 * the test. Netty instantiates it when the JVM runs with
 * {@code -Dio.netty.customResourceLeakDetector=kemal.internal.server.RecordingLeakDetector}
 * (set in the module's surefire configuration, with {@code -Dio.netty.leakDetection.level=paranoid}).
 */
public class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean created;
    /** Set by the detector's own test, so its deliberate leak is not logged as a real one. */
    static volatile boolean quiet;

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        created = true;
    }

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** Whether Netty uses this detector (false when the tests run without the surefire settings). */
    static boolean isInstalled() {
        return created;
    }

    /** The leaks reported so far, and forgets them. */
    static List<String> drain() {
        List<String> out = List.copyOf(LEAKS);
        LEAKS.removeAll(out);
        return out;
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add("LEAK: " + resourceType + records);
        if (!quiet) super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add("LEAK: " + resourceType + " (untraced)");
        if (!quiet) super.reportUntracedLeak(resourceType);
    }
}
