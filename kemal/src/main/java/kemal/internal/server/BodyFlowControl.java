package kemal.internal.server;

/** How a {@link RequestBody} asks its connection to pause or resume reading from the socket. */
interface BodyFlowControl {
    /** Too much body is buffered and unread: stop reading from the socket for now. */
    void pauseBody();

    /** The reader caught up: read again. */
    void resumeBody();

    /** A handler started reading a body whose client sent {@code Expect: 100-continue}. */
    void sendContinue();

    /** The body went over the size limit: the connection cannot be reused after this response. */
    void bodyTooLarge();
}
