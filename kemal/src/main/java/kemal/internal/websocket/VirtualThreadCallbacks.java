package kemal.internal.websocket;

import io.netty.channel.Channel;
import kemal.internal.concurrent.SerialExecutor;

/**
 * Callbacks on one virtual thread per socket, parked between messages. Dispatched from the
 * event loop, the thread is woken after the loop's turn, with the other sockets that turn fed.
 */
final class VirtualThreadCallbacks implements Callbacks {
    private final SerialExecutor executor = new SerialExecutor("kemal-websocket");

    @Override
    public void dispatch(Runnable callback, Channel channel) {
        if (channel != null && channel.eventLoop().inEventLoop()) executor.executeFromLoop(callback, channel.eventLoop());
        else executor.execute(callback);
    }

    @Override
    public void start(Channel channel) {
        executor.start();
    }

    @Override
    public void shutdown() {
        executor.shutdown(); // the socket's thread ends once it has run what is queued
    }
}
