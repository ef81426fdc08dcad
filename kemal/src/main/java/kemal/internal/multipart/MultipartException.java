package kemal.internal.multipart;

/** A multipart body that cannot be parsed; the message is a short reason for the 400. */
public final class MultipartException extends RuntimeException {
    public MultipartException(String reason) {
        super(reason);
    }

    public MultipartException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
