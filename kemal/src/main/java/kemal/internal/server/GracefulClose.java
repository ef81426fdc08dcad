package kemal.internal.server;

/** A protocol handler that a graceful stop asks to wind its connection down. */
public interface GracefulClose {
    /** Finishes what is in progress, then closes (HTTP), or says goodbye (WebSocket 1001). */
    void closeGracefully();
}
