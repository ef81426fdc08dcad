package kemal.internal;

/**
 * Netty system properties whose defaults Kemal changes, set before Netty reads them and only
 * where the user has not set them ({@code -Dname=value} always wins).
 */
public final class NettyDefaults {
    /**
     * Netty's buffer allocators register their Flight Recorder events on their first allocation
     * whenever the JDK has JFR, recording or not: on the first request that costs 50 to 150 ms of
     * CPU, most of a Kemal app's time to its first answer once the classes come from an AOT
     * cache. Off by default; {@code -Dio.netty.jfr.enabled=true} brings the events back.
     */
    public static final String JFR_EVENTS = "io.netty.jfr.enabled";

    private NettyDefaults() {}

    /** Sets each default the user has not set. */
    public static void apply() {
        if (System.getProperty(JFR_EVENTS) == null) System.setProperty(JFR_EVENTS, "false");
    }
}
