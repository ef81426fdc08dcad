package kemal.internal.websocket;

import io.netty.channel.Channel;

/**
 * Where a socket's callbacks run: one at a time, in the order dispatched, held back until
 * {@link #start}. Dispatched from the socket's event loop (frames) or from any thread (a close).
 */
interface Callbacks {
    /** Runs {@code callback} in turn; {@code channel} is the socket's, or null before it is attached. */
    void dispatch(Runnable callback, Channel channel);

    /** Lets held and future callbacks run. */
    void start(Channel channel);

    /** No more callbacks are expected: resources kept for them may go. */
    void shutdown();

    /** Callbacks on the socket's own virtual thread: they may block. */
    static Callbacks onVirtualThread() {
        return new VirtualThreadCallbacks();
    }

    /** Callbacks on the socket's event loop: for a route that never blocks. */
    static Callbacks onEventLoop() {
        return new EventLoopCallbacks();
    }
}
