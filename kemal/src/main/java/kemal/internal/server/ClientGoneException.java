package kemal.internal.server;

/** Thrown to a handler that streams to a client that has disconnected, so it stops early. */
public final class ClientGoneException extends RuntimeException {
    ClientGoneException() {
        super("The client closed the connection", null, false, false);
    }
}
